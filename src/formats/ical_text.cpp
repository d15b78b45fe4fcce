#include "ical_text.hpp"

#include "utf8_text.hpp"

namespace ttplan::detail {

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
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

std::string fold_line(std::string_view line) {
    constexpr std::size_t limit = 75;
    std::string out;
    out.reserve(line.size() + line.size() / 24 + 2);
    std::size_t room = limit;  // octets left on the current physical line
    std::size_t i = 0;
    while (i < line.size()) {
        const std::size_t n = decode_at(line, i).bytes;
        if (n > room) {
            out += "\r\n ";
            room = limit - 1;
        }
        out.append(line.substr(i, n));
        room -= n;
        i += n;
    }
    out += "\r\n";
    return out;
}

}  // namespace ttplan::detail
