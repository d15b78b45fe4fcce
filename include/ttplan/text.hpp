// Text from a protocol, a record or a command line, made safe to show a person: the one rule
// every format of ttplan for people and every error message follows (docs/text-safety.md),
// for a program that prints names or messages of its own.
#pragma once

#include <ttplan/export.hpp>

#include <string>
#include <string_view>

namespace TTPLAN_API ttplan {

// `text` as one line that cannot drive a terminal.
// Returns: `text` with tab, LF, VT, FF, CR and NEL (U+0085) as a space; the other C0 characters
// and DEL as their Unicode control pictures (ESC as U+241B, NUL as U+2400, DEL as U+2421); the
// other C1 characters, the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
// U+2066..U+2069) and each byte of invalid UTF-8 as U+FFFD. Everything else is copied, so text
// without those characters comes back unchanged.
// Remarks: the result is valid UTF-8 with no byte below 0x20, no DEL, no C1 character and no
// bidirectional control. Throws nothing but std::bad_alloc.
std::string printable_line(std::string_view text);

// `text` as lines that cannot drive a terminal: as printable_line, except that LF (and CR LF)
// stays a line break, written as LF.
std::string printable_text(std::string_view text);

}  // namespace ttplan
