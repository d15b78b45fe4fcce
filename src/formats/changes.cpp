// The change list between two schedules (changes.hpp). Items and UIDs come from ical_uid.hpp,
// the same place the iCalendar writer takes them from, so the list and the calendars agree.
#include <ttplan/changes.hpp>

#include "agenda.hpp"
#include "ical_uid.hpp"
#include "words.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace ttplan {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 5> item_kind_names{"treatment-day", "dose", "phase", "span",
                                                          "decision"};
constexpr std::array<std::string_view, 4> change_kind_names{"moved", "added", "removed", "changed"};

calendar_item describe(const detail::uid_item& u, const schedule& s, const detail::agenda& plan) {
    calendar_item out;
    out.protocol = s.segments().at(u.segment()).protocol.id;
    out.first = u.first;
    out.last = u.last;
    out.time = u.at;
    const auto place = [&](const auto& it) {
        out.phase = it.phase;
        out.cycle = it.cycle;
        if (!it.phase.empty()) out.phase_name = plan.phase_label(it.segment, it.phase);
    };
    switch (u.kind) {
        case detail::uid_item_kind::phase:
            out.kind = calendar_item_kind::phase;
            place(*u.occurrence);
            break;
        case detail::uid_item_kind::span:
            out.kind = calendar_item_kind::span;
            place(*u.stretch);
            out.activities.push_back(u.stretch->activity);
            break;
        case detail::uid_item_kind::day:
        case detail::uid_item_kind::dose: {
            out.kind = u.kind == detail::uid_item_kind::day ? calendar_item_kind::treatment_day
                                                            : calendar_item_kind::dose;
            const event& e0 = *u.events.front();
            place(e0);
            out.day = e0.day;
            for (const event* e : u.events) {
                if (std::find(out.activities.begin(), out.activities.end(), e->activity) ==
                    out.activities.end())
                    out.activities.push_back(e->activity);
            }
            break;
        }
        case detail::uid_item_kind::decision:
            out.kind = calendar_item_kind::decision;
            place(*u.decided);
            out.day = u.decided->day;
            out.parameter = u.decided->parameter;
            break;
    }
    return out;
}

std::map<std::string, calendar_item> items_by_uid(const schedule& s, std::string_view given_id) {
    const detail::agenda plan(s);
    std::map<std::string, calendar_item> out;
    for (const auto& u : detail::uid_items(s, detail::calendar_id_for(s, given_id))) {
        out.emplace(u.uid, describe(u, s, plan));
    }
    return out;
}

bool same_dates(const calendar_item& a, const calendar_item& b) {
    return a.first == b.first && a.last == b.last && a.time == b.time;
}

// "Consolidation, cycle 2"; "Consolidation cycle 2" before a day number.
std::string occurrence_words(const calendar_item& it, std::string_view cycle_separator = ", ") {
    std::string out = detail::one_line(it.phase_name);
    if (it.cycle) out += fmt::format("{}cycle {}", cycle_separator, *it.cycle);
    return out;
}

// "Vincristine, Cytarabine, Consolidation Day 8", "Consolidation, cycle 2", "Decision risk_group".
std::string item_words(const calendar_item& it) {
    constexpr std::size_t shown = 4;
    std::string names;
    for (std::size_t i = 0; i < it.activities.size() && i < shown; ++i)
        names += (i ? ", " : "") + detail::one_line(it.activities[i]);
    if (it.activities.size() > shown) names += fmt::format(" and {} more", it.activities.size() - shown);
    switch (it.kind) {
        case calendar_item_kind::treatment_day:
        case calendar_item_kind::dose:
            return fmt::format("{}, {} Day {}", names, occurrence_words(it, " "), it.day.value_or(0));
        case calendar_item_kind::phase:
            return occurrence_words(it);
        case calendar_item_kind::span:
            return it.phase.empty() ? names : fmt::format("{}, {}", names, occurrence_words(it));
        case calendar_item_kind::decision:
            break;
    }
    return fmt::format("Decision {}", detail::one_line(it.parameter));
}

