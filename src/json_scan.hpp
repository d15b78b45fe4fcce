// Reading JSON text with enough position information to point users at lines.
#pragma once

#include <ttplan/error.hpp>

#include "json_pointer.hpp"

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

}  // namespace ttplan::detail
