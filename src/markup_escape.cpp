// One UTF-8 walk shared by every markup escape: well-formed characters pass through or are
// replaced by the format's own spelling; everything else becomes U+FFFD rather than bytes a
// parser would reject.
#include "markup_escape.hpp"

#include <fmt/format.h>

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

}  // namespace

std::string escape_xml(std::string_view text) {
    return walk(text, [](char c, std::string& out) {
        switch (c) {
            case '&':
                out += "&amp;";
                return true;
            case '<':
                out += "&lt;";
                return true;
            case '>':
                out += "&gt;";
                return true;
            case '"':
                out += "&quot;";
                return true;
            case '\'':
                out += "&#39;";
                return true;
            case '\n':
                out += "&#10;";
                return true;
            case '\t':
                out += "&#9;";
                return true;
            case '\r':
                return true;  // CR LF reads as one line break
            default:
                return false;
        }
    });
}

std::string escape_dot(std::string_view text) {
    return walk(text, [](char c, std::string& out) {
        switch (c) {
            case '\\':
                out += "\\\\";
                return true;
            case '"':
                out += "\\\"";
                return true;
            case '\n':
                out += "\\n";
                return true;
            case '\t':
                out += ' ';
                return true;
            case '\r':
                return true;
            default:
                return false;
        }
    });
}

std::string escape_mermaid(std::string_view text) {
    return walk(text, [](char c, std::string& out) {
        switch (c) {
            case '"':
                out += "#quot;";
                return true;
            case '#':
                out += "#35;";
                return true;
            case '&':
                out += "#amp;";
                return true;
            case '<':
                out += "#lt;";
                return true;
            case '>':
                out += "#gt;";
                return true;
            case '|':
                out += "#124;";
                return true;
            case '`':
                out += "#96;";
                return true;
            case '\n':
            case '\t':
                out += ' ';
                return true;
            case '\r':
                return true;
            default:
                return false;
        }
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
