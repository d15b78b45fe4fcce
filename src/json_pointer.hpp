// JSON pointers (RFC 6901): how the model says where a problem is. check() builds them from
// the model alone; the I/O layer (protocol_io.cpp) maps them to lines of the file it read.
#pragma once

#include <string>
#include <string_view>

namespace ttplan::detail {

// `key` escaped as one JSON pointer reference token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace ttplan::detail
