#include <ttplan/protocol_io.hpp>

#include "builtin_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace ttplan {

namespace {

const detail::builtin_file* find_builtin(std::string_view id) {
    const auto& files = detail::builtin_files();
    const auto it =
        std::find_if(files.begin(), files.end(), [&](const detail::builtin_file& f) { return f.id == id; });
    return it == files.end() ? nullptr : &*it;
}

std::string builtin_ids() {
    std::string out;
    for (const auto& f : detail::builtin_files()) {
        if (!out.empty()) out += ", ";
        out += f.id;
    }
    return out;
}

}  // namespace

std::vector<catalog_entry> builtin_protocols() {
    std::vector<catalog_entry> out;
    for (const auto& f : detail::builtin_files()) {
        const protocol p = load_builtin(f.id);
        out.push_back({p.id, p.title, p.summary});
    }
    return out;
}

std::string_view default_protocol_id() {
    return "all-overview";
}

protocol load_builtin(std::string_view id) {
    const detail::builtin_file* file = find_builtin(id);
    if (file == nullptr) {
        throw error(fmt::format("unknown built-in protocol \"{}\" (built-in: {})", id, builtin_ids()));
    }
    const std::string origin = fmt::format("builtin:{}", file->id);
    protocol p = parse_protocol(file->text, origin);
    // The file name is the id users type; a file that says otherwise would load under a
    // name it does not answer to.
    if (p.id != file->id) {
        throw validation_error({problem{{origin, "/id", 0, 0},
                                        fmt::format("built-in protocol file \"{}.json\" has id "
                                                    "\"{}\"; the id must equal the file name",
                                                    file->id, p.id)}});
    }
    return p;
}

protocol load_protocol(std::string_view id_or_path) {
    if (find_builtin(id_or_path) != nullptr) return load_builtin(id_or_path);
    const std::filesystem::path path{std::string(id_or_path)};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw io_error(fmt::format("\"{}\" is neither a built-in protocol ({}) nor an existing file",
                                   id_or_path, builtin_ids()),
                       location{std::string(id_or_path), "", 0, 0});
    }
    return load_protocol_file(path);
}

}  // namespace ttplan
