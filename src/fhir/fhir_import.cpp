// A FHIR R4 PlanDefinition read as a protocol: the document is mapped to the protocol's file
// form, which the protocol reader then checks like any file. What has no ttplan meaning is
// reported with its FHIR path, never dropped unsaid.
#include "fhir_common.hpp"

#include <ttplan/fhir.hpp>
#include <ttplan/protocol_io.hpp>

#include "json_scan.hpp"
#include "protocol_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ttplan {

namespace {

using detail::ojson;
using json = nlohmann::json;

// Where an element sits: its JSON pointer and its FHIR path, built together.
struct place {
    std::string pointer;
    std::string path;

    place key(std::string_view k) const {
        return {pointer + "/" + std::string(k), path + "." + std::string(k)};
    }
    place index(std::size_t i) const {
        return {fmt::format("{}/{}", pointer, i), fmt::format("{}[{}]", path, i)};
    }
};

using detail::descriptive_action_keys;
using detail::descriptive_keys;

class importer {
public:
    importer(const detail::scanned_json& doc, std::string origin) : doc_(doc), origin_(std::move(origin)) {}

    ojson run() {
        const json& pd = doc_.value;
        const place root{"", "PlanDefinition"};
        if (!pd.is_object() || !pd.contains("resourceType") || pd["resourceType"] != "PlanDefinition") {
            const std::string found = pd.is_object() && pd.contains("resourceType")
                                          ? pd["resourceType"].dump()
                                          : std::string("nothing");
            error(pd.is_object() ? root.key("resourceType") : root,
                  fmt::format("expected a PlanDefinition (\"resourceType\": \"PlanDefinition\"), found {}",
                              found));
            return {};
        }
        ojson out{{"format", "ttplan-protocol/2"}};
        const std::string name = pd.value("name", "");
        out["id"] = detail::is_protocol_id(name)
                        ? name
                        : detail::slug(pd.value("id", name.empty() ? "imported" : name));
        out["title"] = pd.value("title", name.empty() ? out["id"].get<std::string>() : name);
        if (pd.contains("version")) out["version"] = text(pd["version"], root.key("version"));
        if (pd.contains("subtitle")) out["summary"] = text(pd["subtitle"], root.key("subtitle"));
        if (pd.contains("description")) out["description"] = text(pd["description"], root.key("description"));
        if (pd.contains("usage")) out["notes"] = text(pd["usage"], root.key("usage"));
        ojson rules = ojson::object();
        for (const auto& [k, v] : pd.items()) {
            const place at = root.key(k);
            if (k == "resourceType" || k == "id" || k == "name" || k == "title" || k == "version" ||
                k == "subtitle" || k == "description" || k == "usage" || k == "action" ||
                descriptive_keys.count(k)) {
                continue;
            }
            if (k == "extension") {
                rules = read_extensions(v, at, nullptr);
            } else if (k == "relatedArtifact") {
                read_sources(v, at, out);
            } else {
                unmapped(at, "ttplan has no counterpart for it");
            }
        }
        declared_ = rules.value("parameters", ojson::array());
        const place actions = root.key("action");
        if (!pd.contains("action") || !pd["action"].is_array() || pd["action"].empty()) {
            error(actions, "a PlanDefinition needs at least one action: ttplan plans its actions");
            return {};
        }
        read_level(pd["action"], actions, ojson::object());
        read_dependencies();
        out["parameters"] = parameters();
        if (out["parameters"].empty()) out.erase("parameters");
        out["phases"] = ojson::array();
        for (auto& ph : phases_) out["phases"].push_back(std::move(ph.file));
        if (!dependencies_.empty()) out["dependencies"] = dependencies_;
        for (const auto& [k, v] : rules.items()) {
            if (k != "parameters") out[k] = v;
        }
        return out;
    }

    std::vector<problem> errors;
    std::vector<problem> lost;
    // The action being read: where a value of the wrong JSON type is reported.
    place current{"", "PlanDefinition"};
    problem wrong_type(const std::string& what) const {
        return problem{where(current), fmt::format("{}: a value of the wrong JSON type for FHIR R4 ({})",
                                                   current.path, what)};
    }

private:
    struct phase_entry {
        ojson file;
        const json* action = nullptr;
        place at;
    };

