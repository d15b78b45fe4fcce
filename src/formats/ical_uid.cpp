// Calendar items and their UIDs (ical_uid.hpp). The keys here are a promise to every client
// that imported an earlier calendar: changing one turns each re-plan into "delete everything,
// add everything" for them, so a key changes only with its scheme name ("ttplan-uid/1").
#include "ical_uid.hpp"

#include "fnv1a.hpp"
#include "ical_text.hpp"

#include <ttplan/error.hpp>

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace ttplan::detail {

key_builder& key_builder::add(std::string_view field) {
    key_ += fmt::format("{}:{};", field.size(), field);
    return *this;
}

key_builder& key_builder::add(const std::optional<std::int32_t>& cycle) {
    return add(cycle ? std::to_string(*cycle) : std::string("-"));
}

void check_calendar_id(std::string_view id) {
    const location where{"calendar_id", {}, 0, 0};
    const std::string rule =
        "a calendar id is 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-': an opaque "
        "id, never a name or record number";
    if (id.empty() || id.size() > 64) {
        throw value_error(fmt::format("{} characters; {}", id.size(), rule), where);
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        // The character itself is not echoed: it may be part of a name typed by mistake.
        if (!ok) throw value_error(fmt::format("character {} is not allowed; {}", i + 1, rule), where);
    }
}

std::string calendar_id_for(const schedule& s, std::string_view given) {
    if (!given.empty()) {
        check_calendar_id(given);
        return std::string(given);
    }
    // Two patients' plans differ in at least one of these, so their calendars imported into one
    // client keep apart; the patient is never part of it (the id is published in every UID).
    key_builder key("ttplan-calendar/1");
    key.add(format_date(s.start()));
    key.add(std::to_string(s.segments().size()));
    for (const auto& seg : s.segments()) {
        key.add(seg.protocol.id).add(seg.protocol.version);
        key.add(std::to_string(seg.parameters.size()));
        for (const auto& [name, value] : seg.parameters) {
            key.add(name).add(std::to_string(static_cast<int>(value.type))).add(value.text);
        }
    }
    return fmt::format("{:016x}", fnv1a_64(key.str()));
}

std::size_t uid_item::segment() const {
    switch (kind) {
        case uid_item_kind::phase:
            return occurrence->segment;
        case uid_item_kind::span:
            return stretch->segment;
        case uid_item_kind::decision:
            return decided->segment;
        case uid_item_kind::day:
        case uid_item_kind::dose:
            break;
    }
    return events.front()->segment;
}

namespace {

key_builder item_key(std::string_view calendar_id, const schedule& s, std::size_t segment,
                     std::string_view kind) {
    key_builder key("ttplan-uid/1");
    key.add(calendar_id).add(s.segments().at(segment).protocol.id).add(kind);
    return key;
}

int moved(const event& e) {
    return !e.planned_date || *e.planned_date == e.date ? 0 : (e.date > *e.planned_date ? 1 : -1);
}

// Events the clinic calendar moved keep their day number but land on another date: they are
// keyed by the direction of the move, which does not depend on the start date.
void add_direction(key_builder& key, const event& e) {
    if (const int direction = moved(e); direction != 0)
        key.add(direction > 0 ? "moved-later" : "moved-earlier");
}

}  // namespace

std::vector<uid_item> uid_items(const schedule& s, std::string_view calendar_id) {
    std::vector<uid_item> out;
    std::vector<std::string> keys;
    const auto push = [&](uid_item it, const key_builder& key) {
        keys.push_back(key.str());
        out.push_back(std::move(it));
    };

    for (std::size_t i = 0; i < s.phases().size(); ++i) {
        const phase_occurrence& p = s.phases()[i];
        uid_item it;
        it.kind = uid_item_kind::phase;
        it.occurrence = &p;
        it.index = i;
        it.first = p.first;
        it.last = p.last;
        push(std::move(it), item_key(calendar_id, s, p.segment, "phase").add(p.phase).add(p.cycle));
    }

    for (const auto& t : s.spans()) {
        const bool track = t.phase.empty();
        key_builder key = item_key(calendar_id, s, t.segment, track ? "track" : "span");
        key.add(t.activity);
        if (!track) key.add(t.phase).add(t.cycle).add(std::to_string(t.first_day));
        uid_item it;
        it.kind = uid_item_kind::span;
        it.stretch = &t;
        it.first = t.first;
        it.last = t.last;
        push(std::move(it), key);
    }

    // One treatment day per phase, cycle, day number and date, in order of first event.
    using group_key = std::tuple<std::size_t, std::string_view, std::int32_t, std::int32_t, int, day_point>;
    std::map<group_key, std::size_t> index;
    for (const auto& e : s.events()) {
        const group_key k{e.segment, e.phase, e.cycle.value_or(0), e.day, moved(e), e.date};
        const auto [found, inserted] = index.emplace(k, out.size());
        if (inserted) {
            key_builder key = item_key(calendar_id, s, e.segment, "day");
            key.add(e.phase).add(e.cycle).add(std::to_string(e.day));
            add_direction(key, e);
            uid_item it;
            it.kind = uid_item_kind::day;
            it.first = e.date;
            it.last = e.date;
            push(std::move(it), key);
        }
        out[found->second].events.push_back(&e);
    }

    // A timed item per clock time of an event, keyed like its treatment day plus the activity
    // and the dose's place in the day, so that it too survives a re-plan.
    for (const auto& e : s.events()) {
        for (std::size_t i = 0; i < e.timing.times.size(); ++i) {
            key_builder key = item_key(calendar_id, s, e.segment, "dose");
            key.add(e.phase)
                .add(e.cycle)
                .add(std::to_string(e.day))
                .add(e.activity)
                .add(std::to_string(i + 1));
            add_direction(key, e);
            uid_item it;
            it.kind = uid_item_kind::dose;
            it.events.push_back(&e);
            it.index = i;
            it.first = e.date;
            it.last = e.date;
            it.at = e.timing.times[i];
            push(std::move(it), key);
        }
    }

    for (const auto& d : s.decisions()) {
        uid_item it;
        it.kind = uid_item_kind::decision;
        it.decided = &d;
        it.first = d.date;
        it.last = d.date;
        push(std::move(it), item_key(calendar_id, s, d.segment, "decision").add(d.parameter));
    }

    // Keys repeat only when a protocol repeats itself (two tracks of the same name); the second
    // and later get an ordinal, which is stable as long as the protocol is.
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::string& key = keys[i];
        if (const int n = ++seen[key]; n > 1) key += fmt::format("#{}", n);
        out[i].uid = fmt::format("{:016x}@ttplan", fnv1a_64(key));
    }
    return out;
}

}  // namespace ttplan::detail
