#include <ttplan/protocol_io.hpp>

#include <ttplan/plan_check.hpp>

#include "json_scan.hpp"
#include "protocol_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <optional>

namespace ttplan {

namespace {

using json = nlohmann::json;

// Calls f(activity) for every activity object of every phase of a document.
template <typename F>
void for_each_activity(json& doc, F f) {
    const auto phases = doc.find("phases");
    if (phases == doc.end() || !phases->is_array()) return;
    for (json& ph : *phases) {
        if (!ph.is_object()) continue;
        const auto activities = ph.find("activities");
        if (activities == ph.end() || !activities->is_array()) continue;
        for (json& a : *activities) {
            if (a.is_object()) f(a);
        }
    }
}

// Version 1 -> 2: an activity's count of days, "times", is "at_most"; version 2 uses "times"
// for clock times within a day.
void upgrade_1_to_2(json& doc) {
    for_each_activity(doc, [](json& a) {
        const auto it = a.find("times");
        if (it == a.end() || a.contains("at_most")) return;
        a["at_most"] = std::move(*it);
        a.erase("times");
    });
}

// A pointer into an upgraded version-2 document, as it is spelled in the version-1 file.
std::string pointer_in_1(std::string pointer) {
    constexpr std::string_view key = "/at_most";
    const std::size_t at = pointer.find(key);
    const bool whole_token =
        at != std::string::npos && (at + key.size() == pointer.size() || pointer[at + key.size()] == '/');
    if (whole_token && pointer.find("/activities/") != std::string::npos)
        pointer.replace(at, key.size(), "/times");
    return pointer;
}

// One step per format version, applied to the raw document before typed reading, so that a
// reader for version N also reads files written for any earlier version: step k turns a
// version-k document into a version-(k+1) one, and maps a pointer into the upgraded document
// back to where the version-k file has that value, so problems point into the file as written.
struct upgrade_step {
    int from_version;
    void (*apply)(json& doc);
    std::string (*pointer_before)(std::string pointer);
};
constexpr std::array<upgrade_step, 1> upgrade_steps{{{1, &upgrade_1_to_2, &pointer_in_1}}};
constexpr int oldest_format_version = 1;

std::string expected_format() {
    return fmt::format("{}/{}", protocol_format, protocol_format_version);
}

// The format version of `doc`, or a problem explaining why it is not a protocol this
// library can read.
std::optional<problem> format_version(const json& doc, int& version) {
    const auto bad = [](std::string pointer, std::string message) {
        return std::optional<problem>(problem{{"", std::move(pointer), 0, 0}, std::move(message)});
    };
    if (!doc.is_object()) {
        return bad(
            "", fmt::format("a protocol file is a JSON object with \"format\": \"{}\"", expected_format()));
    }
    const auto it = doc.find("format");
    if (it == doc.end()) {
        return bad("", fmt::format("missing \"format\": not a ttplan protocol file (expected "
                                   "\"format\": \"{}\")",
                                   expected_format()));
    }
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    const auto slash = text.rfind('/');
    if (!it->is_string() || slash == std::string::npos ||
        std::string_view(text).substr(0, slash) != protocol_format) {
        return bad("/format", fmt::format("not a ttplan protocol file: format is \"{}\" "
                                          "(expected \"{}\")",
                                          text, expected_format()));
    }
    const char* first = text.data() + slash + 1;
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, version);
    if (ec != std::errc{} || end != last || first == last || version < oldest_format_version) {
        return bad("/format", fmt::format("unknown format version in \"{}\" (expected \"{}\")", text,
                                          expected_format()));
    }
    if (version > protocol_format_version) {
        return bad("/format", fmt::format("written by a newer ttplan: format version {}, this ttplan reads "
                                          "versions {} to {}",
                                          version, oldest_format_version, protocol_format_version));
    }
    return std::nullopt;
}

void upgrade(json& doc, int version) {
    for (const upgrade_step& step : upgrade_steps) {
        if (step.from_version == version) {
            step.apply(doc);
            ++version;
        }
    }
}

// A pointer into a document upgraded from `version` to the current one, as the file spells it.
std::string pointer_in_version(std::string pointer, int version) {
    for (auto step = upgrade_steps.rbegin(); step != upgrade_steps.rend(); ++step) {
        if (step->from_version >= version) pointer = step->pointer_before(std::move(pointer));
    }
    return pointer;
}

// Rewrites a pointer from the model's view to the file's: the model stores one-element
// lists where the file may hold a single value ("until": {...}, "when": {"tki": "x"}), so a
// "/0" step into something that is not an array is dropped. This is knowledge of the
// protocol file's shorthand, so it lives here and not in the model's check().
std::string file_pointer(const json& doc, std::string_view pointer) {
    if (pointer.empty() || pointer.front() != '/') return std::string(pointer);
    std::string out;
    const json* node = &doc;
    std::size_t at = 1;
    for (;;) {
        const std::size_t end = std::min(pointer.find('/', at), pointer.size());
        const std::string_view token = pointer.substr(at, end - at);
        if (node == nullptr) {
            out += '/';
            out += token;
        } else if (node->is_array()) {
            out += '/';
            out += token;
            std::size_t index = 0;
            const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
            node = (ec == std::errc{} && p == token.data() + token.size() && index < node->size())
                       ? &(*node)[index]
                       : nullptr;
        } else if (token == "0" && !(node->is_object() && node->contains("0"))) {
            // A single value standing for a one-element list: the step is not in the file.
        } else {
            out += '/';
            out += token;
            const json* next = nullptr;
            if (node->is_object()) {
                std::string key;
                for (std::size_t i = 0; i < token.size(); ++i) {
                    if (token[i] == '~' && i + 1 < token.size()) {
                        key += token[i + 1] == '1' ? '/' : '~';
                        ++i;
                    } else {
                        key += token[i];
                    }
                }
                if (auto it = node->find(key); it != node->end()) next = &*it;
            }
            node = next;
        }
        if (end == pointer.size()) break;
        at = end + 1;
    }
    return out;
}

}  // namespace