    location where(const place& at) const {
        return location{origin_, at.pointer, detail::line_of(doc_.lines, at.pointer), 0};
    }
    void error(const place& at, const std::string& message) {
        errors.push_back(problem{where(at), fmt::format("{}: {}", at.path, message)});
    }
    void unmapped(const place& at, const std::string& why) {
        lost.push_back(problem{where(at), fmt::format("{}: cannot be mapped: {}", at.path, why)});
    }
    std::string text(const json& v, const place& at) {
        if (v.is_string()) return v.get<std::string>();
        error(at, "expected a string");
        return {};
    }

    void read_sources(const json& list, const place& at, ojson& out) {
        if (!list.is_array()) return error(at, "expected a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& a = list[i];
            if (!a.is_object() || !a.contains("label") || !a.contains("display")) {
                unmapped(at.index(i),
                         "ttplan keeps a related artifact with a \"label\" and a \"display\" as a source");
                continue;
            }
            ojson s{{"key", a["label"]}, {"title", a["display"]}};
            if (a.contains("url")) s["url"] = a["url"];
            out["sources"].push_back(std::move(s));
        }
    }

    // The extensions of an element: ttplan's rules (returned), the days of a cycle (into *days).
    ojson read_extensions(const json& list, const place& at, std::vector<std::int32_t>* days) {
        ojson rules = ojson::object();
        if (!list.is_array()) {
            error(at, "expected a list");
            return rules;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& e = list[i];
            const place here = at.index(i);
            const std::string url = e.is_object() ? e.value("url", "") : "";
            if (url == fhir_rules_url) {
                try {
                    rules = ojson::parse(e.value("valueString", "{}"));
                } catch (const json::exception& x) {
                    error(here.key("valueString"), fmt::format("not JSON: {}", x.what()));
                }
                if (!rules.is_object()) {
                    error(here.key("valueString"), "expected a JSON object");
                    rules = ojson::object();
                }
            } else if (url == fhir_days_of_cycle_url && days != nullptr) {
                const json& parts = e.contains("extension") ? e["extension"] : json::array();
                for (std::size_t k = 0; k < parts.size(); ++k) {
                    if (parts[k].value("url", "") == "day" && parts[k].contains("valueInteger") &&
                        parts[k]["valueInteger"].is_number_integer()) {
                        days->push_back(parts[k]["valueInteger"].get<std::int32_t>());
                    } else {
                        error(here.key("extension").index(k),
                              "expected {\"url\": \"day\", \"valueInteger\": N}");
                    }
                }
            } else {
                unmapped(here, fmt::format("extension \"{}\" has no ttplan meaning", url));
            }
        }
        return rules;
    }

    // A length from a Duration or from a value and a UCUM unit.
    std::optional<std::string> length_text(const json& value, const json& unit, const place& at) {
        if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || !unit.is_string()) {
            unmapped(
                at,
                "ttplan takes whole, non-negative numbers of days (d), weeks (wk), months (mo) or years (a)");
            return std::nullopt;
        }
        const auto u = detail::length_unit_of(unit.get<std::string>());
        if (!u) {
            unmapped(at,
                     fmt::format("unit \"{}\": ttplan counts days (d), weeks (wk), months (mo) and years (a)",
                                 unit.get<std::string>()));
            return std::nullopt;
        }
        return length{static_cast<std::int32_t>(value.get<std::int64_t>()), *u}.to_string();
    }
    std::optional<std::string> duration_text(const json& d, const place& at) {
        if (!d.is_object()) {
            error(at, "expected a Duration");
            return std::nullopt;
        }
        return length_text(d.value("value", json()), d.contains("code") ? d["code"] : d.value("unit", json()),
                           at);
    }

    // A condition's text as a protocol "when"; the values seen are remembered, so that
    // parameters no rules extension declares can be declared from them.
    void read_conditions(const json& list, const place& at, ojson& when) {
        if (!list.is_array()) return error(at, "expected a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const place here = list[i].is_object() ? at.index(i) : at.index(i);
            const json& c = list[i];
            if (c.value("kind", "") != "applicability") {
                unmapped(here.key("kind"), "ttplan reads applicability conditions only");
                continue;
            }
            const json& e = c.contains("expression") ? c["expression"] : json();
            const std::string language = e.is_object() ? e.value("language", "") : "";
            if (language != detail::fhir_condition_language && language != "text/cql-expression") {
                unmapped(here.key("expression"),
                         fmt::format("language \"{}\": ttplan reads {} of the form name = value and name in "
                                     "{{value, ...}}",
                                     language, detail::fhir_condition_language));
                continue;
            }
            try {
                for (auto& term : detail::parse_condition_text(e.value("expression", ""))) {
                    for (const auto& v : term.values) seen_[term.name].push_back(v);
                    when[term.name] = term.values.size() == 1 ? term.values[0] : term.values;
                }
            } catch (const value_error& x) {
                unmapped(here.key("expression").key("expression"), x.message());
            }
        }
    }

