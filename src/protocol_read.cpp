#include "json_pointer.hpp"
#include "json_scan.hpp"
#include "protocol_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string_view>

namespace ttplan::detail {

namespace {

using json = nlohmann::json;
using keys = std::initializer_list<std::string_view>;

constexpr std::int32_t max_day_magnitude = 1'000'000;

std::string join(keys names) {
    std::string out;
    for (std::string_view n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

std::string category_names() {
    std::string out;
    for (category c : all_categories) {
        if (!out.empty()) out += ", ";
        out += to_string(c);
    }
    return out;
}

std::string json_kind(const json& j) {
    if (j.is_number_integer()) return "an integer";
    if (j.is_number()) return "a number";
    switch (j.type()) {
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::null:
            return "null";
        default:
            return j.type_name();
    }
}

// Walks the document once, keeping what it can read and noting every problem, so a file
// with several mistakes gets them all reported in one pass.
class reader {
public:
    reader(std::vector<problem>& problems, std::vector<std::string>& rejected)
        : problems_(problems), rejected_(rejected) {}

    protocol read(const json& doc) {
        protocol p;
        const keys allowed = {"format",       "id",     "title",       "version",    "summary",
                              "description",  "notes",  "sources",     "parameters", "phases",
                              "dependencies", "tracks", "translations"};
        if (!object(doc, "", allowed, {"format", "id", "title", "phases"})) return p;
        read_string(doc, "", "id", p.id);
        read_string(doc, "", "title", p.title);
        read_string(doc, "", "version", p.version);
        read_string(doc, "", "summary", p.summary);
        read_string(doc, "", "description", p.description);
        read_string(doc, "", "notes", p.notes);
        read_list(doc, "", "sources", p.sources, &reader::read_source);
        read_list(doc, "", "parameters", p.parameters, &reader::read_parameter);
        // Conditions are typed by the parameters they name, so parameters come first.
        parameters_ = &p.parameters;
        read_list(doc, "", "phases", p.phases, &reader::read_phase);
        read_list(doc, "", "dependencies", p.dependencies, &reader::read_dependency);
        read_list(doc, "", "tracks", p.tracks, &reader::read_track);
        read_translations(doc, p.translations);
        return p;
    }

private:
    void fail(std::string pointer, std::string message) {
        rejected_.push_back(pointer);
        problems_.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    }

    void wrong_type(const json& j, const std::string& ptr, std::string_view expected) {
        fail(ptr, fmt::format("expected {}, found {}", expected, json_kind(j)));
    }

    // Reports a non-object, unknown keys and missing required keys; true when `j` is an
    // object whose known keys can be read.
    bool object(const json& j, const std::string& ptr, keys allowed, keys required) {
        if (!j.is_object()) {
            wrong_type(j, ptr, "an object");
            return false;
        }
        for (const auto& [key, value] : j.items()) {
            bool known = false;
            for (std::string_view a : allowed) known = known || a == key;
            if (!known) {
                fail(ptr + "/" + pointer_token(key),
                     fmt::format("unknown key \"{}\" (allowed: {})", key, join(allowed)));
            }
        }
        for (std::string_view r : required) {
            if (!j.contains(r)) {
                problems_.push_back({{"", ptr, 0, 0}, fmt::format("missing required key \"{}\"", r)});
                rejected_.push_back(at(ptr, r));
            }
        }
        return true;
    }

    // The member `key` of object `j`, or nullptr when absent.
    static const json* member(const json& j, std::string_view key) {
        auto it = j.find(key);
        return it == j.end() ? nullptr : &*it;
    }

    static std::string at(const std::string& ptr, std::string_view key) {
        return ptr + "/" + pointer_token(key);
    }

    void read_string(const json& j, const std::string& ptr, std::string_view key, std::string& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        if (!v->is_string()) return wrong_type(*v, at(ptr, key), "a string");
        out = v->get<std::string>();
    }

    void read_bool(const json& j, const std::string& ptr, std::string_view key, bool& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        if (!v->is_boolean()) return wrong_type(*v, at(ptr, key), "true or false");
        out = v->get<bool>();
    }

    template <typename Int>
    std::optional<Int> integer(const json& v, const std::string& ptr) {
        if (!v.is_number_integer()) {
            wrong_type(v, ptr, "an integer");
            return std::nullopt;
        }
        const bool fits =
            v.is_number_unsigned()
                ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max())
                : v.get<std::int64_t>() >= std::numeric_limits<Int>::min() &&
                      v.get<std::int64_t>() <= std::numeric_limits<Int>::max();
        if (!fits) {
            fail(ptr, fmt::format("{} is out of range", v.dump()));
            return std::nullopt;
        }
        return static_cast<Int>(v.is_number_unsigned() ? static_cast<std::int64_t>(v.get<std::uint64_t>())
                                                       : v.get<std::int64_t>());
    }

    template <typename Int>
    void read_integer(const json& j, const std::string& ptr, std::string_view key, Int& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        if (auto n = integer<Int>(*v, at(ptr, key))) out = *n;
    }

    std::optional<length> length_value(const json& v, const std::string& ptr) {
        if (!v.is_string()) {
            wrong_type(v, ptr, "a length such as \"29d\", \"4w\", \"3mo\" or \"2y\"");
            return std::nullopt;
        }
        try {
            return length::parse(v.get<std::string>());
        } catch (const error& e) {
            fail(ptr, e.message());
            return std::nullopt;
        }
    }

    void read_length(const json& j, const std::string& ptr, std::string_view key, length& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        if (auto len = length_value(*v, at(ptr, key))) out = *len;
    }

    void read_category(const json& j, const std::string& ptr, category& out) {
        const json* v = member(j, "category");
        if (v == nullptr) return;
        if (!v->is_string()) return wrong_type(*v, at(ptr, "category"), "a category name");
        if (auto c = parse_category(v->get<std::string>())) {
            out = *c;
        } else {
            fail(at(ptr, "category"), fmt::format("unknown category \"{}\" (allowed: {})",
                                                  v->get<std::string>(), category_names()));
        }
    }

    // A pattern string ("1-28, 29-33") or a list of day numbers.
    void read_pattern(const json& j, const std::string& ptr, std::string_view key, day_pattern& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        const std::string here = at(ptr, key);
        if (v->is_string()) {
            try {
                out = day_pattern::parse(v->get<std::string>());
            } catch (const error& e) {
                fail(here, e.message());
            }
            return;
        }
        if (!v->is_array()) return wrong_type(*v, here, "a day pattern string or a list of integers");
        day_pattern pattern;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const std::string item = here + "/" + std::to_string(i);
            if (auto d = integer<std::int32_t>((*v)[i], item)) {
                // The same bound day_pattern::parse() keeps, so the list writes out as text
                // that reads back.
                if (*d > max_day_magnitude || *d < -max_day_magnitude) {
                    fail(item, fmt::format("day numbers must lie within -{0}..{0}", max_day_magnitude));
                } else {
                    pattern.parts.push_back({*d, *d, 1});
                }
            }
        }
        out = std::move(pattern);
    }

    void read_strings(const json& j, const std::string& ptr, std::string_view key,
                      std::vector<std::string>& out) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        const std::string here = at(ptr, key);
        if (!v->is_array()) return wrong_type(*v, here, "a list of strings");
        for (std::size_t i = 0; i < v->size(); ++i) {
            const json& item = (*v)[i];
            if (item.is_string()) {
                out.push_back(item.get<std::string>());
            } else {
                wrong_type(item, here + "/" + std::to_string(i), "a string");
            }
        }
    }

