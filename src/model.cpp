// The protocol model's small behaviours: category names, conditions, day patterns, counts and
// lengths by parameter, lookups and parameter resolution. check() lives in check.cpp.
#include <ttplan/model.hpp>

#include "i18n/language.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace ttplan {

// ---------------------------------------------------------------------------------------
// Categories

namespace {

using detail::N_;

struct category_names {
    category value;
    std::string_view file;
    const char* display;  // English; display_name() gives it in the current language
};

constexpr std::array<category_names, 11> category_table{{
    {category::chemotherapy, "chemotherapy", N_("Chemotherapy")},
    {category::targeted, "targeted", N_("Targeted therapy")},
    {category::intrathecal, "intrathecal", N_("Intrathecal therapy")},
    {category::radiation, "radiation", N_("Radiation")},
    {category::immunotherapy, "immunotherapy", N_("Immunotherapy")},
    {category::cell_therapy, "cell-therapy", N_("Cell therapy")},
    {category::transplant, "transplant", N_("Transplant")},
    {category::assessment, "assessment", N_("Assessment")},
    {category::hospital_stay, "hospital-stay", N_("Hospital stay")},
    {category::restriction, "restriction", N_("Restriction")},
    {category::milestone, "milestone", N_("Milestone")},
}};

const category_names& names_of(category c) {
    return category_table[static_cast<std::size_t>(c) < category_table.size() ? static_cast<std::size_t>(c)
                                                                              : 0];
}

}  // namespace

std::string_view to_string(category c) {
    return names_of(c).file;
}

std::optional<category> parse_category(std::string_view name) {
    for (const auto& entry : category_table) {
        if (entry.file == name) return entry.value;
    }
    return std::nullopt;
}

std::string_view display_name(category c) {
    return detail::tr(names_of(c).display);
}

// ---------------------------------------------------------------------------------------
// Conditions

bool condition::matches(const parameter_values& values) const {
    for (const auto& [name, allowed] : all_of) {
        const auto it = values.find(name);
        if (it == values.end()) return false;
        if (std::find(allowed.begin(), allowed.end(), it->second) == allowed.end()) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// Day patterns

namespace {

// Day and cycle numbers beyond this are never meaningful, and capping them keeps days()
// from allocating gigabytes for a typo such as "1-2000000000".
constexpr std::int32_t max_day_magnitude = 1'000'000;

// A tiny cursor over one pattern; every error names the whole text.
class pattern_reader {
public:
    explicit pattern_reader(std::string_view text) : text_(text) {}

    bool at_end() {
        skip_space();
        return pos_ >= text_.size();
    }

    bool accept(std::string_view token) {
        skip_space();
        if (text_.substr(pos_, token.size()) != token) return false;
        // Words must not run into the next word ("every7" is fine, "everyday" is not).
        if (std::isalpha(static_cast<unsigned char>(token.back())) && pos_ + token.size() < text_.size() &&
            std::isalpha(static_cast<unsigned char>(text_[pos_ + token.size()])))
            return false;
        pos_ += token.size();
        return true;
    }

    void expect(std::string_view token) {
        if (!accept(token)) fail(fmt::format("expected \"{}\"", token));
    }

    std::int32_t number() {
        skip_space();
        std::size_t end = pos_;
        if (end < text_.size() && (text_[end] == '-' || text_[end] == '+')) ++end;
        while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end]))) ++end;
        std::string_view digits = text_.substr(pos_, end - pos_);
        if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
        std::int64_t value = 0;
        const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (digits.empty() || ec == std::errc::invalid_argument || p != digits.data() + digits.size())
            fail("expected a number");
        if (ec == std::errc::result_out_of_range || value > max_day_magnitude || value < -max_day_magnitude)
            fail(fmt::format("numbers must lie within -{0}..{0}", max_day_magnitude));
        pos_ = end;
        return static_cast<std::int32_t>(value);
    }

    [[noreturn]] void fail(std::string_view why) const {
        throw value_error(fmt::format("invalid day pattern \"{}\": {} at position {}", text_, why, pos_ + 1));
    }

