// The message catalogs (po/<language>/*.po, compiled to .mo), embedded at build time by
// cmake/TtplanEmbed.cmake, so the library needs no files at run time. Private to the library.
#pragma once

#include <string_view>
#include <vector>

namespace ttplan::detail {

struct catalog_file {
    std::string_view language;  // "es", "fr"
    std::string_view mo;        // the compiled catalog, GNU .mo
};

// Sorted by language.
const std::vector<catalog_file>& catalog_files();

}  // namespace ttplan::detail
