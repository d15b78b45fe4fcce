// ttplan: treatment-timeline planner. The version is written here once; CMake reads it.
#pragma once

#include <ttplan/export.hpp>

#define TTPLAN_VERSION_MAJOR 0
#define TTPLAN_VERSION_MINOR 1
#define TTPLAN_VERSION_PATCH 0
#define TTPLAN_VERSION_STRING "0.1.0"

namespace TTPLAN_API ttplan {
inline constexpr const char* version_string = TTPLAN_VERSION_STRING;

// Printed by every human-readable output and carried by JSON output.
inline constexpr const char* disclaimer =
    "For planning and education only. ttplan computes no doses; check every date against the "
    "treating team's protocol.";
}  // namespace ttplan
