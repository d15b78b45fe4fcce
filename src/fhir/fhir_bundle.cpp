// A schedule as a FHIR R4 Bundle: a CarePlan and the RequestGroup of dated actions it points to.
#include "fhir_common.hpp"

#include <ttplan/fhir.hpp>
#include <ttplan/version.hpp>

#include "fnv1a.hpp"
#include "formats/ical_uid.hpp"
#include "formats/markup_escape.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

namespace ttplan {

namespace {

using detail::ojson;

// A UUID-shaped name for a Bundle entry's fullUrl, from the plan's id and the entry's role:
// stable across runs, version nibble 8 (RFC 9562 "custom"), variant 10.
std::string entry_uuid(std::string_view plan_id, std::string_view role) {
    const std::uint64_t hi = detail::fnv1a_64(fmt::format("ttplan-fhir/1 {} {} hi", plan_id, role));
    const std::uint64_t lo = detail::fnv1a_64(fmt::format("ttplan-fhir/1 {} {} lo", plan_id, role));
    const std::string hex = fmt::format("{:016x}{:016x}", hi, lo);
    return fmt::format("urn:uuid:{}-{}-8{}-{:x}{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(13, 3),
                       8 + (std::stoi(hex.substr(16, 1), nullptr, 16) & 3), hex.substr(17, 3),
                       hex.substr(20, 12));
}

ojson category_code(category c) {
    return ojson::array(
        {ojson{{"coding", ojson::array({ojson{{"system", std::string(fhir_category_system)},
                                              {"code", std::string(to_string(c))},
                                              {"display", std::string(display_name(c))}}})}}});
}

ojson period(day_point first, day_point last) {
    return ojson{{"start", format_date(first)}, {"end", format_date(last)}};
}

ojson days_of_cycle(std::int32_t day) {
    return ojson::array({ojson{{"url", std::string(fhir_days_of_cycle_url)},
                               {"extension", ojson::array({ojson{{"url", "day"}, {"valueInteger", day}}})}}});
}

// "tentative; pending induction_response": what a reader must know before trusting a date.
std::string flags(bool tentative, const std::vector<std::string>& pending) {
    std::string out = tentative ? "tentative" : "";
    for (const auto& p : pending) out += fmt::format("{}pending {}", out.empty() ? "" : "; ", p);
    return out;
}

std::string parameters_text(const typed_values& values) {
    std::string out;
    for (const auto& [name, v] : values) out += fmt::format("{}{}={}", out.empty() ? "" : ", ", name, v.text);
    return out.empty() ? "none" : out;
}

class request_group_writer {
public:
    explicit request_group_writer(const schedule& s) : s_(s) {}

    ojson actions() {
        // Events and spans by the occurrence they belong to: (segment, phase, cycle).
        for (const event& e : s_.events()) items_[key(e.segment, e.phase, e.cycle)].events.push_back(&e);
        for (const span& sp : s_.spans()) {
            if (!sp.phase.empty()) items_[key(sp.segment, sp.phase, sp.cycle)].spans.push_back(&sp);
        }
        ojson out = ojson::array();
        std::map<std::pair<std::size_t, std::string>, std::size_t> phase_action;  // -> index in out
        for (const phase_occurrence& o : s_.phases()) {
            const auto pk = std::make_pair(o.segment, o.phase);
            auto found = phase_action.find(pk);
            if (found == phase_action.end()) {
                found = phase_action.emplace(pk, out.size()).first;
                out.push_back(phase_json(o));
            }
            ojson& phase = out[found->second];
            phase["timingPeriod"]["end"] = format_date(o.last);
            if (o.cycle) {
                ojson cycle{{"id", fmt::format("{}-c{}", phase["id"].get<std::string>(), *o.cycle)},
                            {"title", fmt::format("{}, cycle {}", o.name, *o.cycle)}};
                if (!o.variant.empty())
                    cycle["title"] =
                        fmt::format("{} (course {})", cycle["title"].get<std::string>(), o.variant);
                put_flags(cycle, o.tentative, o.pending);
                cycle["timingPeriod"] = period(o.first, o.last);
                add_items(cycle, o, cycle["id"].get<std::string>());
                phase["action"].push_back(std::move(cycle));
            } else {
                add_items(phase, o, phase["id"].get<std::string>());
            }
        }
        for (const span& sp : s_.spans()) {
            if (!sp.phase.empty()) continue;
            ojson track{
                {"id", unique(fmt::format("{}track-{}", prefix(sp.segment), detail::slug(sp.activity)))},
                {"title", sp.activity}};
            if (!sp.note.empty()) track["description"] = sp.note;
            put_flags(track, sp.tentative, sp.pending);
            track["code"] = category_code(sp.category);
            track["timingPeriod"] = period(sp.first, sp.last);
            out.push_back(std::move(track));
        }
        return out;
    }

private:
    struct occurrence_items {
        std::vector<const event*> events;
        std::vector<const span*> spans;
    };
    using item_key = std::tuple<std::size_t, std::string, std::int32_t>;

