// The JSON schedule document: the contract other tools read (schema/schedule.schema.json).
#include <ttplan/format.hpp>
#include <ttplan/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ttplan {

namespace {

using ojson = nlohmann::ordered_json;

// The declared type decides the JSON type: a choice stays a string even when it looks like a
// number ("2025") or a boolean.
ojson typed_json(const typed_value& v) {
    switch (v.type) {
        case parameter_type::boolean:
            return v.text == "true";
        case parameter_type::integer:
            return std::stoll(v.text);
        case parameter_type::choice:
            break;
    }
    return v.text;
}

ojson ending_value(ending_reason e) {
    return e == ending_reason::none ? ojson(nullptr) : ojson(std::string(to_string(e)));
}

ojson cycle_value(const std::optional<std::int32_t>& cycle) {
    return cycle ? ojson(*cycle) : ojson(nullptr);
}

ojson protocol_value(const protocol_info& info) {
    return {{"id", info.id}, {"title", info.title}, {"version", info.version}};
}

ojson pending_value(const std::vector<std::string>& pending) {
    ojson out = ojson::array();
    for (const auto& name : pending) out.push_back(name);
    return out;
}

ojson parameters_value(const typed_values& values) {
    ojson params = ojson::object();
    for (const auto& [name, value] : values) params[name] = typed_json(value);
    return params;
}

// Only what is set, so a schedule without times reads as before.
void put_timing(ojson& item, const timing& t) {
    if (t.per_day) item["per_day"] = *t.per_day;
    if (t.every_hours) item["every_hours"] = *t.every_hours;
    if (!t.times.empty()) {
        ojson times = ojson::array();
        for (const clock_time c : t.times) times.push_back(c.to_string());
        item["times"] = std::move(times);
    }
    if (t.duration) item["duration"] = iso_duration(*t.duration);
    if (t.after) item["after"] = {{"activity", t.after->activity}, {"hours", t.after->hours}};
}

// "earliest_<name>" and "latest_<name>" from an item's possible dates, when it has them.
void put_possible(ojson& item, std::string_view name, const std::optional<date_window>& w) {
    if (!w) return;
    item[fmt::format("earliest_{}", name)] = format_date(w->earliest);
    item[fmt::format("latest_{}", name)] = format_date(w->latest);
}

// {"earliest", "latest"}, and "dates" when the window lists them.
ojson window_value(const date_window& w) {
    ojson out = {{"earliest", format_date(w.earliest)}, {"latest", format_date(w.latest)}};
    if (w.is_list()) {
        ojson dates = ojson::array();
        for (const day_point d : w.dates) dates.push_back(format_date(d));
        out["dates"] = std::move(dates);
    }
    return out;
}

}  // namespace

