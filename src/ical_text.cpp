#include "ical_text.hpp"

namespace ttplan::detail {

namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence at text[i], or 0 if it is not one (overlong
// forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < lo || second > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if (!continuation(static_cast<unsigned char>(text[i + k]))) return 0;
    }
    return n;
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        switch (c) {
        case '\\': out += "\\\\"; ++i; continue;
        case ';': out += "\\;"; ++i; continue;
        case ',': out += "\\,"; ++i; continue;
        case '\r':
            out += "\\n";
            i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
            continue;
        case '\n': out += "\\n"; ++i; continue;
        case '\t': out += c; ++i; continue;
        default: break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            out += ' ';
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence(text, i);
        if (n == 0) {
            out += replacement_character;
            ++i;
            continue;
        }
        out.append(text.substr(i, n));
        i += n;
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
        std::size_t n = 1;
        while (i + n < line.size() && continuation(static_cast<unsigned char>(line[i + n]))) ++n;
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

std::uint64_t fnv1a_64(std::string_view bytes) noexcept {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace ttplan::detail