    template <typename T>
    void read_list(const json& j, const std::string& ptr, std::string_view key, std::vector<T>& out,
                   T (reader::*read_one)(const json&, const std::string&)) {
        const json* v = member(j, key);
        if (v == nullptr) return;
        const std::string here = at(ptr, key);
        if (!v->is_array()) return wrong_type(*v, here, "a list");
        for (std::size_t i = 0; i < v->size(); ++i) {
            out.push_back((this->*read_one)((*v)[i], here + "/" + std::to_string(i)));
        }
    }

    source read_source(const json& j, const std::string& ptr) {
        source s;
        if (!object(j, ptr, {"key", "title", "url"}, {"key", "title"})) return s;
        read_string(j, ptr, "key", s.key);
        read_string(j, ptr, "title", s.title);
        read_string(j, ptr, "url", s.url);
        return s;
    }

    // Canonical text of a parameter value, typed by the parameter's kind (or by the JSON type
    // when the parameter is not declared; check() reports that).
    std::optional<std::string> value_text(const json& v, const std::string& ptr, const parameter* param) {
        using kind = parameter_type;
        if (param == nullptr) {
            if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
            if (v.is_string()) return v.get<std::string>();
            if (v.is_number_integer()) return v.dump();
            wrong_type(v, ptr, "true, false, a string or an integer");
            return std::nullopt;
        }
        switch (param->type) {
            case kind::boolean:
                if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
                break;
            case kind::choice:
                if (v.is_string()) return v.get<std::string>();
                break;
            case kind::integer:
                if (v.is_number_integer()) {
                    const auto n = integer<std::int64_t>(v, ptr);
                    return n ? std::optional(std::to_string(*n)) : std::nullopt;
                }
                break;
        }
        static constexpr std::string_view expected[] = {"true or false", "a choice name (string)",
                                                        "an integer"};
        wrong_type(
            v, ptr,
            fmt::format("{} for parameter \"{}\"", expected[static_cast<int>(param->type)], param->name));
        return std::nullopt;
    }

