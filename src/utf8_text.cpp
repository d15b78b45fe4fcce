#include "utf8_text.hpp"

#include <utf8.h>

#include <algorithm>
#include <array>
#include <iterator>

namespace ttplan::detail {

namespace {

struct range {
    char32_t first;
    char32_t last;
};

// Characters that take no column of their own: combining marks of the scripts protocols are
// written in, zero-width spaces and joiners, bidirectional marks, variation selectors. Sorted.
// The bidirectional controls are not here: they are written as U+FFFD (shown_as).
constexpr std::array<range, 28> zero_width{{
    {0x0300, 0x036F},    // combining diacritical marks
    {0x0483, 0x0489},    // Cyrillic
    {0x0591, 0x05BD},    // Hebrew points
    {0x05BF, 0x05BF},    //
    {0x05C1, 0x05C2},    //
    {0x05C4, 0x05C5},    //
    {0x05C7, 0x05C7},    //
    {0x0610, 0x061A},    // Arabic
    {0x064B, 0x065F},    //
    {0x0670, 0x0670},    //
    {0x06D6, 0x06DC},    //
    {0x06DF, 0x06E4},    //
    {0x06E7, 0x06E8},    //
    {0x06EA, 0x06ED},    //
    {0x0E31, 0x0E31},    // Thai
    {0x0E34, 0x0E3A},    //
    {0x0E47, 0x0E4E},    //
    {0x1AB0, 0x1AFF},    // combining diacritical marks extended
    {0x1DC0, 0x1DFF},    // combining diacritical marks supplement
    {0x200B, 0x200F},    // zero-width space, non-joiner, joiner; LRM, RLM
    {0x2060, 0x2064},    // word joiner, invisible operators
    {0x20D0, 0x20FF},    // combining marks for symbols
    {0x302A, 0x302F},    // ideographic tone marks
    {0x3099, 0x309A},    // kana voicing marks
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFE20, 0xFE2F},    // combining half marks
    {0xFEFF, 0xFEFF},    // zero-width no-break space
    {0xE0100, 0xE01EF},  // variation selectors supplement
}};

// East Asian wide and fullwidth characters, and the emoji blocks terminals draw two columns
// wide. Sorted; the zero-width table is asked first, so the marks inside 0x2E80.. stay zero.
constexpr std::array<range, 20> wide{{
    {0x1100, 0x115F},    // Hangul Jamo initial consonants
    {0x231A, 0x231B},    // watch, hourglass
    {0x2329, 0x232A},    // angle brackets
    {0x2E80, 0x303E},    // CJK radicals, Kangxi, ideographic description, CJK punctuation
    {0x3041, 0x33FF},    // kana, bopomofo, Hangul compatibility Jamo, CJK compatibility
    {0x3400, 0x4DBF},    // CJK extension A
    {0x4E00, 0x9FFF},    // CJK unified ideographs
    {0xA000, 0xA4CF},    // Yi
    {0xA960, 0xA97F},    // Hangul Jamo extended A
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE10, 0xFE19},    // vertical forms
    {0xFE30, 0xFE6F},    // CJK compatibility forms, small form variants
    {0xFF00, 0xFF60},    // fullwidth forms
    {0xFFE0, 0xFFE6},    // fullwidth signs
    {0x1F300, 0x1F64F},  // pictographs, emoticons
    {0x1F680, 0x1F6FF},  // transport and map symbols
    {0x1F900, 0x1F9FF},  // supplemental symbols and pictographs
    {0x1FA70, 0x1FAFF},  // symbols and pictographs extended A
    {0x20000, 0x3FFFD},  // CJK extensions B and later, planes 2 and 3
}};

template <std::size_t N>
bool in(const std::array<range, N>& table, char32_t cp) noexcept {
    const auto it = std::upper_bound(table.begin(), table.end(), cp,
                                     [](char32_t c, const range& r) { return c < r.first; });
    return it != table.begin() && cp <= std::prev(it)->last;
}

// The control pictures U+2400..U+241F in UTF-8 (E2 90 80+cp), indexed by the C0 character.
constexpr std::array<std::array<char, 3>, 0x20> c0_pictures = [] {
    std::array<std::array<char, 3>, 0x20> out{};
    for (unsigned cp = 0; cp < out.size(); ++cp)
        out[cp] = {static_cast<char>(0xE2), static_cast<char>(0x90), static_cast<char>(0x80 + cp)};
    return out;
}();

constexpr std::string_view del_picture = "\xE2\x90\xA1";  // U+2421 SYMBOL FOR DELETE

bool is_whitespace_control(char32_t cp) noexcept {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x85;
}

// `text` with every invalid byte as U+FFFD and every unsafe character as `shown_as` gives,
// except those `keep` asks to copy.
template <typename Keep>
std::string made_safe(std::string_view text, Keep keep) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const code_point c = decode_at(text, i);
        if (!c.valid) {
            out += replacement_character;
        } else if (is_unsafe(c.value) && !keep(text, i)) {
            out += shown_as(c.value);
        } else {
            out.append(text.substr(i, c.bytes));
        }
        i += c.bytes;
    }
    return out;
}

}  // namespace

std::string_view shown_as(char32_t cp) noexcept {
    if (is_whitespace_control(cp)) return " ";
    if (cp < 0x20) return {c0_pictures[cp].data(), c0_pictures[cp].size()};
    if (cp == 0x7F) return del_picture;
    return replacement_character;
}

code_point decode_at(std::string_view text, std::size_t at) noexcept {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return {lead, 1, true};
    // A sequence is at most four bytes: utfcpp validates the one that starts here (a later
    // one cut off by the window does not matter, find_invalid stops past the first).
    const char* first = text.data() + at;
    const char* window = text.data() + std::min(text.size(), at + 4);
    if (utf8::find_invalid(first, window) == first) return {0xFFFD, 1, false};
    const char* it = first;
    const auto cp = static_cast<char32_t>(utf8::unchecked::next(it));
    return {cp, static_cast<std::size_t>(it - first), true};
}

bool is_valid_utf8(std::string_view text) noexcept {
    return utf8::is_valid(text.begin(), text.end());
}

std::size_t columns(char32_t cp) noexcept {
    if (cp < 0x300) return 1;  // ASCII, Latin-1 and controls: the common case, no search
    if (is_bidi_control(cp)) return 1;
    if (in(zero_width, cp)) return 0;
    return in(wide, cp) ? 2 : 1;
}

std::size_t columns(std::string_view text) noexcept {
    std::size_t total = 0;
    for (std::size_t i = 0; i < text.size();) {
        const code_point c = decode_at(text, i);
        total += columns(c.value);
        i += c.bytes;
    }
    return total;
}

std::size_t prefix_within(std::string_view text, std::size_t width) noexcept {
    std::size_t used = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const code_point c = decode_at(text, i);
        const std::size_t w = columns(c.value);
        if (used + w > width) break;
        used += w;
        i += c.bytes;
    }
    return i;
}

std::string one_line_text(std::string_view text) {
    return made_safe(text, [](std::string_view, std::size_t) { return false; });
}

std::string lines_text(std::string_view text) {
    // LF stays; so does CR right before LF, which the copy then drops.
    std::string out = made_safe(text, [](std::string_view t, std::size_t i) {
        return t[i] == '\n' || (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n');
    });
    std::erase(out, '\r');
    return out;
}

std::string data_text(std::string_view text) {
    return made_safe(
        text, [](std::string_view t, std::size_t i) { return t[i] == '\t' || t[i] == '\n' || t[i] == '\r'; });
}

}  // namespace ttplan::detail