namespace detail {

protocol_document read_protocol_document(json doc, std::vector<problem>& problems) {
    protocol_document out;
    const std::size_t first = problems.size();
    int version = 0;
    if (auto bad = format_version(doc, version)) {
        // Past a foreign or newer format the rest would be noise.
        problems.push_back(std::move(*bad));
    } else {
        upgrade(doc, version);
        std::vector<std::string> rejected;
        out.value = detail::read_protocol(doc, problems, rejected);
        for (problem& p : check(out.value)) {
            // check() points into the model's form; the file may hold a single value where
            // the model has a list.
            p.where.pointer = file_pointer(doc, p.where.pointer);
            // Where the reader rejected a value the model holds a default; the reader's
            // message is the one that explains it.
            const bool explained = std::any_of(rejected.begin(), rejected.end(), [&](const std::string& r) {
                return p.where.pointer == r || p.where.pointer.starts_with(r + "/");
            });
            if (!explained) problems.push_back(std::move(p));
        }
        for (std::size_t i = first; i < problems.size(); ++i) {
            problems[i].where.pointer = pointer_in_version(std::move(problems[i].where.pointer), version);
        }
    }
    out.document = std::move(doc);
    out.version = version;
    return out;
}

}  // namespace detail

namespace {

struct read_result {
    protocol value;
    std::vector<problem> problems;
    // The document as read (upgraded) and its lines, to locate later problems in the file.
    json document;
    detail::line_map lines;
    int version = 0;  // the file's format version, before the upgrade
};

// Every problem with the text, located in the file; throws parse_error for non-JSON.
read_result read_text(std::string_view text, std::string_view origin) {
    detail::scanned_json scanned = detail::scan_json(text, origin);
    read_result out;
    // The scanner's problems point into the file as written, before any upgrade.
    out.problems = std::move(scanned.problems);
    detail::protocol_document doc = detail::read_protocol_document(std::move(scanned.value), out.problems);
    for (problem& p : out.problems) {
        p.where.file = std::string(origin);
        if (p.where.line == 0) p.where.line = detail::line_of(scanned.lines, p.where.pointer);
    }
    std::stable_sort(out.problems.begin(), out.problems.end(),
                     [](const problem& a, const problem& b) { return a.where.line < b.where.line; });
    out.value = std::move(doc.value);
    out.document = std::move(doc.document);
    out.lines = std::move(scanned.lines);
    out.version = doc.version;
    return out;
}

}  // namespace

namespace detail {

// The built-in protocols are 3 to 16 KB; anything past this is neither a protocol nor a record.
constexpr std::size_t max_protocol_file_bytes = std::size_t{16} << 20;

std::string read_text_file(const std::filesystem::path& path, std::string_view what) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw io_error(fmt::format("cannot read {}: it is a directory", what), location{name, "", 0, 0});
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw io_error(fmt::format("cannot read {}: {}", what, std::filesystem::exists(path, ec)
                                                                        ? "permission denied or unreadable"
                                                                        : "no such file"),
                       location{name, "", 0, 0});
    }
    // Read in pieces up to a bound, so that an endless source (/dev/zero, a device) ends in an
    // error instead of filling memory.
    std::string text;
    std::array<char, 65536> buffer{};
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_protocol_file_bytes) {
            throw io_error(fmt::format("cannot read {}: it is larger than {} MiB; a protocol is a few "
                                       "kilobytes, a record a few more",
                                       what, max_protocol_file_bytes >> 20),
                           location{name, "", 0, 0});
        }
    }
    if (in.bad()) throw io_error(fmt::format("cannot read {}: read error", what), location{name, "", 0, 0});
    return text;
}

}  // namespace detail

protocol parse_protocol(std::string_view json_text, std::string_view origin) {
    read_result r = read_text(json_text, origin);
    if (!r.problems.empty()) throw validation_error(std::move(r.problems));
    return std::move(r.value);
}

protocol load_protocol_file(const std::filesystem::path& path) {
    return parse_protocol(detail::read_text_file(path, "protocol file"), path.string());
}

std::vector<problem> validate_protocol_file(const std::filesystem::path& path) {
    return validate_protocol(detail::read_text_file(path, "protocol file"), path.string());
}

std::vector<problem> validate_protocol(std::string_view json_text, std::string_view origin) {
    const std::string file(origin);
    try {
        read_result r = read_text(json_text, origin);
        std::vector<problem> problems = std::move(r.problems);
        if (problems.empty()) {
            // The file is well formed: plan it for every parameter combination, for the
            // problems that only some patients' plans meet.
            for (problem& p : check_plans(r.value)) {
                p.where.pointer = pointer_in_version(file_pointer(r.document, p.where.pointer), r.version);
                p.where.file = file;
                p.where.line = detail::line_of(r.lines, p.where.pointer);
                problems.push_back(std::move(p));
            }
            std::stable_sort(problems.begin(), problems.end(),
                             [](const problem& a, const problem& b) { return a.where.line < b.where.line; });
        }
        if (problems.empty()) return problems;
        // The messages a thrown validation_error would carry: one line, terminal-safe.
        return validation_error(std::move(problems)).problems();
    } catch (const parse_error& e) {
        return {problem{e.where(), e.message()}};
    }
}

}  // namespace ttplan