    static bool is_leaf(const json& a) { return !a.contains("action") || a["action"].empty(); }

    // One level of actions: option groups, groups of phases, phases.
    void read_level(const json& actions, const place& at, const ojson& inherited) {
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const json& a = actions[i];
            const place here = at.index(i);
            current = here;
            if (!a.is_object()) {
                error(here, "expected an action");
                continue;
            }
            const std::string selection = a.value("selectionBehavior", "");
            if (is_leaf(a)) {
                add_phase(a, here, inherited, true);
            } else if (std::all_of(a["action"].begin(), a["action"].end(), is_leaf) && selection.empty()) {
                add_phase(a, here, inherited, false);
            } else if (selection == "exactly-one" || selection == "at-most-one") {
                read_options(a, here, inherited, selection == "at-most-one");
            } else {
                if (!selection.empty() && selection != "all") {
                    unmapped(here.key("selectionBehavior"),
                             fmt::format("\"{}\": ttplan maps \"all\", \"exactly-one\" and \"at-most-one\"",
                                         selection));
                }
                ojson when = inherited;
                for (const auto& [k, v] : a.items()) {
                    if (k == "condition") {
                        read_conditions(v, here.key(k), when);
                    } else if (k != "action" && k != "id" && k != "title" && k != "description" &&
                               k != "selectionBehavior" && !descriptive_action_keys.count(k)) {
                        unmapped(here.key(k),
                                 "a group of phases carries no timing, relation or extension in ttplan");
                    }
                }
                read_level(a["action"], here.key("action"), when);
            }
        }
    }

    // "Exactly one of these regimens": a choice parameter with one value per option.
    void read_options(const json& group, const place& at, const ojson& inherited, bool none_allowed) {
        std::string name = detail::slug(group.value("id", group.value("title", "option")));
        std::replace(name.begin(), name.end(), '-', '_');
        if (!std::islower(static_cast<unsigned char>(name[0]))) name = "option_" + name;
        ojson param{{"name", name}, {"type", "choice"}, {"choices", ojson::array()}};
        if (group.contains("title")) param["description"] = group["title"];
        ojson when = inherited;
        for (const auto& [k, v] : group.items()) {
            if (k == "condition") {
                read_conditions(v, at.key(k), when);
            } else if (k != "action" && k != "id" && k != "title" && k != "description" &&
                       k != "selectionBehavior" && !descriptive_action_keys.count(k)) {
                unmapped(at.key(k),
                         "a choice between regimens carries no timing, relation or extension in ttplan");
            }
        }
        const json& options = group["action"];
        for (std::size_t i = 0; i < options.size(); ++i) {
            const json& o = options[i];
            std::string value =
                detail::slug(o.value("id", o.value("title", fmt::format("option-{}", i + 1))));
            while (std::find(param["choices"].begin(), param["choices"].end(), value) !=
                   param["choices"].end())
                value += "-2";
            param["choices"].push_back(value);
            ojson option_when = when;
            option_when[name] = value;
            const place here = at.key("action").index(i);
            if (is_leaf(o) || std::all_of(o["action"].begin(), o["action"].end(), is_leaf)) {
                add_phase(o, here, option_when, is_leaf(o));
            } else {
                read_level(o["action"], here.key("action"), option_when);
                for (const auto& [k, v] : o.items()) {
                    if (k != "action" && k != "id" && k != "title" && k != "description" &&
                        !descriptive_action_keys.count(k)) {
                        unmapped(
                            here.key(k),
                            "an option holding phases carries no timing, relation or extension in ttplan");
                    }
                }
            }
        }
        if (none_allowed) param["choices"].push_back("none");
        param["default"] = param["choices"][0];
        options_.push_back(std::move(param));
    }

    // The phase id: the one ttplan's rules keep, else the action's id when it is one, else made
    // from the action's id or title.
    std::string unique_phase_id(const json& a, const ojson& rules) {
        const std::string given = a.value("id", "");
        std::string id = rules.contains("id") && rules["id"].is_string() ? rules["id"].get<std::string>()
                         : detail::is_protocol_id(given)
                             ? given
                             : detail::slug(given.empty() ? a.value("title", "phase") : given);
        const std::string base = id;
        for (int n = 2; !phase_ids_.insert(id).second; ++n) id = fmt::format("{}-{}", base, n);
        if (!given.empty()) by_action_id_[given] = id;
        return id;
    }

    void read_timing(const json& a, const place& at, ojson& ph) {
        if (a.contains("timingDuration")) {
            if (auto len = duration_text(a["timingDuration"], at.key("timingDuration"))) ph["length"] = *len;
        }
        if (!a.contains("timingTiming")) return;
        const json& timing = a["timingTiming"];
        const place t = at.key("timingTiming");
        ph["repeat"] = ojson::object();
        for (const auto& [k, v] : timing.items()) {
            if (k != "repeat") unmapped(t.key(k), "ttplan reads a phase's Timing.repeat only");
        }
        const json& r = timing.contains("repeat") ? timing["repeat"] : json::object();
        const place rp = t.key("repeat");
        std::optional<std::string> period;
        for (const auto& [k, v] : r.items()) {
            if (k == "count") {
                ph["repeat"]["count"] = v;
            } else if (k == "period" || k == "duration") {
                const std::string unit_key = k + "Unit";
                auto len = length_text(v, r.contains(unit_key) ? r[unit_key] : json(), rp.key(k));
                if (len && period && *len != *period) {
                    unmapped(rp.key(k),
                             fmt::format("a cycle of {} differs from the {} given beside it", *len, *period));
                } else if (len) {
                    period = len;
                }
            } else if (k == "periodUnit" || k == "durationUnit") {
            } else if (k == "frequency" && v == 1) {
            } else if (k == "boundsDuration") {
                if (auto len = duration_text(v, rp.key(k))) {
                    ph["repeat"]["until"] = ojson{{"length", *len}, {"from", {{"phase", ph["id"]}}}};
                }
            } else {
                unmapped(rp.key(k),
                         "ttplan reads count, period or duration (the cycle length), frequency 1 and "
                         "boundsDuration of a cycle's Timing");
            }
        }
        if (period) ph["length"] = *period;
    }

    ojson read_activity(const json& a, const place& at, std::int32_t first_day, std::int32_t& last_day) {
        current = at;
        ojson act{{"name", a.value("title", a.value("textEquivalent", a.value("id", "Activity")))},
                  {"category", "chemotherapy"}};
        std::vector<std::int32_t> days;
        ojson rules = ojson::object();
        std::string note = a.value("description", "");
        for (const auto& [k, v] : a.items()) {
            const place here = at.key(k);
            if (k == "extension") {
                rules = read_extensions(v, here, &days);
            } else if (k == "code") {
                for (const auto& c : v) {
                    for (const auto& coding : c.value("coding", json::array())) {
                        if (coding.value("system", "") == fhir_category_system)
                            act["category"] = coding.value("code", "");
                    }
                }
            } else if (k == "condition") {
                ojson when = ojson::object();
                read_conditions(v, here, when);
                if (!when.empty()) act["when"] = when;
            } else if (k == "definitionCanonical" || k == "definitionUri") {
                // The definition names the medicine (and its dose, which ttplan never holds).
                note += fmt::format("{}definition: {}", note.empty() ? "" : "; ",
                                    v.is_string() ? v.get<std::string>() : v.dump());
            } else if (k == "relatedAction") {
                read_after(v, here);
            } else if (k == "timingTiming" && v.contains("extension") && v.size() == 1) {
                rules.update(read_extensions(v["extension"], here.key("extension"), &days));
            } else if (k != "id" && k != "title" && k != "description" && !descriptive_action_keys.count(k)) {
                unmapped(here,
                         "ttplan reads an activity's title, code, condition, definition, relatedAction and "
                         "timing-daysOfCycle");
            }
        }
        for (std::int32_t& d : days) {
            d += first_day - 1;
            last_day = std::max(last_day, d);
        }
        if (!days.empty()) act["days"] = detail::days_text(std::move(days));
        if (!note.empty()) act["note"] = note;
        act.update(rules);
        if (!act.contains("days") && !act.contains("after")) {
            act["days"] = std::to_string(first_day);
            last_day = std::max(last_day, first_day);
        }
        return act;
    }

    // "42 hours after methotrexate": a relatedAction from one activity to another of its phase.
    void read_after(const json& list, const place& at) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& r = list[i];
            const place here = at.index(i);
            const std::string rel = r.value("relationship", "");
            const json& d = r.contains("offsetDuration") ? r["offsetDuration"] : json::object();
            const std::string unit = d.value("code", d.value("unit", "h"));
            const std::int64_t hours_per = unit == "h" ? 1 : unit == "d" ? 24 : 0;
            if ((rel != "after-start" && rel != "after") || hours_per == 0 ||
                !d.value("value", json(0)).is_number_integer() || list.size() > 1) {
                unmapped(here,
                         "ttplan reads one relatedAction of an activity: after-start by whole hours or days");
                continue;
            }
            // The activity's place is known once its phase takes it (add_phase).
            pending_after_.push_back({no_index, no_index, r.value("actionId", ""),
                                      d.value("value", std::int64_t{0}) * hours_per, here});
        }
    }

    void add_phase(const json& a, const place& at, const ojson& inherited, bool leaf) {
        ojson rules = ojson::object();
        if (a.contains("extension")) rules = read_extensions(a["extension"], at.key("extension"), nullptr);
        ojson ph{{"id", unique_phase_id(a, rules)}, {"name", a.value("title", a.value("id", "Phase"))}};
        rules.erase("id");
        ojson when = inherited;
        for (const auto& [k, v] : a.items()) {
            const place here = at.key(k);
            if (k == "extension") {
            } else if (k == "code" && !leaf) {
                if (v.is_array() && !v.empty() && v[0].contains("text")) ph["kind"] = v[0]["text"];
            } else if (k == "description" && !leaf) {
                ph["description"] = v;
            } else if (k == "condition") {
                read_conditions(v, here, when);
            } else if (k == "relatedAction" || k == "timingDuration" || k == "timingTiming" || k == "id" ||
                       k == "title" || k == "action" || descriptive_action_keys.count(k) ||
                       (leaf && (k == "code" || k == "description" || k == "definitionCanonical" ||
                                 k == "definitionUri"))) {
            } else {
                unmapped(here,
                         "ttplan reads a phase's title, description, code, condition, timingDuration, "
                         "timingTiming, relatedAction, its actions and the rules extension");
            }
        }
        read_timing(a, at, ph);
        if (!when.empty()) ph["when"] = when;
        const std::int32_t first_day = rules.value("first_day", 1);
        std::int32_t last_day = first_day;
        ph["activities"] = ojson::array();
        if (leaf) {
            // An action with no actions of its own is a phase of one activity on its first day.
            json act = a;
            for (const char* k :
                 {"extension", "condition", "timingDuration", "timingTiming", "relatedAction"})
                act.erase(k);
            ph["activities"].push_back(read_activity(act, at, first_day, last_day));
        } else {
            const json& acts = a["action"];
            for (std::size_t i = 0; i < acts.size(); ++i) {
                ph["activities"].push_back(
                    read_activity(acts[i], at.key("action").index(i), first_day, last_day));
                if (acts[i].contains("id"))
                    activity_names_[{ph["id"].get<std::string>(), acts[i]["id"].get<std::string>()}] =
                        ph["activities"].back()["name"].get<std::string>();
                for (after_ref& ref : pending_after_) {
                    if (ref.phase == no_index) ref = {phases_.size(), i, ref.action_id, ref.hours, ref.at};
                }
            }
        }
        if (ph.contains("repeat") && rules.contains("repeat")) {
            ph["repeat"].update(rules["repeat"]);
            rules.erase("repeat");
        }
        ph.update(rules);
        if (!ph.contains("length") && !ph.contains("until"))
            ph["length"] = fmt::format("{}d", last_day - first_day + 1);
        phases_.push_back({std::move(ph), &a, at});
    }

    void read_dependencies() {
        std::map<std::string, std::int32_t, std::less<>> first_days;
        for (const auto& ph : phases_)
            first_days[ph.file["id"].get<std::string>()] = ph.file.value("first_day", 1);
        for (const auto& after : pending_after_) resolve_after(after);
        for (const auto& ph : phases_) {
            if (!ph.action->contains("relatedAction")) continue;
            const json& list = (*ph.action)["relatedAction"];
            const place at = ph.at.key("relatedAction");
            const std::string self = ph.file["id"].get<std::string>();
            for (std::size_t i = 0; i < list.size(); ++i) {
                const json& r = list[i];
                const place here = at.index(i);
                current = here;
                const std::string target_id = r.value("actionId", "");
                const auto target = by_action_id_.find(target_id);
                if (target == by_action_id_.end()) {
                    error(here.key("actionId"), fmt::format("no phase action has the id \"{}\"", target_id));
                    continue;
                }
                ojson rules = ojson::object();
                if (r.contains("extension"))
                    rules = read_extensions(r["extension"], here.key("extension"), nullptr);
                std::optional<std::string> offset;
                if (r.contains("offsetDuration"))
                    offset = duration_text(r["offsetDuration"], here.key("offsetDuration"));
                if (r.contains("offsetRange"))
                    unmapped(here.key("offsetRange"), "ttplan takes one offset, a Duration");
                const std::string rel = r.value("relationship", "");
                std::string why;
                std::optional<ojson> dep = detail::dependency_for(rel, self, target->second, offset,
                                                                  first_days[target->second], why);
                if (!dep) {
                    unmapped(here.key(why.rfind("an offset", 0) == 0 ? "offsetDuration" : "relationship"),
                             why);
                    continue;
                }
                dep->update(rules);
                dependencies_.push_back(std::move(*dep));
            }
        }
    }
    static constexpr std::size_t no_index = static_cast<std::size_t>(-1);
    struct after_ref {
        std::size_t phase;     // index into phases_
        std::size_t activity;  // index into the phase's activities
        std::string action_id;
        std::int64_t hours;
        place at;
    };
    // An activity follows another of its own phase, as ttplan's "after" requires.
    void resolve_after(const after_ref& ref) {
        ojson& phase = phases_.at(ref.phase).file;
        const auto found = activity_names_.find({phase["id"].get<std::string>(), ref.action_id});
        if (found == activity_names_.end()) {
            error(ref.at.key("actionId"),
                  fmt::format("no activity action of this phase has the id \"{}\"", ref.action_id));
            return;
        }
        ojson& activity = phase["activities"].at(ref.activity);
        activity.erase("days");
        activity["after"] = ojson{{"activity", found->second}, {"hours", ref.hours}};
    }

    // Parameters: those the rules extension declares, those regimen options make, and one for
    // every other name a condition uses, typed by its values.
    ojson parameters() {
        ojson declared = declared_;
        for (const auto& p : options_) declared.push_back(p);
        std::vector<std::string> conflicts;
        ojson out = detail::inferred_parameters(declared, seen_, conflicts);
        for (const auto& message : conflicts) errors.push_back(problem{location{origin_, "", 0, 0}, message});
        return out;
    }

    const detail::scanned_json& doc_;
    std::string origin_;
    ojson declared_ = ojson::array();
    std::vector<ojson> options_;
    std::map<std::string, std::vector<ojson>, std::less<>> seen_;
    std::vector<phase_entry> phases_;
    ojson dependencies_ = ojson::array();
    std::set<std::string> phase_ids_;
    std::map<std::string, std::string, std::less<>> by_action_id_;
    std::map<std::pair<std::string, std::string>, std::string> activity_names_;
    std::vector<after_ref> pending_after_;
};

}  // namespace

