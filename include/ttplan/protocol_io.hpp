// Protocol files (JSON, "format": "ttplan-protocol/2") and the built-in catalog.
#pragma once

#include <ttplan/error.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// The format name and version written into every protocol file. Files of every earlier
// version are read too: they are upgraded on reading and plan exactly as before.
inline constexpr std::string_view protocol_format = "ttplan-protocol";
inline constexpr int protocol_format_version = 2;

// Parses and checks a protocol from JSON text. `origin` names the text in error locations
// (a path, "builtin:<id>", "<string>"). Throws parse_error for text that is not JSON (with
// line and column), validation_error listing every problem (unknown keys, wrong types,
// dangling references, cycles, bad lengths, unbounded repeats) by JSON pointer.
protocol parse_protocol(std::string_view json_text, std::string_view origin = "<string>");

// Reads a file and parses it. Throws io_error when it cannot be read.
protocol load_protocol_file(const std::filesystem::path& path);

// Every problem in a protocol file (empty when valid); never throws for a bad protocol, only
// for an unreadable file (io_error). Once the file passes the format's rules, it is planned
// for every parameter combination (check_plans() in <ttplan/plan_check.hpp>), and what those
// plans meet is reported too, located in the file like every other problem.
std::vector<problem> validate_protocol_file(const std::filesystem::path& path);

// The same for protocol text (standard input, a buffer); `origin` names it in every problem.
// Never throws for bad text.
std::vector<problem> validate_protocol(std::string_view json_text, std::string_view origin = "<string>");

// The protocol as file text (2-space indent, trailing newline). parse_protocol(to_json(p)) == p.
std::string to_json(const protocol& p);

// The built-in catalog, embedded into the library at build time.
struct catalog_entry {
    std::string id;
    std::string title;
    std::string summary;
};
std::vector<catalog_entry> builtin_protocols();
std::string_view default_protocol_id();
// Throws error listing the built-in ids when `id` is unknown.
protocol load_builtin(std::string_view id);
// A built-in id, or else a path to a protocol file.
protocol load_protocol(std::string_view id_or_path);

}  // namespace ttplan