private:
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// A day number or `end` (the last day of the occurrence).
std::int32_t day_or_end(pattern_reader& in) {
    return in.accept("end") ? day_pattern::end_day : in.number();
}

day_pattern::step_range read_part(pattern_reader& in) {
    day_pattern::step_range part;
    if (in.accept("every")) {
        part.step = in.number();
        in.expect("from");
        part.first = in.number();
        in.expect("to");
        part.last = day_or_end(in);
        if (part.step < 1) in.fail("the step must be at least 1");
    } else if (in.accept("end")) {
        // "end" alone is the last day; "end-end" says nothing more.
        part.first = part.last = day_pattern::end_day;
    } else {
        part.first = in.number();
        part.last = part.first;
        // "-7--1": after the first number a '-' can only be the range separator.
        if (in.accept("..") || in.accept("-")) part.last = day_or_end(in);
    }
    if (part.last < part.first)
        in.fail(fmt::format("the range {}..{} runs backwards", part.first, part.last));
    return part;
}

std::string day_text(std::int32_t d) {
    return d == day_pattern::end_day ? "end" : fmt::format("{}", d);
}

}  // namespace

day_pattern day_pattern::parse(std::string_view text) {
    day_pattern out;
    pattern_reader in(text);
    // An empty pattern means "no restriction" where one is optional (an activity's cycles).
    if (in.at_end()) return out;
    do {
        out.parts.push_back(read_part(in));
    } while (in.accept(","));
    if (!in.at_end()) in.fail("unexpected text");
    return out;
}

std::string day_pattern::to_string() const {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += ", ";
        if (part.step != 1)
            out +=
                fmt::format("every {} from {} to {}", part.step, day_text(part.first), day_text(part.last));
        else if (part.first == part.last)
            out += day_text(part.first);
        else if (part.first < 0 || part.last < 0)
            out += fmt::format("{}..{}", part.first, day_text(part.last));  // clearer than "-7--1"
        else
            out += fmt::format("{}-{}", part.first, day_text(part.last));
    }
    return out;
}

bool day_pattern::uses_end() const noexcept {
    return std::any_of(parts.begin(), parts.end(), [](const step_range& p) { return p.last == end_day; });
}

std::vector<std::int32_t> day_pattern::days() const {
    if (uses_end())
        throw value_error(fmt::format("day pattern \"{}\" runs to \"end\": its days depend on the occurrence",
                                      to_string()));
    return days_through(end_day);
}

