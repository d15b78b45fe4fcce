// UTF-8 under one policy for everything ttplan writes for people: the readable formats, the
// markup escapes, iCalendar text and error messages. Protocol text is untrusted input, so what
// counts as a control character, what invalid UTF-8 becomes and how wide a character is on a
// terminal are decided here once, not by each format (docs/formats-tables.md, "Text from the
// protocol").
//
// The policy:
// - Invalid UTF-8: every byte that does not begin a well-formed sequence (a stray continuation
//   byte, a sequence cut short, an overlong form, a surrogate U+D800..U+DFFF, a code point past
//   U+10FFFF) stands for one U+FFFD. Nothing ttplan writes is invalid UTF-8.
// - Control characters are C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F) alike. C1
//   belongs with C0: terminals obey U+009B (CSI) as they obey ESC [, and U+0085 (NEL) breaks
//   lines, so letting C1 through would undo what replacing ESC and LF achieves.
// - In a line of plain text (the text formats, names in tables and grids, iCalendar TEXT, error
//   messages) a control character becomes one space, so word boundaries survive. The markup
//   escapes write U+FFFD instead, except for the line breaks and tabs each markup spells.
//
// The operations are implemented with utfcpp, which stays out of this header.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttplan::detail {

// U+FFFD REPLACEMENT CHARACTER, in UTF-8.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

// C0, DEL and C1: the characters that are never written as they are.
constexpr bool is_control(char32_t cp) noexcept {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// One step of a walk through UTF-8 text.
struct code_point {
    char32_t value = 0;     // U+FFFD when `valid` is false
    std::size_t bytes = 0;  // bytes of the text it takes: 1..4, and 1 when not valid
    bool valid = false;
};

// The code point that starts at byte `at` of `text`.
// Preconditions: at < text.size().
// Remarks: walking with `at += decode_at(text, at).bytes` visits every byte exactly once and
// follows the policy above for invalid sequences.
code_point decode_at(std::string_view text, std::size_t at) noexcept;

// True when `text` is well-formed UTF-8 (controls are valid UTF-8: ask is_control for those).
bool is_valid_utf8(std::string_view text) noexcept;

// Terminal columns of one character, without the locale: 0 for combining marks, zero-width
// characters and variation selectors; 2 for East Asian wide and fullwidth characters (CJK,
// Hangul, kana, fullwidth forms) and emoji; 1 otherwise. A control character counts 1 (it is
// written as a space), so does an invalid byte (written as U+FFFD).
std::size_t columns(char32_t cp) noexcept;

// Terminal columns of `text` as the plain-text formats write it.
std::size_t columns(std::string_view text) noexcept;

// Byte length of the longest prefix of `text` that fits in `width` columns. A character is
// never split, and zero-width characters stay with the character they follow. Returns 0 when
// the first character alone is wider than `width`.
std::size_t prefix_within(std::string_view text, std::size_t width) noexcept;

// `text` as one line of plain text: every control character (line breaks and tabs included)
// becomes a space and invalid UTF-8 becomes U+FFFD; everything else is copied. Safe to print
// on a terminal and to put in a table cell, a grid or an error message.
std::string one_line_text(std::string_view text);

}  // namespace ttplan::detail