    const parameter* find_parameter(std::string_view name) const {
        if (parameters_ == nullptr) return nullptr;
        for (const parameter& p : *parameters_) {
            if (p.name == name) return &p;
        }
        return nullptr;
    }

    void read_when(const json& j, const std::string& ptr, condition& out) {
        const json* v = member(j, "when");
        if (v == nullptr) return;
        const std::string here = at(ptr, "when");
        if (!v->is_object()) return wrong_type(*v, here, "an object mapping parameter names to values");
        for (const auto& [name, values] : v->items()) {
            const std::string name_ptr = at(here, name);
            const parameter* param = find_parameter(name);
            std::vector<std::string>& texts = out.all_of[name];
            if (!values.is_array()) {
                if (auto t = value_text(values, name_ptr, param)) texts.push_back(*t);
                continue;
            }
            if (values.empty()) fail(name_ptr, "lists no values");
            for (std::size_t i = 0; i < values.size(); ++i) {
                if (auto t = value_text(values[i], name_ptr + "/" + std::to_string(i), param)) {
                    texts.push_back(*t);
                }
            }
        }
    }

    parameter read_parameter(const json& j, const std::string& ptr) {
        parameter p;
        if (!j.is_object()) {
            wrong_type(j, ptr, "an object");
            return p;
        }
        std::optional<parameter_type> type;
        if (const json* t = member(j, "type")) {
            const std::string text = t->is_string() ? t->get<std::string>() : std::string();
            if (text == "bool") type = parameter_type::boolean;
            if (text == "choice") type = parameter_type::choice;
            if (text == "integer") type = parameter_type::integer;
            if (!type) {
                fail(at(ptr, "type"),
                     fmt::format("unknown parameter type {} (allowed: bool, choice, integer)", t->dump()));
            }
        }
        const keys any = {"name",    "type",    "label",   "description", "value_labels",
                          "choices", "minimum", "maximum", "default",     "decided"};
        const keys boolean = {"name", "type", "label", "description", "value_labels", "default", "decided"};
        const keys choice = {"name",         "type",    "label",   "description",
                             "value_labels", "choices", "default", "decided"};
        const keys integer = {"name", "type", "label", "description", "minimum", "maximum", "default"};
        if (!type) {
            object(j, ptr, any, {"name", "type", "default"});
        } else if (*type == parameter_type::boolean) {
            object(j, ptr, boolean, {"name", "type", "default"});
        } else if (*type == parameter_type::choice) {
            object(j, ptr, choice, {"name", "type", "choices", "default"});
        } else {
            object(j, ptr, integer, {"name", "type", "minimum", "maximum", "default"});
        }
        p.type = type.value_or(parameter_type::boolean);
        read_string(j, ptr, "name", p.name);
        read_string(j, ptr, "label", p.label);
        read_string(j, ptr, "description", p.description);
        read_strings(j, ptr, "choices", p.choices);
        read_value_labels(j, ptr, p);
        read_integer(j, ptr, "minimum", p.minimum);
        read_integer(j, ptr, "maximum", p.maximum);
        if (const json* d = member(j, "default"); d != nullptr && type) {
            const parameter* self = &p;
            if (auto t = value_text(*d, at(ptr, "default"), self)) p.default_value = *t;
        }
        if (const json* d = member(j, "decided")) p.decided = read_decision(*d, at(ptr, "decided"));
        return p;
    }