fhir_import_result import_plan_definition(std::string_view json_text, std::string_view origin,
                                          const fhir_import_options& options) {
    const detail::scanned_json doc = detail::scan_json(json_text, origin);
    importer in(doc, std::string(origin));
    std::vector<problem> problems = doc.problems;
    ojson file;
    try {
        file = in.run();
    } catch (const nlohmann::json::exception& e) {
        // Values are read as FHIR types them (a title is a string, a day an integer); another
        // type is reported at the action being read.
        problems.push_back(in.wrong_type(e.what()));
    }
    problems.insert(problems.end(), in.errors.begin(), in.errors.end());
    if (!options.lossy) problems.insert(problems.end(), in.lost.begin(), in.lost.end());
    if (!problems.empty()) throw validation_error(std::move(problems));
    fhir_import_result out;
    // The protocol reader checks what the mapping made; its locations name the mapped form.
    out.result = parse_protocol(file.dump(2), fmt::format("{} (as a ttplan protocol)", origin));
    out.unmapped = std::move(in.lost);
    return out;
}

fhir_import_result import_plan_definition_file(const std::filesystem::path& path,
                                               const fhir_import_options& options) {
    return import_plan_definition(detail::read_text_file(path, "PlanDefinition file"), path.string(),
                                  options);
}

}  // namespace ttplan
