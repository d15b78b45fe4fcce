// A protocol as a FHIR R4 PlanDefinition. Works on the protocol's file form, so every key has
// one place: a FHIR element where FHIR has one, else the rules extension of its element.
#include "fhir_common.hpp"

#include <ttplan/fhir.hpp>
#include <ttplan/version.hpp>

#include "formats/markup_escape.hpp"
#include "protocol_json.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace ttplan {

namespace {

using detail::ojson;

// Adds the rules extension holding `rest` (the keys FHIR has no element for), if any.
void put_rules(ojson& element, const ojson& rest) {
    if (rest.empty()) return;
    element["extension"].push_back(ojson{{"url", std::string(fhir_rules_url)}, {"valueString", rest.dump()}});
}

ojson applicability(const ojson& when) {
    return ojson::array({ojson{{"kind", "applicability"},
                               {"expression",
                                {{"language", std::string(detail::fhir_condition_language)},
                                 {"expression", detail::condition_text(when)}}}}});
}

// The JSON minus the keys listed.
ojson without(const ojson& j, std::initializer_list<const char*> keys) {
    ojson rest = j;
    for (const char* k : keys) rest.erase(k);
    return rest;
}

ojson activity_action(const ojson& a, std::int32_t first_day, const std::string& id) {
    ojson action{{"id", id}};
    ojson rest = without(a, {"name", "category", "when", "note"});
    // Days that do not depend on the occurrence go in the HL7 extension, counted from 1 as it
    // counts; days with `end` (and an activity given "after" another) stay in the rules.
    if (a.contains("days") && a["days"].is_string()) {
        const day_pattern days = day_pattern::parse(a["days"].get<std::string>());
        if (!days.uses_end()) {
            ojson ext{{"url", std::string(fhir_days_of_cycle_url)}, {"extension", ojson::array()}};
            for (std::int32_t d : days.days()) {
                ext["extension"].push_back(ojson{{"url", "day"}, {"valueInteger", d - first_day + 1}});
            }
            action["extension"].push_back(std::move(ext));
            rest.erase("days");
        }
    }
    put_rules(action, rest);
    action["title"] = a["name"];
    if (a.contains("note")) action["description"] = a["note"];
    action["code"] =
        ojson::array({ojson{{"coding", ojson::array({ojson{{"system", std::string(fhir_category_system)},
                                                           {"code", a["category"]}}})}}});
    if (a.contains("when")) action["condition"] = applicability(a["when"]);
    return action;
}

// The timing of a phase: a repeat as timingTiming (count, period), a phase run once as
// timingDuration; the expected length of an uncertain one (its range stays in the rules).
void put_phase_timing(ojson& action, const ojson& ph, ojson& rest) {
    if (!ph.contains("length")) return;
    const ojson& len_json = ph["length"];
    const length len =
        length::parse((len_json.is_object() ? len_json["expected"] : len_json).get<std::string>());
    if (len_json.is_string()) rest.erase("length");
    if (!ph.contains("repeat")) {
        action["timingDuration"] = detail::duration_json(len);
        return;
    }
    ojson repeat = ojson::object();
    ojson repeat_rest = ph["repeat"];
    if (repeat_rest.contains("count") && repeat_rest["count"].is_number_integer()) {
        repeat["count"] = repeat_rest["count"];
        repeat_rest.erase("count");
    }
    repeat["period"] = len.count;
    repeat["periodUnit"] = std::string(detail::ucum_unit(len.units));
    action["timingTiming"] = ojson{{"repeat", repeat}};
    // An empty repeat in the rules still says "this phase repeats" to the reader of the rules.
    rest["repeat"] = repeat_rest;
}

std::string fhir_id(std::string_view id) {
    std::string out;
    for (char c : id) out += (c == '_') ? '-' : c;
    return out.substr(0, 60);
}

}  // namespace