std::string to_json(const schedule& s) {
    ojson doc;
    doc["format"] = "ttplan-schedule/4";
    doc["protocol"] = protocol_value(s.protocol());
    doc["parameters"] = parameters_value(s.parameters());
    doc["start"] = format_date(s.start());
    doc["end"] = format_date(s.end());
    doc["total_days"] = s.total_days();
    put_possible(doc, "end", s.possible_end());

    // The main protocol, then each protocol the plan continued with (items name theirs).
    ojson segments = ojson::array();
    for (const auto& seg : s.segments()) {
        segments.push_back({{"protocol", protocol_value(seg.protocol)},
                            {"parameters", parameters_value(seg.parameters)},
                            {"start", format_date(seg.start)},
                            {"reason", seg.reason}});
    }
    doc["segments"] = std::move(segments);

    ojson phases = ojson::array();
    for (const auto& p : s.phases()) {
        phases.push_back({{"id", p.phase},
                          {"name", p.name},
                          {"cycle", cycle_value(p.cycle)},
                          {"variant", p.variant.empty() ? ojson(nullptr) : ojson(p.variant)},
                          {"start", format_date(p.first)},
                          {"end", format_date(p.last)},
                          {"days", p.days()},
                          {"first_day", p.first_day},
                          {"tentative", p.tentative},
                          {"ending", ending_value(p.ending)},
                          {"protocol", s.segment_of(p).protocol.id},
                          {"segment", p.segment},
                          {"pending", pending_value(p.pending)}});
        if (p.start_window) phases.back()["start_window"] = window_value(*p.start_window);
        if (p.uncertain_length) {
            ojson range = {{"shortest", p.uncertain_length->shortest.to_string()},
                           {"longest", p.uncertain_length->longest.to_string()}};
            if (!p.uncertain_length->reason.empty()) range["reason"] = p.uncertain_length->reason;
            phases.back()["uncertain_length"] = std::move(range);
        }
        put_possible(phases.back(), "start", p.possible_first);
        put_possible(phases.back(), "end", p.possible_last);
        if (!p.paused.empty()) {
            ojson paused = ojson::array();
            for (const auto& w : p.paused) paused.push_back(window_value(w));
            phases.back()["paused"] = std::move(paused);
        }
    }
    doc["phases"] = std::move(phases);

    ojson events = ojson::array();
    for (const auto& e : s.events()) {
        ojson item = {{"date", format_date(e.date)},   {"phase", e.phase},
                      {"cycle", cycle_value(e.cycle)}, {"day", e.day},
                      {"activity", e.activity},        {"category", std::string(to_string(e.category))},
                      {"tentative", e.tentative},      {"protocol", s.segment_of(e).protocol.id},
                      {"segment", e.segment},          {"pending", pending_value(e.pending)}};
        if (e.planned_date) item["planned_date"] = format_date(*e.planned_date);
        if (e.recorded) item["recorded"] = true;
        if (e.window) item["window"] = window_value(*e.window);
        put_possible(item, "date", e.possible_date);
        if (!e.note.empty()) item["note"] = e.note;
        put_timing(item, e.timing);
        events.push_back(std::move(item));
    }
    doc["events"] = std::move(events);

    ojson spans = ojson::array();
    for (const auto& t : s.spans()) {
        ojson item = {{"activity", t.activity},
                      {"category", std::string(to_string(t.category))},
                      {"start", format_date(t.first)},
                      {"end", format_date(t.last)},
                      {"days", t.days()},
                      {"phase", t.phase.empty() ? ojson(nullptr) : ojson(t.phase)},
                      {"cycle", cycle_value(t.cycle)},
                      {"tentative", t.tentative},
                      {"ending", ending_value(t.ending)},
                      {"protocol", s.segment_of(t).protocol.id},
                      {"segment", t.segment},
                      {"pending", pending_value(t.pending)}};
        if (!t.note.empty()) item["note"] = t.note;
        put_timing(item, t.timing);
        put_possible(item, "start", t.possible_first);
        put_possible(item, "end", t.possible_last);
        spans.push_back(std::move(item));
    }
    doc["spans"] = std::move(spans);

    ojson decisions = ojson::array();
    for (const auto& d : s.decisions()) {
        // Typed as the segment declares it; a hand-built schedule may not list it: text then.
        const auto& declared = s.segment_of(d).parameters;
        const auto found = declared.find(d.parameter);
        const parameter_type type = found == declared.end() ? parameter_type::choice : found->second.type;
        const auto typed = [&](const std::string& text) { return typed_json(typed_value{type, text}); };
        ojson options = ojson::array();
        for (const auto& o : d.options) options.push_back(typed(o));
        decisions.push_back({{"parameter", d.parameter},
                             {"date", format_date(d.date)},
                             {"phase", d.phase},
                             {"cycle", cycle_value(d.cycle)},
                             {"day", d.day},
                             {"decided_by", d.decided_by},
                             {"options", std::move(options)},
                             {"value", d.value ? typed(*d.value) : ojson(nullptr)},
                             {"assumed", typed(d.assumed)},
                             {"pending", d.pending()},
                             {"tentative", d.tentative},
                             {"protocol", s.segment_of(d).protocol.id},
                             {"segment", d.segment}});
        put_possible(decisions.back(), "date", d.possible_date);
    }
    doc["decisions"] = std::move(decisions);
    doc["disclaimer"] = disclaimer;
    return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