    // "value_labels": {"true": "positive", "false": "negative"}: words for values the parameter has.
    void read_value_labels(const json& j, const std::string& ptr, parameter& p) {
        const json* v = member(j, "value_labels");
        if (v == nullptr || p.type == parameter_type::integer) return;  // object() names the key
        const std::string here = at(ptr, "value_labels");
        if (!v->is_object()) return wrong_type(*v, here, "an object mapping values to words");
        const std::vector<std::string> allowed = p.options();
        for (const auto& [value, words] : v->items()) {
            const std::string value_ptr = at(here, value);
            if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
                fail(value_ptr,
                     fmt::format("\"{}\" is not a value of this parameter (allowed: {})", value,
                                 allowed.empty() ? "none" : fmt::format("{}", fmt::join(allowed, ", "))));
                continue;
            }
            if (!words.is_string() || words.get<std::string>().empty()) {
                wrong_type(words, value_ptr, "a non-empty string");
                continue;
            }
            p.value_labels[value] = words.get<std::string>();
        }
    }

    decision_point read_decision(const json& j, const std::string& ptr) {
        decision_point d;
        if (!object(j, ptr, {"at", "by"}, {"at", "by"})) return d;
        read_anchor_member(j, ptr, "at", d.at);
        read_string(j, ptr, "by", d.decided_by);
        return d;
    }

    anchor read_anchor(const json& j, const std::string& ptr) {
        anchor a;
        if (!object(j, ptr, {"phase", "at", "day", "cycle"}, {})) return a;
        read_string(j, ptr, "phase", a.phase);
        const json* edge = member(j, "at");
        const json* day = member(j, "day");
        if (edge != nullptr && day != nullptr) {
            fail(ptr, "give either \"at\" or \"day\", not both");
        }
        if (edge != nullptr) {
            if (*edge == "start") {
                a.at = anchor::edge::start;
            } else if (*edge == "end") {
                a.at = anchor::edge::end;
            } else {
                fail(at(ptr, "at"), fmt::format("expected \"start\" or \"end\", found {}", edge->dump()));
            }
        }
        if (day != nullptr) {
            a.at = anchor::edge::day;
            read_integer(j, ptr, "day", a.day);
        }
        if (const json* c = member(j, "cycle")) {
            if (auto n = integer<std::int32_t>(*c, at(ptr, "cycle"))) a.cycle = *n;
        }
        return a;
    }

    void read_anchor_member(const json& j, const std::string& ptr, std::string_view key, anchor& out) {
        if (const json* v = member(j, key)) out = read_anchor(*v, at(ptr, key));
    }

    until_rule read_until(const json& j, const std::string& ptr) {
        until_rule u;
        if (!object(j, ptr, {"length", "from", "when"}, {"length"})) return u;
        read_length(j, ptr, "length", u.limit);
        read_anchor_member(j, ptr, "from", u.from);
        read_when(j, ptr, u.when);
        return u;
    }

    // A single until rule or a list of them.
    void read_until_rules(const json& j, const std::string& ptr, std::vector<until_rule>& out) {
        const json* u = member(j, "until");
        if (u == nullptr) return;
        const std::string here = at(ptr, "until");
        if (u->is_array()) {
            for (std::size_t i = 0; i < u->size(); ++i) {
                out.push_back(read_until((*u)[i], here + "/" + std::to_string(i)));
            }
        } else if (u->is_object()) {
            out.push_back(read_until(*u, here));
        } else {
            wrong_type(*u, here, "an object or a list of objects");
        }
    }

