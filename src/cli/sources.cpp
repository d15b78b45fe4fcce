// Where a protocol or record named on the command line comes from: a built-in id, a file, or
// "-" for standard input.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

namespace ttplan::cli {

namespace {

// The bound the library puts on a protocol or record file, for the same reason: an endless
// source (a device, a runaway pipe) ends in an error instead of filling memory.
constexpr std::size_t max_input_bytes = std::size_t{16} << 20;

}  // namespace

bool is_standard_input(std::string_view name) {
    return name == "-";
}

const std::string& standard_input_text() {
    // Read once: `ttplan plan -` asks whether the text is a record, then reads it as one.
    static std::optional<std::string> text;
    if (text) return *text;
    std::string read;
    std::array<char, 65536> buffer{};
    for (;;) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), stdin);
        read.append(buffer.data(), n);
        if (read.size() > max_input_bytes) {
            throw io_error(
                fmt::format("cannot read standard input: it is larger than {} MiB; a protocol is a few "
                            "kilobytes, a record a few more",
                            max_input_bytes >> 20),
                location{std::string(standard_input_origin), {}, 0, 0});
        }
        if (n < buffer.size()) break;
    }
    if (std::ferror(stdin)) {
        throw io_error(fmt::format("cannot read standard input: {}", std::strerror(errno)),
                       location{std::string(standard_input_origin), {}, 0, 0});
    }
    text = std::move(read);
    return *text;
}

protocol load_protocol_input(std::string_view id_or_path) {
    if (is_standard_input(id_or_path)) return parse_protocol(standard_input_text(), standard_input_origin);
    return load_protocol(id_or_path);
}

std::string input_origin(std::string_view id_or_path) {
    return is_standard_input(id_or_path) ? std::string(standard_input_origin) : protocol_origin(id_or_path);
}

bool is_record_input(const std::string& path) {
    return is_standard_input(path) ? is_record_text(standard_input_text()) : is_record_file(path);
}

treatment_record load_record_input(const std::string& path) {
    if (is_standard_input(path)) return parse_record(standard_input_text(), standard_input_origin);
    return load_record_file(path);
}

std::vector<problem> validate_protocol_input(const std::string& path) {
    if (is_standard_input(path)) return validate_protocol(standard_input_text(), standard_input_origin);
    return validate_protocol_file(path);
}

void refuse_second_standard_input(const std::vector<std::string>& names, std::string_view what) {
    if (std::count_if(names.begin(), names.end(), [](const std::string& n) { return is_standard_input(n); }) >
        1) {
        throw usage_error(
            fmt::format("\"-\" (standard input) is given more than once among the {}; "
                        "standard input can be read once",
                        what));
    }
}

}  // namespace ttplan::cli