    static item_key key(std::size_t segment, const std::string& phase,
                        const std::optional<std::int32_t>& cycle) {
        return {segment, phase, cycle.value_or(0)};
    }
    // Phase ids repeat across the protocols of a continued plan: the later ones get "s<k>-".
    static std::string prefix(std::size_t segment) {
        return segment == 0 ? "" : fmt::format("s{}-", segment);
    }
    std::string unique(const std::string& id) {
        std::string out = id;
        for (int n = 2; !used_.insert(out).second; ++n) out = fmt::format("{}-{}", id, n);
        return out;
    }
    static void put_flags(ojson& action, bool tentative, const std::vector<std::string>& pending) {
        const std::string f = flags(tentative, pending);
        if (!f.empty()) action["textEquivalent"] = f;
    }

    ojson phase_json(const phase_occurrence& o) {
        ojson j{{"id", unique(prefix(o.segment) + o.phase)}, {"title", o.name}};
        if (o.segment > 0) j["description"] = s_.segments()[o.segment].protocol.title;
        if (!o.kind.empty()) j["code"] = ojson::array({ojson{{"text", o.kind}}});
        if (!o.cycle) put_flags(j, o.tentative, o.pending);
        j["timingPeriod"] = period(o.first, o.last);
        j["action"] = ojson::array();
        return j;
    }

    void add_items(ojson& parent, const phase_occurrence& o, const std::string& parent_id) {
        const auto found = items_.find(key(o.segment, o.phase, o.cycle));
        if (found == items_.end()) return;
        for (const span* sp : found->second.spans) {
            ojson j{{"id",
                     unique(fmt::format("{}-d{}-{}", parent_id, sp->first_day, detail::slug(sp->activity)))},
                    {"title", sp->activity}};
            if (!sp->note.empty()) j["description"] = sp->note;
            put_flags(j, sp->tentative, sp->pending);
            j["code"] = category_code(sp->category);
            j["timingPeriod"] = period(sp->first, sp->last);
            parent["action"].push_back(std::move(j));
        }
        for (const event* e : found->second.events) {
            ojson j{{"id", unique(fmt::format("{}-d{}-{}", parent_id, e->day, detail::slug(e->activity)))}};
            // The day of the cycle, counted from 1 as the extension does, whatever the phase's
            // own numbering.
            const std::int32_t cycle_day = e->day - o.first_day + 1;
            if (o.cycle && cycle_day >= 1) j["extension"] = days_of_cycle(cycle_day);
            j["title"] = e->activity;
            if (!e->note.empty()) j["description"] = e->note;
            put_flags(j, e->tentative, e->pending);
            j["code"] = category_code(e->category);
            j["timingDateTime"] = format_date(e->date);
            parent["action"].push_back(std::move(j));
        }
    }

    const schedule& s_;
    std::map<item_key, occurrence_items> items_;
    std::set<std::string> used_;
};

}  // namespace

std::string to_fhir_bundle(const schedule& s, std::string_view given_id) {
    // A given id may hold '_' and run to 64 characters, which a FHIR id with a prefix cannot.
    const std::string plan_id =
        given_id.empty() ? detail::calendar_id_for(s, "")
                         : fmt::format("{:016x}", detail::fnv1a_64(detail::calendar_id_for(s, given_id)));
    const std::string care_plan_url = entry_uuid(plan_id, "CarePlan");
    const std::string request_group_url = entry_uuid(plan_id, "RequestGroup");
    const protocol_info& info = s.protocol();
    std::string about =
        fmt::format("{}{}, planned from {} to {}; parameters: {}.", info.title,
                    info.version.empty() ? "" : fmt::format(" (version {})", info.version),
                    format_date(s.start()), format_date(s.end()), parameters_text(s.parameters()));
    for (std::size_t k = 1; k < s.segments().size(); ++k) {
        const segment& seg = s.segments()[k];
        about += fmt::format(" Then {} from {}; parameters: {}.", seg.protocol.title, format_date(seg.start),
                             parameters_text(seg.parameters));
    }
    const ojson subject{{"display", "the patient (not identified by ttplan)"}};
    const ojson note = ojson::array({ojson{{"text", disclaimer}}});

    ojson care_plan{
        {"resourceType", "CarePlan"},
        {"id", "careplan-" + plan_id},
        {"text",
         {{"status", "generated"},
          {"div", fmt::format("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{}</p><p><b>{}</b></p></div>",
                              detail::escape_xml(about), detail::escape_xml(disclaimer))}}},
        {"status", "draft"},
        {"intent", "proposal"},
        {"title", info.title},
        {"description", about + " " + disclaimer},
        {"subject", subject},
        {"period", period(s.start(), s.end())},
        {"activity",
         ojson::array({ojson{
             {"reference", {{"reference", request_group_url}, {"display", "Dated actions of the plan"}}}}})},
        {"note", note}};
    ojson request_group{{"resourceType", "RequestGroup"},
                        {"id", "requestgroup-" + plan_id},
                        {"status", "draft"},
                        {"intent", "proposal"},
                        {"subject", subject},
                        {"note", note},
                        {"action", request_group_writer(s).actions()}};
    ojson bundle{
        {"resourceType", "Bundle"},
        {"id", "ttplan-" + plan_id},
        {"type", "collection"},
        {"entry",
         ojson::array({ojson{{"fullUrl", care_plan_url}, {"resource", std::move(care_plan)}},
                       ojson{{"fullUrl", request_group_url}, {"resource", std::move(request_group)}}})}};
    return bundle.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
