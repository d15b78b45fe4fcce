// The built-in protocol files, embedded at build time (see cmake/TtplanEmbed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace ttplan::detail {

struct builtin_file {
    std::string_view id;    // the file name without .json
    std::string_view text;  // the JSON text
};

// Sorted by id.
const std::vector<builtin_file>& builtin_files();

}  // namespace ttplan::detail
