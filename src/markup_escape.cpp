// One UTF-8 walk shared by every markup escape: well-formed characters pass through or are
// replaced by the format's own spelling; everything else becomes U+FFFD rather than bytes a
// parser would reject.
#include "markup_escape.hpp"

#include <algorithm>
#include <array>

namespace ttplan::detail {

namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";

// Length of the well-formed UTF-8 sequence starting at text[i] (0 when it is not one:
// truncated, overlong, a surrogate, beyond U+10FFFF); its code point in `cp`.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& cp) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    char32_t least = 0;
    if (lead < 0x80) {
        cp = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2, cp = static_cast<char32_t>(lead & 0x1Fu), least = 0x80;
    } else if ((lead & 0xF0u) == 0xE0u) {
        n = 3, cp = static_cast<char32_t>(lead & 0x0Fu), least = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4, cp = static_cast<char32_t>(lead & 0x07u), least = 0x10000;
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0u) != 0x80u) return 0;
        cp = (cp << 6) | static_cast<char32_t>(b & 0x3Fu);
    }
    if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

// Control characters (C0 except the line breaks and tab the callers handle, DEL, C1) and the
// two non-characters XML forbids.
bool unwanted(char32_t cp) {
    return (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) ||
           cp == 0xFFFE || cp == 0xFFFF;
}

// Calls `ascii(c, out)` for each ASCII character, which returns false to copy it unchanged.
template <typename Ascii>
std::string walk(std::string_view text, Ascii ascii) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        const std::size_t n = utf8_sequence(text, i, cp);
        if (n == 0 || unwanted(cp)) {
            out += replacement_char;
            i += n == 0 ? 1 : n;
            continue;
        }
        if (n > 1 || !ascii(static_cast<char>(cp), out)) out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

// The ASCII characters a format spells its own way; every other character is copied.
struct spelling {
    char c;
    std::string_view as;  // empty: dropped
};

// Appends the table's spelling of `c`; false when the table leaves it alone.
template <std::size_t N>
bool spell(const std::array<spelling, N>& table, char c, std::string& out) {
    for (const auto& s : table) {
        if (s.c == c) {
            out += s.as;
            return true;
        }
    }
    return false;
}

template <std::size_t N>
std::string escape_with(std::string_view text, const std::array<spelling, N>& table) {
    return walk(text, [&](char c, std::string& out) { return spell(table, c, out); });
}

// A lone CR is dropped everywhere: CR LF reads as one line break.
constexpr std::array<spelling, 8> xml_spellings{{
    {'&', "&amp;"},
    {'<', "&lt;"},
    {'>', "&gt;"},
    {'"', "&quot;"},
    {'\'', "&#39;"},
    {'\n', "&#10;"},
    {'\t', "&#9;"},
    {'\r', ""},
}};

constexpr std::array<spelling, 5> dot_spellings{{
    {'\\', "\\\\"},
    {'"', "\\\""},
    {'\n', "\\n"},
    {'\t', " "},
    {'\r', ""},
}};

constexpr std::array<spelling, 10> mermaid_spellings{{
    {'"', "#quot;"},
    {'#', "#35;"},
    {'&', "#amp;"},
    {'<', "#lt;"},
    {'>', "#gt;"},
    {'|', "#124;"},
    {'`', "#96;"},
    {'\n', " "},
    {'\t', " "},
    {'\r', ""},
}};

// Entities keep tags and entity references from forming; a backslash goes before the
// punctuation CommonMark and GitHub tables give meaning to.
constexpr std::array<spelling, 13> markdown_spellings{{
    {'&', "&amp;"},
    {'<', "&lt;"},
    {'>', "&gt;"},
    {'\\', "\\\\"},
    {'`', "\\`"},
    {'*', "\\*"},
    {'_', "\\_"},
    {'[', "\\["},
    {']', "\\]"},
    {'|', "\\|"},
    {'~', "\\~"},
    {'#', "\\#"},
    {':', "\\:"},
}};

bool ends_with_www(std::string_view out) {
    if (out.size() < 3) return false;
    const auto tail = out.substr(out.size() - 3);
    return std::all_of(tail.begin(), tail.end(), [](char c) { return (c | 0x20) == 'w'; });
}

}  // namespace

std::string escape_xml(std::string_view text) {
    return escape_with(text, xml_spellings);
}

std::string escape_dot(std::string_view text) {
    return escape_with(text, dot_spellings);
}

std::string escape_mermaid(std::string_view text) {
    return escape_with(text, mermaid_spellings);
}

std::string escape_markdown(std::string_view text) {
    // Control characters become spaces first, as in every readable format, so a name stays on
    // one line; what is left for the walk is invalid UTF-8 and C1 controls.
    std::string line(text);
    for (char& c : line) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) c = ' ';
    }
    return walk(line, [](char c, std::string& out) {
        // An escaped "www." stays text rather than a GitHub autolink. Nothing escaped ends
        // in a 'w', so the output's tail is the input's.
        if (c == '.' && ends_with_www(out)) {
            out += "\\.";
            return true;
        }
        return spell(markdown_spellings, c, out);
    });
}

std::string shorten(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    std::size_t cut = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u) continue;
        if (chars + 1 == max_chars && cut == text.size()) cut = i;
        if (++chars > max_chars) return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
    }
    return std::string(text);
}

}  // namespace ttplan::detail
