#include "protocol_json.hpp"

#include <ttplan/protocol_io.hpp>

#include <charconv>
#include <string>

namespace ttplan {

namespace detail {

namespace {

using ojson = nlohmann::ordered_json;

void put_text(ojson& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}

// A parameter value typed as the file writes it: JSON true/false for bool, a number for
// integer, a string for choice (and for anything that does not fit its parameter, so an
// invalid protocol still writes out and check() can name the problem).
ojson value_json(const protocol& p, std::string_view name, const std::string& text) {
    const parameter* param = p.find_parameter(name);
    if (param != nullptr && param->type == parameter_type::boolean) {
        if (text == "true") return true;
        if (text == "false") return false;
    }
    if (param != nullptr && param->type == parameter_type::integer) {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc{} && end == text.data() + text.size() && std::to_string(n) == text) {
            return n;
        }
    }
    return text;
}

void put_when(ojson& j, const protocol& p, const condition& c) {
    if (c.empty()) return;
    ojson when = ojson::object();
    for (const auto& [name, values] : c.all_of) {
        if (values.size() == 1) {
            when[name] = value_json(p, name, values.front());
        } else {
            ojson list = ojson::array();
            for (const auto& v : values) list.push_back(value_json(p, name, v));
            when[name] = std::move(list);
        }
    }
    j["when"] = std::move(when);
}

void put_strings(ojson& j, const char* key, const std::vector<std::string>& values) {
    if (!values.empty()) j[key] = values;
}

ojson anchor_json(const anchor& a) {
    ojson j = ojson::object();
    put_text(j, "phase", a.phase);
    switch (a.at) {
        case anchor::edge::start:
            j["at"] = "start";
            break;
        case anchor::edge::end:
            j["at"] = "end";
            break;
        case anchor::edge::day:
            j["day"] = a.day;
            break;
    }
    if (a.cycle) j["cycle"] = *a.cycle;
    return j;
}

ojson parameter_json(const parameter& param) {
    ojson j = ojson::object();
    j["name"] = param.name;
    switch (param.type) {
        case parameter_type::boolean:
            j["type"] = "bool";
            j["default"] = param.default_value == "true";
            break;
        case parameter_type::choice:
            j["type"] = "choice";
            j["choices"] = param.choices;
            j["default"] = param.default_value;
            break;
        case parameter_type::integer: {
            j["type"] = "integer";
            j["minimum"] = param.minimum;
            j["maximum"] = param.maximum;
            std::int64_t n = 0;
            const std::string& text = param.default_value;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec == std::errc{} && end == text.data() + text.size()) {
                j["default"] = n;
            } else {
                j["default"] = text;
            }
            break;
        }
    }
    put_text(j, "label", param.label);
    put_text(j, "description", param.description);
    if (!param.value_labels.empty()) {
        // In the parameter's order of values, as a reader expects them.
        ojson labels = ojson::object();
        for (const std::string& v : param.options()) {
            if (const auto it = param.value_labels.find(v); it != param.value_labels.end())
                labels[v] = it->second;
        }
        j["value_labels"] = std::move(labels);
    }
    if (param.decided) {
        ojson d = ojson::object();
        d["at"] = anchor_json(param.decided->at);
        d["by"] = param.decided->decided_by;
        j["decided"] = std::move(d);
    }
    return j;
}

ojson activity_json(const protocol& p, const activity& a) {
    ojson j = ojson::object();
    j["name"] = a.name;
    j["category"] = std::string(to_string(a.category));
    // An activity given "after" another has no days of its own.
    if (!a.days.empty() || !a.timing.after) j["days"] = a.days.to_string();
    if (a.continuous) j["continuous"] = true;
    if (a.weekdays_only) j["weekdays_only"] = true;
    if (a.at_most) j["at_most"] = *a.at_most;
    if (a.window) {
        ojson w = ojson::object();
        if (a.window->before != 0) w["before"] = a.window->before;
        if (a.window->after != 0) w["after"] = a.window->after;
        if (!a.window->alternatives.empty()) w["alternatives"] = a.window->alternatives;
        j["window"] = std::move(w);
    }
    const timing& t = a.timing;
    if (t.per_day) j["per_day"] = *t.per_day;
    if (t.every_hours) j["every_hours"] = *t.every_hours;
    if (!t.times.empty()) {
        ojson times = ojson::array();
        for (const clock_time c : t.times) times.push_back(c.to_string());
        j["times"] = std::move(times);
    }
    if (t.duration) j["duration"] = format_duration(*t.duration);
    if (t.after) j["after"] = ojson{{"activity", t.after->activity}, {"hours", t.after->hours}};
    if (!a.cycles.empty()) j["cycles"] = a.cycles.to_string();
    put_strings(j, "variants", a.variants);
    put_when(j, p, a.when);
    put_text(j, "note", a.note);
    return j;
}

// A single rule as an object, several as a list.
void put_until(ojson& j, const protocol& p, const std::vector<until_rule>& rules) {
    ojson until = ojson::array();
    for (const until_rule& u : rules) {
        ojson rule = ojson::object();
        rule["length"] = u.limit.to_string();
        if (u.from != anchor{}) rule["from"] = anchor_json(u.from);
        put_when(rule, p, u.when);
        until.push_back(std::move(rule));
    }
    if (until.size() == 1) {
        j["until"] = std::move(until.front());
    } else if (!until.empty()) {
        j["until"] = std::move(until);
    }
}

// An integer, or {"parameter": NAME}; nothing when neither is set.
void put_count(ojson& j, const std::optional<std::int32_t>& count, const std::string& parameter) {
    if (!parameter.empty()) {
        j["count"] = ojson{{"parameter", parameter}};
    } else if (count) {
        j["count"] = *count;
    }
}

ojson repeat_json(const protocol& p, const repeat_rule& r) {
    ojson j = ojson::object();
    put_count(j, r.count, r.count_parameter);
    if (!r.count_when.empty()) {
        ojson cases = ojson::array();
        for (const count_case& c : r.count_when) {
            ojson one = ojson::object();
            put_when(one, p, c.when);
            // A case always has a "when", even an empty one, so it reads back as a case.
            if (!one.contains("when")) one["when"] = ojson::object();
            put_count(one, c.count, c.parameter);
            cases.push_back(std::move(one));
        }
        j["count_when"] = std::move(cases);
    }
    put_until(j, p, r.until);
    if (r.first_cycle) j["first_cycle_length"] = r.first_cycle->to_string();
    put_strings(j, "variants", r.variants);
    return j;
}

ojson phase_json(const protocol& p, const phase& ph) {
    ojson j = ojson::object();
    j["id"] = ph.id;
    j["name"] = ph.name;
    put_text(j, "kind", ph.kind);
    // A phase that runs until a limit has no length of its own.
    if (ph.range) {
        ojson len = ojson::object();
        len["expected"] = ph.duration.to_string();
        len["shortest"] = ph.range->shortest.to_string();
        len["longest"] = ph.range->longest.to_string();
        put_text(len, "reason", ph.range->reason);
        j["length"] = std::move(len);
    } else if (ph.until.empty()) {
        j["length"] = ph.duration.to_string();
    }
    if (!ph.length_when.empty()) {
        ojson cases = ojson::array();
        for (const length_case& c : ph.length_when) {
            ojson one = ojson::object();
            put_when(one, p, c.when);
            if (!one.contains("when")) one["when"] = ojson::object();
            one["length"] = c.duration.to_string();
            cases.push_back(std::move(one));
        }
        j["length_when"] = std::move(cases);
    }
    put_until(j, p, ph.until);
    if (ph.first_day != 1) j["first_day"] = ph.first_day;
    put_text(j, "description", ph.description);
    put_text(j, "expect", ph.expect);
    put_when(j, p, ph.when);
    if (ph.repeat) j["repeat"] = repeat_json(p, *ph.repeat);
    ojson activities = ojson::array();
    for (const activity& a : ph.activities) activities.push_back(activity_json(p, a));
    j["activities"] = std::move(activities);
    return j;
}

ojson dependency_json(const protocol& p, const dependency& d) {
    ojson j = ojson::object();
    j["from"] = d.from;
    j["to"] = d.to;
    if (d.type == dependency_type::start_to_start) {
        j["type"] = "start-to-start";
        j["day"] = d.on_day;
    } else if (d.on_day != 1) {
        // Not meaningful (check() says so), but written so the file reads back the same.
        j["day"] = d.on_day;
    }
    if (d.lag != length{0, length::unit::days}) j["lag"] = d.lag.to_string();
    put_text(j, "gate", d.gate);
    // The file has one "window": of a model with both forms, which check() rejects, the range.
    if (d.window) {
        j["window"] = d.window->to_string();
    } else if (!d.window_alternatives.empty()) {
        ojson list = ojson::array();
        for (const length& len : d.window_alternatives) list.push_back(len.to_string());
        j["window"] = std::move(list);
    }
    put_when(j, p, d.when);
    return j;
}

ojson track_json(const protocol& p, const track& t) {
    ojson j = ojson::object();
    j["activity"] = t.name;
    j["category"] = std::string(to_string(t.category));
    j["from"] = anchor_json(t.from);
    j["to"] = anchor_json(t.to);
    put_when(j, p, t.when);
    put_text(j, "note", t.note);
    return j;
}

}  // namespace