    // A count of cycles: an integer, or {"parameter": NAME} for the value of an integer
    // parameter.
    void read_count(const json& v, const std::string& ptr, std::optional<std::int32_t>& count,
                    std::string& parameter) {
        if (v.is_object()) {
            if (!object(v, ptr, {"parameter"}, {"parameter"})) return;
            read_string(v, ptr, "parameter", parameter);
            if (v.contains("parameter") && v.at("parameter").is_string() && parameter.empty())
                fail(at(ptr, "parameter"), "parameter name is empty");
            return;
        }
        if (!v.is_number_integer()) return wrong_type(v, ptr, "an integer or {\"parameter\": \"<name>\"}");
        if (auto n = integer<std::int32_t>(v, ptr)) count = *n;
    }

    count_case read_count_case(const json& j, const std::string& ptr) {
        count_case c;
        if (!object(j, ptr, {"when", "count"}, {"when", "count"})) return c;
        read_when(j, ptr, c.when);
        if (const json* n = member(j, "count")) read_count(*n, at(ptr, "count"), c.count, c.parameter);
        return c;
    }

    length_case read_length_case(const json& j, const std::string& ptr) {
        length_case c;
        if (!object(j, ptr, {"when", "length"}, {"when", "length"})) return c;
        read_when(j, ptr, c.when);
        read_length(j, ptr, "length", c.duration);
        return c;
    }

    repeat_rule read_repeat(const json& j, const std::string& ptr) {
        repeat_rule r;
        if (!object(j, ptr, {"count", "count_when", "until", "first_cycle_length", "variants"}, {})) return r;
        if (const json* c = member(j, "count")) read_count(*c, at(ptr, "count"), r.count, r.count_parameter);
        read_list(j, ptr, "count_when", r.count_when, &reader::read_count_case);
        read_until_rules(j, ptr, r.until);
        if (const json* f = member(j, "first_cycle_length")) {
            r.first_cycle = length_value(*f, at(ptr, "first_cycle_length"));
        }
        read_strings(j, ptr, "variants", r.variants);
        return r;
    }

    activity read_activity(const json& j, const std::string& ptr) {
        activity a;
        const keys allowed = {"name",   "category", "days",        "continuous", "weekdays_only", "at_most",
                              "window", "per_day",  "every_hours", "times",      "duration",      "after",
                              "cycles", "variants", "when",        "note"};
        // An activity given "after" another takes its days from it.
        const bool follows = j.is_object() && j.contains("after");
        if (!object(j, ptr, allowed, follows ? keys{"name", "category"} : keys{"name", "category", "days"}))
            return a;
        read_string(j, ptr, "name", a.name);
        read_category(j, ptr, a.category);
        read_pattern(j, ptr, "days", a.days);
        read_bool(j, ptr, "continuous", a.continuous);
        read_bool(j, ptr, "weekdays_only", a.weekdays_only);
        read_optional_integer(j, ptr, "at_most", a.at_most);
        read_timing(j, ptr, a.timing);
        if (const json* w = member(j, "window")) a.window = read_day_window(*w, at(ptr, "window"));
        read_pattern(j, ptr, "cycles", a.cycles);
        read_strings(j, ptr, "variants", a.variants);
        read_when(j, ptr, a.when);
        read_string(j, ptr, "note", a.note);
        return a;
    }

