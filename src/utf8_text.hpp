// UTF-8 under one policy for everything ttplan writes for people: the readable formats, the
// markup escapes, iCalendar text and error messages. Protocol text is untrusted input, so what
// counts as a control character, what invalid UTF-8 becomes and how wide a character is on a
// terminal are decided here once, not by each format (docs/formats-tables.md, "Text from the
// protocol").
//
// The policy (docs/text-safety.md):
// - Invalid UTF-8: every byte that does not begin a well-formed sequence (a stray continuation
//   byte, a sequence cut short, an overlong form, a surrogate U+D800..U+DFFF, a code point past
//   U+10FFFF) stands for one U+FFFD. Nothing ttplan writes is invalid UTF-8.
// - Control characters are C0 (U+0000..U+001F), DEL (U+007F) and C1 (U+0080..U+009F) alike. C1
//   belongs with C0: terminals obey U+009B (CSI) as they obey ESC [, and U+0085 (NEL) breaks
//   lines, so letting C1 through would undo what replacing ESC and LF achieves.
// - Bidirectional controls are the embeddings and overrides U+202A..U+202E and the isolates
//   U+2066..U+2069: each changes the order in which the text after it is shown, past the end
//   of the name that holds it. The marks U+200E, U+200F and U+061C are kept: each acts as one
//   strong letter, which a Hebrew or Arabic name may hold anyway.
// - Every control and bidirectional control is written as what `shown_as` gives, in every
//   format for people, markup included, unless a format has its own spelling for a line break
//   or tab: the whitespace controls (tab, LF, VT, FF, CR, NEL) become a space, so words stay
//   apart; the other C0 characters and DEL their Unicode control picture (ESC as U+241B, NUL as
//   U+2400, DEL as U+2421), so the reader sees that the name holds one; C1 characters, which
//   have no picture, and the bidirectional controls U+FFFD.
//
// The operations are implemented with utfcpp, which stays out of this header.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttplan::detail {

// U+FFFD REPLACEMENT CHARACTER, in UTF-8.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

// C0, DEL and C1.
constexpr bool is_control(char32_t cp) noexcept {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// The embeddings, overrides and their terminator (LRE, RLE, PDF, LRO, RLO) and the isolates
// (LRI, RLI, FSI, PDI).
constexpr bool is_bidi_control(char32_t cp) noexcept {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// The characters that are never written as they are: controls and bidirectional controls.
constexpr bool is_unsafe(char32_t cp) noexcept {
    return is_control(cp) || is_bidi_control(cp);
}

// What an unsafe character is written as (UTF-8): a space for tab, LF, VT, FF, CR and NEL; the
// control picture U+2400 + cp for the other C0 characters and U+2421 for DEL; U+FFFD for the
// other C1 characters and the bidirectional controls. Every result is one terminal column.
// Preconditions: is_unsafe(cp).
std::string_view shown_as(char32_t cp) noexcept;

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
// Hangul, kana, fullwidth forms) and emoji; 1 otherwise. An unsafe character counts 1 (what
// `shown_as` writes), so does an invalid byte (written as U+FFFD).
std::size_t columns(char32_t cp) noexcept;

// Terminal columns of `text` as the plain-text formats write it.
std::size_t columns(std::string_view text) noexcept;

// Byte length of the longest prefix of `text` that fits in `width` columns. A character is
// never split, and zero-width characters stay with the character they follow. Returns 0 when
// the first character alone is wider than `width`.
std::size_t prefix_within(std::string_view text, std::size_t width) noexcept;

// `text` as one line of plain text: every unsafe character (line breaks and tabs included) is
// written as `shown_as` gives and invalid UTF-8 becomes U+FFFD; everything else is copied. Safe
// to print on a terminal and to put in a table cell, a grid or an error message.
std::string one_line_text(std::string_view text);

// `text` as lines of plain text, for text that has paragraphs (a protocol's description and
// notes) and for whole outputs: as one_line_text, except that LF and CR LF stay a line break
// (LF). Safe to print on a terminal.
std::string lines_text(std::string_view text);

// `text` for a format that carries tabs and line breaks itself (CSV quotes them): as
// one_line_text, except that tab, LF and CR are copied.
std::string data_text(std::string_view text);

}  // namespace ttplan::detail
