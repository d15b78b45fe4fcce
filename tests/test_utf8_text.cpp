// The one UTF-8 policy (src/utf8_text.hpp): what is invalid, what is a control character, how
// wide a character is, and the one-line text every readable format and message is made of.
#include "../src/utf8_text.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace ttplan;
using detail::columns;
using detail::decode_at;
using detail::is_control;
using detail::is_valid_utf8;
using detail::one_line_text;
using detail::prefix_within;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

// The steps of a walk through `text`: (value, bytes, valid) per code point.
std::vector<detail::code_point> walk(const std::string& text) {
    std::vector<detail::code_point> steps;
    for (std::size_t i = 0; i < text.size();) {
        steps.push_back(decode_at(text, i));
        REQUIRE(steps.back().bytes >= 1);
        i += steps.back().bytes;
    }
    return steps;
}

// True when no byte of `text` begins a control character (C0, DEL, or C1 as U+0080..U+009F).
bool free_of_controls(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x20 || b == 0x7F) return false;
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (b == 0xC2 && next >= 0x80 && next <= 0x9F) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("utf8: well-formed sequences decode to their code points", "[utf8]") {
    const auto steps = walk("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");  // a é € 😀
    REQUIRE(steps.size() == 4);
    CHECK(steps[0].value == U'a');
    CHECK(steps[1].value == U'\u00E9');
    CHECK(steps[1].bytes == 2);
    CHECK(steps[2].value == U'\u20AC');
    CHECK(steps[2].bytes == 3);
    CHECK(steps[3].value == U'\U0001F600');
    CHECK(steps[3].bytes == 4);
    for (const auto& s : steps) CHECK(s.valid);
    // The edges of the ranges are valid too.
    CHECK(is_valid_utf8(
        "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
    CHECK(is_valid_utf8(std::string("nul\0inside", 10)));
}

TEST_CASE("utf8: each byte that starts no well-formed sequence is one U+FFFD", "[utf8][invalid]") {
    struct sample {
        const char* why;
        std::string bytes;
        std::size_t invalid;  // bytes standing for U+FFFD
    };
    const std::vector<sample> samples{
        {"overlong NUL", "\xC0\x80", 2},
        {"overlong slash", "\xC0\xAF", 2},
        {"overlong three-byte slash", "\xE0\x80\xAF", 3},
        {"overlong four-byte", "\xF0\x80\x80\xAF", 4},
        {"high surrogate", "\xED\xA0\x80", 3},
        {"low surrogate", "\xED\xBF\xBF", 3},
        {"past U+10FFFF", "\xF4\x90\x80\x80", 4},
        {"F5 lead", "\xF5\x80\x80\x80", 4},
        {"stray continuation", "\x80", 1},
        {"FE and FF", "\xFE\xFF", 2},
        {"truncated two-byte at the end", "\xC3", 1},
        {"truncated three-byte at the end", "\xE2\x82", 2},
        {"truncated four-byte at the end", "\xF0\x9F\x98", 3},
    };
    for (const auto& s : samples) {
        CAPTURE(s.why);
        CHECK_FALSE(is_valid_utf8(s.bytes));
        const auto steps = walk(s.bytes);
        REQUIRE(steps.size() == s.invalid);
        for (const auto& step : steps) {
            CHECK_FALSE(step.valid);
            CHECK(step.value == U'\uFFFD');
            CHECK(step.bytes == 1);
        }
        std::string expected;
        for (std::size_t i = 0; i < s.invalid; ++i) expected += fffd;
        CHECK(one_line_text("<" + s.bytes + ">") == "<" + expected + ">");
    }
    // A sequence cut short by the next character: the lead is replaced, the next one survives.
    CHECK(one_line_text("\xC3(") == fffd + "(");
    CHECK(one_line_text("\xE2\x82x\xC3\xA9") == fffd + fffd + "x\xC3\xA9");
    // A literal U+FFFD is an ordinary character.
    CHECK(walk(fffd).front().valid);
}

TEST_CASE("utf8: C0, DEL and C1 are control characters, nothing else is", "[utf8][control]") {
    for (char32_t cp = 0; cp < 0x20; ++cp) CHECK(is_control(cp));
    CHECK(is_control(0x7F));
    for (char32_t cp = 0x80; cp <= 0x9F; ++cp) CHECK(is_control(cp));  // C1: NEL, CSI, OSC, ...
    for (char32_t cp = 0x20; cp < 0x7F; ++cp) CHECK_FALSE(is_control(cp));
    CHECK_FALSE(is_control(0xA0));  // no-break space
    CHECK_FALSE(is_control(0x2028));
    CHECK_FALSE(is_control(0xFFFD));
}

TEST_CASE("utf8: the embeddings, overrides and isolates are bidirectional controls", "[utf8][bidi]") {
    for (char32_t cp = 0x202A; cp <= 0x202E; ++cp) CHECK(detail::is_bidi_control(cp));  // LRE .. RLO
    for (char32_t cp = 0x2066; cp <= 0x2069; ++cp) CHECK(detail::is_bidi_control(cp));  // LRI .. PDI
    // The marks act as one strong letter each and are kept.
    for (char32_t cp : {0x200E, 0x200F, 0x061C, 0x2029, 0x2065, 0x206A})
        CHECK_FALSE(detail::is_bidi_control(cp));
    CHECK(detail::is_unsafe(0x202E));
    CHECK(detail::is_unsafe(0x1B));
    CHECK_FALSE(detail::is_unsafe(U'a'));
}

TEST_CASE("utf8: what each unsafe character is shown as", "[utf8][control]") {
    // Whitespace controls: a space, so words stay apart.
    for (char32_t cp : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85}) CHECK(detail::shown_as(cp) == " ");
    // Other C0 and DEL: the control pictures, one column each.
    CHECK(detail::shown_as(0x00) == "\xE2\x90\x80");  // U+2400 SYMBOL FOR NULL
    CHECK(detail::shown_as(0x07) == "\xE2\x90\x87");  // U+2407 SYMBOL FOR BELL
    CHECK(detail::shown_as(0x1B) == "\xE2\x90\x9B");  // U+241B SYMBOL FOR ESCAPE
    CHECK(detail::shown_as(0x1F) == "\xE2\x90\x9F");  // U+241F SYMBOL FOR UNIT SEPARATOR
    CHECK(detail::shown_as(0x7F) == "\xE2\x90\xA1");  // U+2421 SYMBOL FOR DELETE
    // C1 (no pictures) and bidirectional controls: U+FFFD.
    for (char32_t cp : {0x80, 0x9B, 0x9D, 0x9F, 0x202E, 0x2066}) CHECK(detail::shown_as(cp) == fffd);
    for (char32_t cp = 0; cp < 0x2070; ++cp) {
        if (!detail::is_unsafe(cp)) continue;
        CAPTURE(static_cast<std::uint32_t>(cp));
        const std::string_view shown = detail::shown_as(cp);
        CHECK(columns(shown) == 1);
        CHECK(free_of_controls(std::string(shown)));
        CHECK(columns(cp) == 1);
    }
}

TEST_CASE("utf8: one-line text shows every control character and bidi control", "[utf8][control]") {
    CHECK(one_line_text("two\nlines\r\ttab") == "two lines  tab");
    CHECK(one_line_text("red \x1B[31mtext\x7F") == "red \xE2\x90\x9B[31mtext\xE2\x90\xA1");
    CHECK(one_line_text(std::string("id\0cut", 6)) ==
          "id\xE2\x90\x80"
          "cut");
    // C1 as UTF-8: CSI (U+009B) drives a terminal like ESC [, NEL (U+0085) breaks a line, OSC
    // (U+009D) can set a window title.
    CHECK(one_line_text("a\xC2\x9B"
                        "31mb") == "a" + fffd + "31mb");
    CHECK(one_line_text("one\xC2\x85two") == "one two");
    CHECK(one_line_text("\xC2\x9D"
                        "0;title\xC2\x9C") == fffd + "0;title" + fffd);
    CHECK(one_line_text("\xC2\x80\xC2\x9F") == fffd + fffd);
    // RLO (U+202E) would show "gnp.exe" as "exe.png" and reverse the date after the name.
    CHECK(one_line_text("Evil\xE2\x80\xAE"
                        "gnp.exe") == "Evil" + fffd + "gnp.exe");
    CHECK(one_line_text("\xE2\x81\xA7x\xE2\x81\xA9") == fffd + "x" + fffd);  // RLI .. PDI
    // Characters just outside the control ranges are kept, and so are the bidi marks.
    CHECK(one_line_text("\xC2\xA0 caf\xC3\xA9 ~") == "\xC2\xA0 caf\xC3\xA9 ~");
    CHECK(one_line_text("\xE6\x97\xA5\xE6\x9C\xAC") == "\xE6\x97\xA5\xE6\x9C\xAC");
    CHECK(one_line_text("\xD7\xA9\xE2\x80\x8F") == "\xD7\xA9\xE2\x80\x8F");  // shin, RLM
    // Nothing it writes is unsafe, so it changes nothing the second time.
    const std::string once = one_line_text("\x1B[2J\r\x07\xE2\x80\xAE\xC2\x9B");
    CHECK(one_line_text(once) == once);
}

TEST_CASE("utf8: lines text keeps line breaks, data text tabs and line breaks", "[utf8][control]") {
    CHECK(detail::lines_text("one\ntwo\r\nthree\rfour\t\x1B") == "one\ntwo\nthree four \xE2\x90\x9B");
    CHECK(detail::lines_text("\r\n") == "\n");
    CHECK(detail::lines_text("\r") == " ");
    CHECK(detail::data_text("a\tb\r\nc\x1B\xE2\x80\xAE") == "a\tb\r\nc\xE2\x90\x9B" + fffd);
}

TEST_CASE("utf8: one-line text of any bytes is valid UTF-8 without controls", "[utf8][invalid]") {
    // Every one- and two-byte string: the output is always valid, one line and control-free.
    for (int a = 0; a < 256; ++a) {
        for (int b = 0; b < 256; ++b) {
            const std::string in{static_cast<char>(a), static_cast<char>(b)};
            const std::string out = one_line_text(in);
            if (!is_valid_utf8(out) || !free_of_controls(out)) {
                CAPTURE(a, b);
                FAIL("one_line_text left invalid UTF-8 or a control character");
            }
        }
    }
}

TEST_CASE("utf8: columns count wide characters twice and combining marks not at all", "[utf8][width]") {
    CHECK(columns(std::string_view("Induction")) == 9);
    CHECK(columns(std::string_view("caf\xC3\xA9")) == 4);               // precomposed é
    CHECK(columns(std::string_view("cafe\xCC\x81")) == 4);              // e + combining acute
    CHECK(columns(std::string_view("\xE6\x97\xA5\xE6\x9C\xAC")) == 4);  // 日本
    CHECK(columns(std::string_view("\xED\x95\x9C\xEA\xB5\xAD")) == 4);  // 한국
    CHECK(columns(std::string_view("\xEF\xBC\xA1")) == 2);              // fullwidth A
    CHECK(columns(std::string_view("\xF0\x9F\x98\x80")) == 2);          // emoji
    CHECK(columns(std::string_view("a\xE2\x80\x8B"
                                   "b")) == 2);             // zero-width space
    CHECK(columns(std::string_view("\xE2\x80\x94")) == 1);  // em dash
    // As written: a tab as a space, an invalid byte as U+FFFD, a bidi control as U+FFFD.
    CHECK(columns(std::string_view("a\tb")) == 3);
    CHECK(columns(std::string_view("a\xC0\xAF")) == 3);
    CHECK(columns(std::string_view("a\xE2\x80\xAE"
                                   "b")) == 3);
}

TEST_CASE("utf8: a prefix within a width never splits a character", "[utf8][width]") {
    const std::string nihongo = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";  // 日本語, 6 columns
    CHECK(prefix_within(nihongo, 0) == 0);
    CHECK(prefix_within(nihongo, 1) == 0);  // the first character alone is wider
    CHECK(prefix_within(nihongo, 2) == 3);
    CHECK(prefix_within(nihongo, 3) == 3);
    CHECK(prefix_within(nihongo, 4) == 6);
    CHECK(prefix_within(nihongo, 100) == nihongo.size());
    // A combining mark stays with its letter.
    const std::string accented = "e\xCC\x81x";
    CHECK(prefix_within(accented, 1) == 3);
    CHECK(prefix_within("abcdef", 4) == 4);
    // Every prefix of mixed text is itself valid UTF-8 and within the width.
    const std::string mixed =
        "A\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"
        "e\xCC\x81\xED\x95\x9C"
        "z";
    for (std::size_t w = 0; w <= columns(std::string_view(mixed)) + 1; ++w) {
        CAPTURE(w);
        const std::string_view prefix = std::string_view(mixed).substr(0, prefix_within(mixed, w));
        CHECK(is_valid_utf8(prefix));
        CHECK(columns(prefix) <= w);
        if (prefix.size() < mixed.size()) {
            CHECK(columns(std::string_view(mixed).substr(
                      0, prefix.size() + decode_at(mixed, prefix.size()).bytes)) > w);
        }
    }
}