    // {"before": B, "after": A}, or {"alternatives": [7, 14]}: days the planned one may be
    // moved by instead. Their ranges are check()'s; which form is the reader's, since only the
    // file tells a "before": 0 written from one left out.
    std::optional<day_window> read_day_window(const json& w, const std::string& here) {
        if (!object(w, here, {"before", "after", "alternatives"}, {})) return std::nullopt;
        day_window win;
        read_integer(w, here, "before", win.before);
        read_integer(w, here, "after", win.after);
        const json* list = member(w, "alternatives");
        if (list == nullptr) return win;
        const std::string list_ptr = at(here, "alternatives");
        if (w.contains("before") || w.contains("after"))
            fail(here, "a window gives \"alternatives\" or a range (\"before\", \"after\"), not both");
        if (!list->is_array()) {
            wrong_type(*list, list_ptr, "a list of day offsets such as [7] or [-1, 1]");
        } else if (list->empty()) {
            fail(list_ptr, "lists no alternatives: give the days to add, such as [7]");
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                if (auto n = integer<std::int32_t>((*list)[i], list_ptr + "/" + std::to_string(i)))
                    win.alternatives.push_back(*n);
            }
        }
        // What check() would say of a list with nothing readable left is said above.
        if (win.alternatives.empty()) rejected_.push_back(here);
        return win;
    }

    void read_optional_integer(const json& j, const std::string& ptr, std::string_view key,
                               std::optional<std::int32_t>& out) {
        if (const json* v = member(j, key)) {
            if (auto n = integer<std::int32_t>(*v, at(ptr, key))) out = *n;
        }
    }

    // per_day, every_hours, times, duration and after; their ranges and agreement are check()'s.
    void read_timing(const json& j, const std::string& ptr, timing& out) {
        read_optional_integer(j, ptr, "per_day", out.per_day);
        read_optional_integer(j, ptr, "every_hours", out.every_hours);
        if (const json* v = member(j, "times")) {
            const std::string here = at(ptr, "times");
            if (!v->is_array()) {
                wrong_type(*v, here, "a list of clock times such as [\"08:00\", \"20:00\"]");
            } else {
                for (std::size_t i = 0; i < v->size(); ++i) {
                    const json& item = (*v)[i];
                    const std::string item_ptr = here + "/" + std::to_string(i);
                    if (!item.is_string()) {
                        wrong_type(item, item_ptr, "a clock time \"HH:MM\"");
                        continue;
                    }
                    try {
                        out.times.push_back(clock_time::parse(item.get<std::string>()));
                    } catch (const error& e) {
                        fail(item_ptr, e.message());
                    }
                }
            }
        }
        if (const json* v = member(j, "duration")) {
            const std::string here = at(ptr, "duration");
            if (!v->is_string()) {
                wrong_type(*v, here, "a duration such as \"30min\", \"24h\", \"2h30min\" or \"28d\"");
            } else {
                try {
                    out.duration = parse_duration(v->get<std::string>());
                } catch (const error& e) {
                    fail(here, e.message());
                }
            }
        }
        if (const json* v = member(j, "after")) {
            const std::string here = at(ptr, "after");
            after_rule rule;
            if (object(*v, here, {"activity", "hours"}, {"activity", "hours"})) {
                read_string(*v, here, "activity", rule.activity);
                read_integer(*v, here, "hours", rule.hours);
                out.after = std::move(rule);
            }
        }
    }

    // "length": "4w", or an uncertain one: {"expected": "4w", "shortest": "2w", "longest": "6w",
    // "reason": "until counts recover"}.
    void read_phase_length(const json& j, const std::string& ptr, phase& p) {
        const json* v = member(j, "length");
        if (v == nullptr) return;
        const std::string here = at(ptr, "length");
        if (!v->is_object()) {
            if (auto len = length_value(*v, here)) p.duration = *len;
            return;
        }
        if (!object(*v, here, {"expected", "shortest", "longest", "reason"},
                    {"expected", "shortest", "longest"}))
            return;
        length_range r;
        read_length(*v, here, "expected", p.duration);
        read_length(*v, here, "shortest", r.shortest);
        read_length(*v, here, "longest", r.longest);
        read_string(*v, here, "reason", r.reason);
        p.range = std::move(r);
    }

    phase read_phase(const json& j, const std::string& ptr) {
        phase p;
        const keys allowed = {"id",        "name",        "kind",   "length", "length_when", "until",
                              "first_day", "description", "expect", "when",   "repeat",      "activities"};
        // A phase that runs until a limit takes its length from the limit.
        const bool limited = j.is_object() && j.contains("until");
        if (!object(j, ptr, allowed, limited ? keys{"id", "name"} : keys{"id", "name", "length"})) return p;
        read_string(j, ptr, "id", p.id);
        read_string(j, ptr, "name", p.name);
        read_string(j, ptr, "kind", p.kind);
        if (limited && j.contains("length")) {
            fail(at(ptr, "length"),
                 "a phase that runs \"until\" a limit has no \"length\" of its own: the limit gives its "
                 "length");
        }
        if (limited && j.contains("length_when")) {
            fail(at(ptr, "length_when"),
                 "a phase that runs \"until\" a limit has no \"length_when\": the limit gives its length");
        }
        if (limited && j.contains("repeat")) {
            fail(at(ptr, "until"),
                 "a repeating phase takes its \"until\" limit inside \"repeat\", where it cuts the cycles");
        }
        read_phase_length(j, ptr, p);
        read_list(j, ptr, "length_when", p.length_when, &reader::read_length_case);
        read_until_rules(j, ptr, p.until);
        read_integer(j, ptr, "first_day", p.first_day);
        read_string(j, ptr, "description", p.description);
        read_string(j, ptr, "expect", p.expect);
        read_when(j, ptr, p.when);
        if (const json* r = member(j, "repeat")) p.repeat = read_repeat(*r, at(ptr, "repeat"));
        read_list(j, ptr, "activities", p.activities, &reader::read_activity);
        return p;
    }

    dependency read_dependency(const json& j, const std::string& ptr) {
        dependency d;
        const keys allowed = {"from", "to", "type", "day", "lag", "gate", "window", "when"};
        if (!object(j, ptr, allowed, {"from", "to"})) return d;
        read_string(j, ptr, "from", d.from);
        read_string(j, ptr, "to", d.to);
        if (const json* t = member(j, "type")) {
            if (*t == "finish-to-start") {
                d.type = dependency_type::finish_to_start;
            } else if (*t == "start-to-start") {
                d.type = dependency_type::start_to_start;
            } else {
                fail(at(ptr, "type"),
                     fmt::format("unknown dependency type {} (allowed: finish-to-start, start-to-start)",
                                 t->dump()));
            }
        }
        if (d.type == dependency_type::start_to_start && !j.contains("day")) {
            problems_.push_back({{"", ptr, 0, 0},
                                 "missing required key \"day\" (a start-to-start dependency "
                                 "needs the day)"});
            rejected_.push_back(at(ptr, "day"));
        }
        read_integer(j, ptr, "day", d.on_day);
        read_length(j, ptr, "lag", d.lag);
        read_string(j, ptr, "gate", d.gate);
        if (const json* w = member(j, "window")) {
            const std::string here = at(ptr, "window");
            // A length ("1mo": a range), or a list of lengths ("or 1 or 2 weeks later").
            if (!w->is_array()) {
                d.window = length_value(*w, here);
            } else if (w->empty()) {
                fail(here,
                     "lists no lengths: give a length such as \"1mo\" or a list such as [\"1w\", \"2w\"]");
            } else {
                for (std::size_t i = 0; i < w->size(); ++i) {
                    if (auto len = length_value((*w)[i], here + "/" + std::to_string(i)))
                        d.window_alternatives.push_back(*len);
                }
            }
        }
        read_when(j, ptr, d.when);
        return d;
    }

    // "translations": {"es": {"Induction": "Inducción", ...}, "fr": {...}}: texts as written, each
    // with its translation. Which languages and texts are allowed is check()'s.
    void read_translations(const json& doc, protocol_translations& out) {
        const json* v = member(doc, "translations");
        if (v == nullptr) return;
        if (!v->is_object()) {
            wrong_type(*v, "/translations", "an object of languages");
            return;
        }
        for (const auto& [language, texts] : v->items()) {
            const std::string here = at("/translations", language);
            if (!texts.is_object()) {
                wrong_type(texts, here, "an object of texts, each with its translation");
                continue;
            }
            text_translations& into = out[language];
            for (const auto& [text, translated] : texts.items()) {
                if (!translated.is_string()) {
                    wrong_type(translated, at(here, text), "a string");
                    continue;
                }
                into.emplace(text, translated.get<std::string>());
            }
        }
    }

    track read_track(const json& j, const std::string& ptr) {
        track t;
        const keys allowed = {"activity", "category", "from", "to", "when", "note"};
        if (!object(j, ptr, allowed, {"activity", "category", "from", "to"})) return t;
        read_string(j, ptr, "activity", t.name);
        read_category(j, ptr, t.category);
        read_anchor_member(j, ptr, "from", t.from);
        read_anchor_member(j, ptr, "to", t.to);
        read_when(j, ptr, t.when);
        read_string(j, ptr, "note", t.note);
        return t;
    }

    std::vector<problem>& problems_;
    std::vector<std::string>& rejected_;
    const std::vector<parameter>* parameters_ = nullptr;
};

}  // namespace

protocol read_protocol(const json& doc, std::vector<problem>& problems, std::vector<std::string>& rejected) {
    return reader(problems, rejected).read(doc);
}

}  // namespace ttplan::detail
