// RFC 5545 text mechanics: TEXT escaping, content-line folding, and the hash behind UIDs.
// Kept apart from the calendar layout so each rule can be tested on its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ttplan::detail {

// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma are escaped and every line
// break (CRLF, CR or LF) becomes "\n". Colons and double quotes are left alone: escaping them
// is invalid and shows up as stray backslashes in clients. Control characters other than tab
// (C0, DEL and C1), which TEXT may not contain, and bidirectional controls are written as
// utf8_text.hpp's shown_as gives; invalid UTF-8 becomes U+FFFD so that folding can always find
// character boundaries.
std::string escape_text(std::string_view text);

// A title for one line: every line break (CRLF, CR or LF) becomes one space. RFC 5545 allows
// breaks in SUMMARY, but clients show titles on one line and some (calcurse) refuse the event.
std::string single_line(std::string_view text);

// One content line, folded so that no physical line exceeds 75 octets (excluding CRLF):
// continuation lines start with one space, which counts towards their 75. A UTF-8 character
// is never split across physical lines. Every physical line ends with CRLF.
// Precondition: `line` is valid UTF-8 without CR or LF (escape_text's output, or ASCII).
std::string fold_line(std::string_view line);
// The same, appended to `out`: whole runs at a time, never byte by byte.
void append_folded(std::string& out, std::string_view line);

}  // namespace ttplan::detail
