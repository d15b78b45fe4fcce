// One UTF-8 walk shared by every markup escape: well-formed characters pass through or are
// replaced by the format's own spelling; controls and bidirectional controls are written as in
// every format (utf8_text.hpp), invalid UTF-8 as U+FFFD rather than bytes a parser would reject.
#include "markup_escape.hpp"

#include "utf8_text.hpp"

#include <algorithm>
#include <array>

namespace ttplan::detail {

namespace {

// Calls `ascii(c, out)` for each ASCII character, which returns false to leave it alone. Line
// breaks and tabs are spelled by each format's table first; every other unsafe character is
// written as utf8_text.hpp's shown_as gives, as in every format, and the two non-characters XML
// forbids as U+FFFD.
template <typename Ascii>
std::string walk(std::string_view text, Ascii ascii) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t i = 0;
    while (i < text.size()) {
        const code_point c = decode_at(text, i);
        if (!c.valid || c.value == 0xFFFE || c.value == 0xFFFF) {
            out += replacement_character;
        } else if (c.bytes == 1 && ascii(static_cast<char>(c.value), out)) {
            // spelled by the format
        } else if (is_unsafe(c.value)) {
            out += shown_as(c.value);
        } else {
            out.append(text.substr(i, c.bytes));
        }
        i += c.bytes;
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

// '%' as well: Mermaid reads "%%{init: ...}%%" as a directive wherever it stands, a label or a
// comment included, and a directive can change the theme, fonts and security level.
constexpr std::array<spelling, 11> mermaid_spellings{{
    {'"', "#quot;"},
    {'#', "#35;"},
    {'%', "#37;"},
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
    // one line; invalid UTF-8 is already U+FFFD when the walk sees it.
    return walk(one_line_text(text), [](char c, std::string& out) {
        // An escaped "www." stays text rather than a GitHub autolink. Nothing escaped ends
        // in a 'w', so the output's tail is the input's.
        if (c == '.' && ends_with_www(out)) {
            out += "\\.";
            return true;
        }
        return spell(markdown_spellings, c, out);
    });
}

std::string shorten(std::string_view text, std::size_t max_columns) {
    if (columns(text) <= max_columns) return std::string(text);
    if (max_columns == 0) return {};
    return std::string(text.substr(0, prefix_within(text, max_columns - 1))) + "\xE2\x80\xA6";
}

}  // namespace ttplan::detail
