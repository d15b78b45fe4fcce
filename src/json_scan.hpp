// Reading JSON text with enough position information to point users at lines.
#pragma once

#include <ttplan/error.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// JSON pointer -> line: the line of the key for object members, of the value for array
// elements and the root.
using line_map = std::map<std::string, int, std::less<>>;

struct scanned_json {
    nlohmann::json value;
    line_map lines;
    // Problems JSON itself tolerates but a protocol must not have (duplicate keys).
    std::vector<problem> problems;
};

// Parses `text`. Throws parse_error, located at the line and column of the offending
// character, for text that is not JSON or nests deeper than any protocol needs.
scanned_json scan_json(std::string_view text, std::string_view origin);

// The line of `pointer`, or of its nearest ancestor the map knows; 0 when none.
int line_of(const line_map& lines, std::string_view pointer);

// `key` escaped as one JSON pointer reference token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

// Rewrites a pointer from the model's view to the file's: the model stores one-element
// lists where the file may hold a single value ("until": {...}, "when": {"tki": "x"}), so a
// "/0" step into something that is not an array is dropped.
std::string file_pointer(const nlohmann::json& doc, std::string_view pointer);

}  // namespace ttplan::detail