// "Mon 15 Feb 2027", "Mon 15 Feb 2027 08:00", "Mon 4 Jan 2027 to Sun 31 Jan 2027".
std::string date_words(const calendar_item& it) {
    std::string out = detail::long_date(it.first);
    if (it.time) out += " " + it.time->to_string();
    if (it.last != it.first) out += " to " + detail::long_date(it.last);
    return out;
}

std::string iso(day_point d) {
    return format_date(d);
}

ojson item_json(const std::optional<calendar_item>& side) {
    if (!side) return nullptr;
    const calendar_item& it = *side;
    ojson out;
    out["item"] = std::string(to_string(it.kind));
    out["protocol"] = it.protocol;
    out["phase"] = it.phase.empty() ? ojson(nullptr) : ojson(it.phase);
    out["phase_name"] = it.phase.empty() ? ojson(nullptr) : ojson(it.phase_name);
    out["cycle"] = it.cycle ? ojson(*it.cycle) : ojson(nullptr);
    out["day"] = it.day ? ojson(*it.day) : ojson(nullptr);
    out["activities"] = it.activities;
    out["parameter"] = it.parameter.empty() ? ojson(nullptr) : ojson(it.parameter);
    out["first"] = iso(it.first);
    out["last"] = iso(it.last);
    out["time"] = it.time ? ojson(it.time->to_string()) : ojson(nullptr);
    return out;
}

}  // namespace

std::string_view to_string(calendar_item_kind k) {
    return item_kind_names.at(static_cast<std::size_t>(k));
}

std::string_view to_string(change_kind k) {
    return change_kind_names.at(static_cast<std::size_t>(k));
}

std::vector<change> changes(const schedule& before, const schedule& after, const render_options& options) {
    const auto old_items = items_by_uid(before, options.calendar_id);
    const auto new_items = items_by_uid(after, options.calendar_id);
    std::vector<change> out;
    for (const auto& [uid, item] : old_items) {
        const auto found = new_items.find(uid);
        if (found == new_items.end()) {
            out.push_back(change{change_kind::removed, uid, item, std::nullopt});
        } else if (!same_dates(item, found->second)) {
            out.push_back(change{change_kind::moved, uid, item, found->second});
        } else if (item != found->second) {
            // Same dates, other contents: a dose held or added on a day that keeps others.
            out.push_back(change{change_kind::changed, uid, item, found->second});
        }
    }
    for (const auto& [uid, item] : new_items) {
        if (!old_items.contains(uid)) out.push_back(change{change_kind::added, uid, std::nullopt, item});
    }
    const auto earliest = [](const change& c) {
        if (c.before && c.after) return std::min(c.before->first, c.after->first);
        return c.before ? c.before->first : c.after->first;
    };
    std::sort(out.begin(), out.end(), [&](const change& a, const change& b) {
        return std::forward_as_tuple(earliest(a), a.uid) < std::forward_as_tuple(earliest(b), b.uid);
    });
    return out;
}

std::string changes_to_text(const std::vector<change>& list) {
    if (list.empty()) return "No changes.\n";
    std::string out;
    for (const auto& c : list) {
        const calendar_item& it = c.after ? *c.after : *c.before;
        std::string when;
        switch (c.kind) {
            case change_kind::moved:
                when = fmt::format("{} -> {}", date_words(*c.before), date_words(*c.after));
                break;
            case change_kind::added:
                when = date_words(*c.after);
                break;
            case change_kind::removed:
                when = date_words(*c.before);
                break;
            case change_kind::changed:
                when = fmt::format("{}, was {}", date_words(*c.after), item_words(*c.before));
                break;
        }
        out += fmt::format("{:<8} {}: {}\n", to_string(c.kind), item_words(it), when);
    }
    return out;
}

std::string changes_to_json(const std::vector<change>& list) {
    ojson doc;
    doc["format"] = "ttplan-changes/1";
    doc["changes"] = ojson::array();
    for (const auto& c : list) {
        ojson entry;
        entry["kind"] = std::string(to_string(c.kind));
        entry["uid"] = c.uid;
        entry["before"] = item_json(c.before);
        entry["after"] = item_json(c.after);
        doc["changes"].push_back(std::move(entry));
    }
    return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace ttplan