std::string to_plan_definition(const protocol& p) {
    const ojson file = detail::write_protocol(p);
    ojson pd{{"resourceType", "PlanDefinition"}, {"id", fhir_id(p.id)}};
    pd["text"] = ojson{
        {"status", "generated"},
        {"div", fmt::format("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{}</p><p><b>{}</b></p></div>",
                            detail::escape_xml(p.title), detail::escape_xml(disclaimer))}};
    put_rules(pd, without(file, {"format", "id", "title", "version", "summary", "description", "notes",
                                 "sources", "phases", "dependencies"}));
    pd["name"] = p.id;
    pd["title"] = p.title;
    if (!p.summary.empty()) pd["subtitle"] = p.summary;
    if (!p.version.empty()) pd["version"] = p.version;
    pd["type"] =
        ojson{{"coding",
               ojson::array({ojson{{"system", "http://terminology.hl7.org/CodeSystem/plan-definition-type"},
                                   {"code", "clinical-protocol"}}})}};
    pd["status"] = "draft";
    if (!p.description.empty()) pd["description"] = p.description;
    if (!p.notes.empty()) pd["usage"] = p.notes;
    for (const source& s : p.sources) {
        ojson artifact{{"type", "citation"}, {"label", s.key}, {"display", s.title}};
        if (!s.url.empty()) artifact["url"] = s.url;
        pd["relatedArtifact"].push_back(std::move(artifact));
    }

    std::map<std::string, std::int32_t, std::less<>> first_days;
    // Action ids are FHIR ids ([A-Za-z0-9.-], which relatedAction.actionId requires): a phase id
    // with '_' gets '-' instead, and the rules keep the phase id.
    std::map<std::string, std::string, std::less<>> action_ids;
    std::set<std::string, std::less<>> used;
    for (const phase& ph : p.phases) {
        first_days[ph.id] = ph.first_day;
        std::string id = fhir_id(ph.id);
        const std::string base = id;
        for (int n = 2; !used.insert(id).second; ++n) id = fmt::format("{}-{}", base, n);
        action_ids[ph.id] = id;
    }
    // Each dependency goes to the action of the phase it leads into.
    std::map<std::string, ojson, std::less<>> related;
    for (const ojson& d : file.value("dependencies", ojson::array())) {
        ojson rel{{"actionId", action_ids[d["from"].get<std::string>()]}};
        ojson rest = without(d, {"from", "to", "type", "day"});
        if (d.value("type", "finish-to-start") == "start-to-start") {
            rel["relationship"] = "after-start";
            const std::int32_t offset =
                d["day"].get<std::int32_t>() - first_days[d["from"].get<std::string>()];
            rel["offsetDuration"] = detail::duration_json(length{offset, length::unit::days});
        } else {
            rel["relationship"] = "after-end";
            if (d.contains("lag")) {
                rel["offsetDuration"] = detail::duration_json(length::parse(d["lag"].get<std::string>()));
                rest.erase("lag");
            }
        }
        put_rules(rel, rest);
        related[d["to"].get<std::string>()].push_back(std::move(rel));
    }

    pd["action"] = ojson::array();
    for (const ojson& ph : file["phases"]) {
        const std::string id = ph["id"].get<std::string>();
        const std::string action_id = action_ids[id];
        ojson action{{"id", action_id}};
        ojson rest = without(ph, {"id", "name", "kind", "description", "when", "activities", "repeat"});
        if (action_id != id) rest["id"] = id;
        put_phase_timing(action, ph, rest);
        if (ph.contains("repeat") && !rest.contains("repeat")) rest["repeat"] = ph["repeat"];
        if (rest.contains("repeat") && rest["repeat"].empty()) rest.erase("repeat");
        put_rules(action, rest);
        action["title"] = ph["name"];
        if (ph.contains("description")) action["description"] = ph["description"];
        if (ph.contains("kind")) action["code"] = ojson::array({ojson{{"text", ph["kind"]}}});
        if (ph.contains("when")) action["condition"] = applicability(ph["when"]);
        if (const auto r = related.find(id); r != related.end()) action["relatedAction"] = r->second;
        const std::int32_t first_day = ph.value("first_day", 1);
        ojson children = ojson::array();
        for (const ojson& a : ph["activities"]) {
            children.push_back(
                activity_action(a, first_day, fmt::format("{}-a{}", action_id, children.size() + 1)));
        }
        action["action"] = std::move(children);
        pd["action"].push_back(std::move(action));
    }
    return pd.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
