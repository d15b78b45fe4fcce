#include "fhir_common.hpp"

#include <ttplan/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace ttplan::detail {

std::string_view ucum_unit(length::unit u) {
    switch (u) {
        case length::unit::days:
            return "d";
        case length::unit::weeks:
            return "wk";
        case length::unit::months:
            return "mo";
        case length::unit::years:
            return "a";
    }
    return "d";
}

std::optional<length::unit> length_unit_of(std::string_view ucum) {
    if (ucum == "d") return length::unit::days;
    if (ucum == "wk") return length::unit::weeks;
    if (ucum == "mo") return length::unit::months;
    if (ucum == "a") return length::unit::years;
    return std::nullopt;
}

ojson duration_json(const length& len) {
    static constexpr const char* names[] = {"days", "weeks", "months", "years"};
    return ojson{{"value", len.count},
                 {"unit", names[static_cast<int>(len.units)]},
                 {"system", "http://unitsofmeasure.org"},
                 {"code", std::string(ucum_unit(len.units))}};
}

namespace {

std::string value_text(const ojson& v) {
    if (v.is_string()) {
        std::string out = "'";
        for (char c : v.get<std::string>()) {
            if (c == '\'' || c == '\\') out += '\\';
            out += c;
        }
        return out + "'";
    }
    return v.dump();
}

}  // namespace

std::string condition_text(const ojson& when) {
    std::string out;
    for (const auto& [name, value] : when.items()) {
        if (!out.empty()) out += " and ";
        if (!value.is_array()) {
            out += fmt::format("{} = {}", name, value_text(value));
            continue;
        }
        std::string list;
        for (const auto& v : value) list += (list.empty() ? "" : ", ") + value_text(v);
        out += fmt::format("{} in {{{}}}", name, list);
    }
    return out;
}

namespace {

// A small reader of the condition language: names, '=', "in", braces, commas, "and", values.
class condition_reader {
public:
    explicit condition_reader(std::string_view text) : text_(text) {}

    std::vector<condition_term> read() {
        std::vector<condition_term> terms;
        do {
            condition_term t;
            t.name = name();
            skip_space();
            if (accept("=")) {
                t.values.push_back(value());
            } else if (accept_word("in")) {
                expect("{");
                do t.values.push_back(value());
                while (accept(","));
                expect("}");
            } else {
                fail("expected \"=\" or \"in\"");
            }
            terms.push_back(std::move(t));
        } while (accept_word("and"));
        skip_space();
        if (pos_ != text_.size()) fail("expected \"and\" or the end");
        return terms;
    }

private:
    [[noreturn]] void fail(std::string_view what) const {
        throw value_error(
            fmt::format("condition \"{}\": {} at character {}; ttplan reads conditions of the form "
                        "name = value and name in {{value, ...}}",
                        text_, what, pos_ + 1));
    }
    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool accept(std::string_view token) {
        skip_space();
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }
    void expect(std::string_view token) {
        if (!accept(token)) fail(fmt::format("expected \"{}\"", token));
    }
    static bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
    bool accept_word(std::string_view word) {
        skip_space();
        const std::size_t end = pos_ + word.size();
        if (text_.substr(pos_, word.size()) != word || (end < text_.size() && word_char(text_[end])))
            return false;
        pos_ = end;
        return true;
    }
    std::string name() {
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && word_char(text_[pos_])) ++pos_;
        if (pos_ == start) fail("expected a parameter name");
        return std::string(text_.substr(start, pos_ - start));
    }
    ojson value() {
        skip_space();
        if (accept("'")) {
            std::string out;
            while (pos_ < text_.size() && text_[pos_] != '\'') {
                if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
                out += text_[pos_++];
            }
            expect("'");
            return out;
        }
        if (accept_word("true")) return true;
        if (accept_word("false")) return false;
        const std::size_t start = pos_;
        if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, n);
        if (ec != std::errc() || end != text_.data() + pos_ || pos_ == start) {
            pos_ = start;
            fail("expected true, false, an integer or 'text'");
        }
        return n;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

std::vector<condition_term> parse_condition_text(std::string_view text) {
    return condition_reader(text).read();
}

bool is_protocol_id(std::string_view id) {
    const auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    return !id.empty() && lower_or_digit(id[0]) && std::all_of(id.begin(), id.end(), [&](char c) {
        return lower_or_digit(c) || c == '_' || c == '-';
    });
}

std::string slug(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80) {
            out += static_cast<char>(std::tolower(u));
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "x" : out;
}

}  // namespace ttplan::detail
