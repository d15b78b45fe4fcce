// The JSON schedule document: the contract other tools read (schema/schedule.schema.json).
#include <ttplan/format.hpp>
#include <ttplan/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ttplan {

namespace {

using ojson = nlohmann::ordered_json;

// Parameter values are kept as canonical text; readers get them typed again.
ojson typed_value(const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    const bool integer = !text.empty() && text.size() < 19 &&
                         std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                     [](char c) { return c >= '0' && c <= '9'; }) &&
                         text != "-";
    if (integer) return std::stoll(text);
    return text;
}

ojson cycle_value(const std::optional<std::int32_t>& cycle) {
    return cycle ? ojson(*cycle) : ojson(nullptr);
}

ojson protocol_value(const protocol_info& info) {
    return {{"id", info.id}, {"title", info.title}, {"version", info.version}};
}

ojson parameters_value(const parameter_values& values) {
    ojson params = ojson::object();
    for (const auto& [name, value] : values) params[name] = typed_value(value);
    return params;
}

}  // namespace

std::string to_json(const schedule& s) {
    ojson doc;
    doc["format"] = "ttplan-schedule/1";
    doc["protocol"] = protocol_value(s.protocol());
    doc["parameters"] = parameters_value(s.parameters());
    doc["start"] = format_date(s.start());
    doc["end"] = format_date(s.end());
    doc["total_days"] = s.total_days();

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
                          {"cut", p.cut},
                          {"stopped", p.stopped},
                          {"protocol", s.protocol_of(p.protocol)}});
    }
    doc["phases"] = std::move(phases);

    ojson events = ojson::array();
    for (const auto& e : s.events()) {
        ojson item = {{"date", format_date(e.date)},
                      {"phase", e.phase},
                      {"cycle", cycle_value(e.cycle)},
                      {"day", e.day},
                      {"activity", e.activity},
                      {"category", std::string(to_string(e.kind))},
                      {"tentative", e.tentative},
                      {"protocol", s.protocol_of(e.protocol)}};
        if (e.planned_date) item["planned_date"] = format_date(*e.planned_date);
        if (!e.note.empty()) item["note"] = e.note;
        events.push_back(std::move(item));
    }
    doc["events"] = std::move(events);

    ojson tracks = ojson::array();
    for (const auto& t : s.spans()) {
        ojson item = {{"activity", t.activity},
                      {"category", std::string(to_string(t.kind))},
                      {"start", format_date(t.first)},
                      {"end", format_date(t.last)},
                      {"days", t.days()},
                      {"phase", t.phase.empty() ? ojson(nullptr) : ojson(t.phase)},
                      {"cycle", cycle_value(t.cycle)},
                      {"tentative", t.tentative},
                      {"cut", t.cut},
                      {"protocol", s.protocol_of(t.protocol)}};
        if (!t.note.empty()) item["note"] = t.note;
        tracks.push_back(std::move(item));
    }
    doc["tracks"] = std::move(tracks);
    doc["disclaimer"] = disclaimer;
    return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