std::vector<std::int32_t> day_pattern::days_through(std::int32_t last) const {
    std::vector<std::int32_t> out;
    for (const auto& part : parts) {
        if (part.step < 1) continue;  // parse() never builds one; a hand-built one adds nothing
        const std::int64_t first = part.first == end_day ? last : part.first;
        const std::int64_t to = std::min(part.last == end_day ? last : part.last, last);
        for (std::int64_t d = first; d <= to; d += part.step) out.push_back(static_cast<std::int32_t>(d));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// ---------------------------------------------------------------------------------------
// Counts and lengths that depend on parameters

std::optional<std::int32_t> repeat_rule::count_for(const parameter_values& values) const {
    const auto from_parameter = [&](const std::string& name) -> std::optional<std::int32_t> {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        std::int32_t n = 0;
        const std::string& text = it->second;
        const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
        return n;
    };
    for (const count_case& c : count_when) {
        if (!c.when.matches(values)) continue;
        return c.parameter.empty() ? c.count : from_parameter(c.parameter);
    }
    return count_parameter.empty() ? count : from_parameter(count_parameter);
}

const length& phase::length_for(const parameter_values& values) const {
    for (const length_case& c : length_when) {
        if (c.when.matches(values)) return c.duration;
    }
    return duration;
}

// ---------------------------------------------------------------------------------------
// Lookups and parameters

const phase* protocol::find_phase(std::string_view phase_id) const noexcept {
    for (const auto& ph : phases) {
        if (ph.id == phase_id) return &ph;
    }
    return nullptr;
}

std::vector<std::string> parameter::options() const {
    switch (type) {
        case parameter_type::boolean:
            return {"false", "true"};
        case parameter_type::choice:
            return choices;
        case parameter_type::integer:
            break;
    }
    return {};
}

std::string parameter::value_words(std::string_view value) const {
    if (const auto it = value_labels.find(value); it != value_labels.end()) return it->second;
    if (type == parameter_type::boolean && value == "true") return detail::tr("yes");
    if (type == parameter_type::boolean && value == "false") return detail::tr("no");
    return std::string(value);
}

const parameter* protocol::find_parameter(std::string_view name) const noexcept {
    for (const auto& param : parameters) {
        if (param.name == name) return &param;
    }
    return nullptr;
}

namespace {

// Parameter errors point at the name in the caller's parameter map; front ends that read the
// values from somewhere else (the CLI's --set) say so themselves.
location parameter_location(std::string_view name) {
    return location{"parameters", "/" + std::string(name), 0, 0};
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string canonical_value(const parameter& param, std::string_view given) {
    switch (param.type) {
        case parameter_type::boolean: {
            const std::string v = lower(given);
            if (v == "true" || v == "yes" || v == "1") return "true";
            if (v == "false" || v == "no" || v == "0") return "false";
            throw parameter_error(
                fmt::format("invalid value \"{}\" for parameter \"{}\"; allowed: true, false "
                            "(also yes/no, 1/0)",
                            given, param.name),
                parameter_location(param.name));
        }
        case parameter_type::choice:
            for (const auto& choice : param.choices) {
                if (choice == given) return choice;
            }
            throw parameter_error(fmt::format("unknown value \"{}\" for parameter \"{}\"; allowed: {}", given,
                                              param.name, fmt::join(param.choices, ", ")),
                                  parameter_location(param.name));
        case parameter_type::integer: {
            std::string_view digits = given;
            if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
            std::int64_t value = 0;
            const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (digits.empty() || ec != std::errc{} || p != digits.data() + digits.size() ||
                value < param.minimum || value > param.maximum)
                throw parameter_error(
                    fmt::format("invalid value \"{}\" for parameter \"{}\"; allowed: an integer "
                                "from {} to {}",
                                given, param.name, param.minimum, param.maximum),
                    parameter_location(param.name));
            return fmt::format("{}", value);
        }
    }
    return std::string(given);
}

const parameter& declared(const protocol& p, const std::string& name) {
    if (const parameter* param = p.find_parameter(name)) return *param;
    std::vector<std::string_view> names;
    for (const auto& d : p.parameters) names.push_back(d.name);
    throw parameter_error(
        fmt::format("unknown parameter \"{}\" for protocol \"{}\"; declared: {}", name, p.id,
                    names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))),
        parameter_location(name));
}

}  // namespace

parameter_values resolve_parameters(const protocol& p, const parameter_values& given) {
    parameter_values out;
    for (const auto& [name, value] : given) out[name] = canonical_value(declared(p, name), value);
    for (const auto& param : p.parameters) {
        if (out.count(param.name)) continue;
        std::string value = param.default_value;
        // A declaration without a default still has an obvious one; check() reports it anyway.
        if (value.empty()) {
            if (param.type == parameter_type::boolean)
                value = "false";
            else if (param.type == parameter_type::choice && !param.choices.empty())
                value = param.choices.front();
            else if (param.type == parameter_type::integer)
                value = fmt::format("{}", param.minimum);
        }
        out[param.name] = std::move(value);
    }
    return out;
}

typed_values typed_parameters(const protocol& p, const parameter_values& values) {
    typed_values out;
    for (const auto& [name, text] : values) out.emplace(name, typed_value{declared(p, name).type, text});
    return out;
}

}  // namespace ttplan
