#include "ical_text.hpp"

#include "utf8_text.hpp"

namespace ttplan::detail {

namespace {

// Printable ASCII that TEXT takes as it is: copied in runs, not character by character.
constexpr bool plain(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != '\\' && c != ';' && c != ',';
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t run = i;
        while (run < text.size() && plain(text[run])) ++run;
        out.append(text.substr(i, run - i));
        if ((i = run) == text.size()) break;
        const char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                ++i;
                continue;
            case ';':
                out += "\\;";
                ++i;
                continue;
            case ',':
                out += "\\,";
                ++i;
                continue;
            case '\r':
                out += "\\n";
                i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
                continue;
            case '\n':
                out += "\\n";
                ++i;
                continue;
            case '\t':
                out += c;
                ++i;
                continue;
            default:
                break;
        }
        const code_point cp = decode_at(text, i);
        if (!cp.valid) {
            out += replacement_character;
        } else if (is_unsafe(cp.value)) {
            out += shown_as(cp.value);
        } else {
            out.append(text.substr(i, cp.bytes));
        }
        i += cp.bytes;
    }
    return out;
}

std::string single_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += (text[i] == '\r' || text[i] == '\n') ? ' ' : text[i];
    }
    return out;
}

void append_folded(std::string& out, std::string_view line) {
    constexpr std::size_t limit = 75;
    std::size_t room = limit;  // octets the current physical line has left
    std::size_t i = 0;
    while (line.size() - i > room) {
        // As much as fits, cut before the continuation bytes of a character that does not.
        std::size_t cut = i + room;
        while (cut > i && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(i, cut - i));
        out += "\r\n ";
        room = limit - 1;
        i = cut;
    }
    out.append(line.substr(i));
    out += "\r\n";
}

std::string fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + 3 * (line.size() / 74) + 2);
    append_folded(out, line);
    return out;
}

}  // namespace ttplan::detail