ojson write_protocol(const protocol& p) {
    ojson j = ojson::object();
    j["format"] = std::string(protocol_format) + "/" + std::to_string(protocol_format_version);
    j["id"] = p.id;
    j["title"] = p.title;
    put_text(j, "version", p.version);
    put_text(j, "summary", p.summary);
    put_text(j, "description", p.description);
    put_text(j, "notes", p.notes);
    if (!p.sources.empty()) {
        ojson sources = ojson::array();
        for (const source& s : p.sources) {
            ojson one = ojson::object();
            one["key"] = s.key;
            one["title"] = s.title;
            put_text(one, "url", s.url);
            sources.push_back(std::move(one));
        }
        j["sources"] = std::move(sources);
    }
    if (!p.parameters.empty()) {
        ojson params = ojson::array();
        for (const parameter& param : p.parameters) params.push_back(parameter_json(param));
        j["parameters"] = std::move(params);
    }
    ojson phases = ojson::array();
    for (const phase& ph : p.phases) phases.push_back(phase_json(p, ph));
    j["phases"] = std::move(phases);
    if (!p.dependencies.empty()) {
        ojson deps = ojson::array();
        for (const dependency& d : p.dependencies) deps.push_back(dependency_json(p, d));
        j["dependencies"] = std::move(deps);
    }
    if (!p.tracks.empty()) {
        ojson tracks = ojson::array();
        for (const track& t : p.tracks) tracks.push_back(track_json(p, t));
        j["tracks"] = std::move(tracks);
    }
    if (!p.translations.empty()) {
        ojson translations = ojson::object();
        for (const auto& [language, texts] : p.translations) {
            ojson entries = ojson::object();
            for (const auto& [text, translated] : texts) entries[text] = translated;
            translations[language] = std::move(entries);
        }
        j["translations"] = std::move(translations);
    }
    return j;
}

}  // namespace detail

std::string to_json(const protocol& p) {
    // Replacing invalid UTF-8 keeps to_json total; text read by parse_protocol is valid.
    return detail::write_protocol(p).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
