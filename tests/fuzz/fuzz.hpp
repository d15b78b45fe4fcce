// What every fuzz target shares: the libFuzzer entry point, checks that abort (so libFuzzer
// and the replay tests report a broken invariant as a crash) and the library's own promises
// about error text. Targets catch ttplan::error, which is the library refusing bad input; any
// other exception escapes and is a finding.
#pragma once

#include <ttplan/error.hpp>
#include <ttplan/format.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace ttplan::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line, std::string_view detail = {}) {
    std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    if (!detail.empty()) {
        std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
    }
    std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
    return size == 0 ? std::string_view{} : std::string_view{reinterpret_cast<const char*>(data), size};
}

// Whether `text` is well-formed UTF-8 and, unless `any_control`, free of C0 controls (but
// those in `allowed`), DEL and C1 controls.
inline bool scan_utf8(std::string_view text, bool any_control, std::string_view allowed) noexcept {
    const auto control = [&](std::uint32_t cp) {
        if (any_control) return false;
        if (cp < 0x20 || cp == 0x7f) return allowed.find(static_cast<char>(cp)) == std::string_view::npos;
        return cp >= 0x80 && cp <= 0x9f;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 0;
        std::uint32_t cp = c;
        if (c < 0x80) {
            n = 0;
        } else if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + n >= text.size() && n > 0) {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            const auto t = static_cast<unsigned char>(text[i + k]);
            if ((t & 0xc0u) != 0x80u) {
                return false;
            }
            cp = (cp << 6) | (t & 0x3fu);
        }
        const bool overlong = (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
        if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || control(cp)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

// What error.hpp promises of every message a terminal may show: UTF-8 without C0 controls (but
// `allowed`), DEL or C1 controls.
inline bool terminal_safe(std::string_view text, std::string_view allowed = {}) noexcept {
    return scan_utf8(text, false, allowed);
}

inline bool valid_utf8(std::string_view text) noexcept {
    return scan_utf8(text, true, {});
}

// The promises of error.hpp about an error the library threw: what() and the location's text
// can be printed on a terminal (one line per problem), and the code is one of the family's.
inline void check_error(const ttplan::error& e, const char* file, int line) {
    const std::string_view what = e.what();
    if (what.empty()) {
        fail("an error has a message", file, line);
    }
    if (!terminal_safe(what, "\n")) {
        fail("error text is safe to print on a terminal", file, line, what);
    }
    if (!terminal_safe(e.where().to_string())) {
        fail("an error's location text is safe to print on a terminal", file, line, e.where().to_string());
    }
    if (to_string(e.code()) == "unknown") {
        fail("an error carries a known code", file, line, what);
    }
}

// The formats the targets write: the text ones. PNG, PDF and the printed page are the svg
// format's drawing (and the page's sheet) handed to librsvg and cairo, which are not this
// project's to fuzz; the SVG they are drawn from is written and checked as text.
inline bool fuzzed_format(std::string_view format) {
    for (const auto& f : ttplan::formats()) {
        if (f.name == format) return !f.binary;
    }
    return true;
}

// What the formats promise of what they write: JSON that reads back as JSON; iCalendar content
// lines (RFC 5545 3.1) of at most 75 octets, each ending in CRLF, never splitting a character,
// without control characters but tab; every other format valid UTF-8.
inline void check_output(std::string_view format, std::string_view text, const char* file, int line) {
    if (format == "json") {
        if (!nlohmann::json::accept(text)) {
            fail("the json format writes JSON", file, line, text.substr(0, 2000));
        }
        return;
    }
    if (format == "ics") {
        for (std::size_t at = 0; at < text.size();) {
            const auto crlf = text.find("\r\n", at);
            if (crlf == std::string_view::npos) {
                fail("every iCalendar line ends in CRLF", file, line, text.substr(at, 200));
            }
            const std::string_view content = text.substr(at, crlf - at);
            if (content.size() > 75) {
                fail("an iCalendar line has at most 75 octets", file, line, content);
            }
            if (!terminal_safe(content, "\t")) {
                fail("an iCalendar line is UTF-8 without control characters", file, line, content);
            }
            at = crlf + 2;
        }
        return;
    }
    if (!valid_utf8(text)) {
        fail("a format writes UTF-8", file, line, format);
    }
}

}  // namespace ttplan::fuzz

#define TTPLAN_FUZZ_CHECK(condition)                                            \
    do {                                                                        \
        if (!(condition)) ::ttplan::fuzz::fail(#condition, __FILE__, __LINE__); \
    } while (false)

#define TTPLAN_FUZZ_CHECK_ERROR(e) ::ttplan::fuzz::check_error((e), __FILE__, __LINE__)
#define TTPLAN_FUZZ_CHECK_OUTPUT(format, text) \
    ::ttplan::fuzz::check_output((format), (text), __FILE__, __LINE__)
