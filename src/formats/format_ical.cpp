// iCalendar output. Every item is an all-day VEVENT (DATE values, exclusive DTEND, no time
// zone) whose UID hashes protocol keys only, so clients that import a re-planned calendar
// update the events they already have instead of adding copies. Events with clock times get
// a timed VEVENT per clock time as well, in the caller's time zone (a VTIMEZONE built from the
// tz database for the dates they cover) or as floating local times.
#include <ttplan/error.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "ical_remind.hpp"
#include "ical_text.hpp"
#include "ical_uid.hpp"
#include "words.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

namespace ttplan {

namespace {

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years an iCalendar date can hold.
constexpr std::int64_t earliest_timestamp = -62135596800;
constexpr std::int64_t latest_timestamp = 253402300799;

std::string ical_date(day_point d, std::string_view what) {
    const date::year_month_day ymd{d};
    const int year = static_cast<int>(ymd.year());
    if (!ymd.ok() || year < 1 || year > 9999) {
        throw value_error(
            fmt::format("{}: a date outside the years 1 to 9999 cannot be written to iCalendar", what));
    }
    return fmt::format("{:04}{:02}{:02}", year, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string ical_local(date::local_seconds t) {
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> hms{t - day};
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string ical_utc(std::int64_t seconds) {
    return ical_local(date::local_seconds{std::chrono::seconds{seconds}}) + "Z";
}

const date::time_zone* find_zone(std::string_view name) {
    if (name.empty()) return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw value_error(
            fmt::format("unknown time zone \"{}\": give a name from the time zone database, such "
                        "as Europe/Berlin, America/New_York or UTC",
                        name),
            location{"time_zone", {}, 0, 0});
    }
}

// "+0100", "-0330"; seconds only when there are any (RFC 5545 utc-offset).
std::string ical_offset(std::chrono::seconds offset) {
    const auto total = offset.count();
    const auto a = total < 0 ? -total : total;
    std::string out = fmt::format("{}{:02}{:02}", total < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    if (a % 60 != 0) out += fmt::format("{:02}", a % 60);
    return out;
}

struct item {
    std::string uid;
    std::string summary;
    std::vector<std::string> description;  // lines; the safety line is appended on output
    std::vector<std::string> categories;
    day_point first;
    day_point last;  // inclusive
    bool tentative = false;
    std::optional<clock_time> at;                  // a timed event: its clock time on `first`
    std::optional<std::chrono::minutes> duration;  // of a timed event
    bool treatment_day = false;  // the patient is treated that day: it carries the reminders
};

const std::string tentative_line =
    "Tentative: this date depends on recovery (for example of blood counts) and may move later.";

// Items are matched to their phase occurrence by the agenda: in a continued plan two protocols
// may both have an `induction`, and each item's DESCRIPTION names its own protocol.
class layout {
public:
    layout(const schedule& s, std::string_view calendar_id, std::string_view zone)
        : s_(s), plan_(s), calendar_id_(calendar_id), zone_(zone) {
        for (const auto& seg : s.segments()) {
            const auto& info = seg.protocol;
            protocol_lines_.push_back(
                info.version.empty()
                    ? fmt::format("Protocol: {} ({})", info.title, info.id)
                    : fmt::format("Protocol: {} ({}, version {})", info.title, info.id, info.version));
        }
    }

    std::vector<item> items() const {
        std::vector<item> out;
        for (const auto& u : detail::uid_items(s_, calendar_id_)) {
            item it = item_of(u);
            it.uid = u.uid;
            out.push_back(std::move(it));
        }
        return out;
    }

private:
    item item_of(const detail::uid_item& u) const {
        switch (u.kind) {
            case detail::uid_item_kind::phase:
                return phase_item(plan_.occurrences().at(u.index));
            case detail::uid_item_kind::span:
                return span_item(*u.stretch);
            case detail::uid_item_kind::day:
                return day_item(u.events);
            case detail::uid_item_kind::dose:
                return dose_item(*u.events.front(), u.index);
            case detail::uid_item_kind::decision:
                break;
        }
        return decision_item(*u.decided);
    }

    // "Maintenance, cycle 3 (B)"; "Induction [second-line]" where another protocol of the plan
    // has a phase of that id or name.
    template <class Item>
    std::string occurrence_label(const Item& it, std::string_view cycle_separator = ", ") const {
        if (const detail::occurrence_entry* entry = plan_.entry_of(it)) return entry->title(cycle_separator);
        std::string label = plan_.phase_label(it.segment, it.phase);
        if (it.cycle) label += fmt::format("{}cycle {}", cycle_separator, *it.cycle);
        return label;
    }

    // Why a cut item ends early: a switch to another protocol the next day, or an until limit.
    // Why an event is not on its planned date, or that the record added it; empty otherwise.
    static std::string moved_line(const event& e) {
        if (e.recorded) {
            return e.planned_date ? fmt::format(" [given on this date, planned for {}]", format_date(*e.planned_date))
                                  : std::string(" [added: not in the protocol's plan]");
        }
        if (e.planned_date && *e.planned_date != e.date)
            return fmt::format(" [moved from {}: the clinic is closed that day]", format_date(*e.planned_date));
        return {};
    }

    static std::string cut_line(ending_reason ending, const segment* next) {
        if (ending == ending_reason::stopped) return "Stopped early: the treatment record says it ended on this day.";
        if (next != nullptr) {
            return fmt::format("Stopped early: the plan switches to {} on {}.", detail::protocol_words(*next),
                               format_date(next->start));
        }
        return "This last cycle is cut short at the end of treatment.";
    }

    item phase_item(const detail::occurrence_entry& entry) const {
        const phase_occurrence& p = *entry.occurrence;
        item it;
        it.summary = entry.title();
        std::string heading = entry.phase_label;
        if (p.cycle) heading += fmt::format(", cycle {} of {}", *p.cycle, entry.cycles);
        if (!p.variant.empty()) heading += fmt::format(", variant {}", p.variant);
        it.description.push_back(heading);
        it.description.push_back(fmt::format(
            "{} to {}: {} ({} days), Day {} to Day {}.", format_date(p.first), format_date(p.last),
            describe_length(p.first, p.last), p.days(), p.first_day, p.first_day + p.days() - 1));
        if (p.ended_early()) it.description.push_back(cut_line(p.ending, entry.stopped_for));
        if (p.uncertain_length)
            it.description.push_back(
                fmt::format("Its length is uncertain: {}.", detail::range_words(*p.uncertain_length)));
        if (const std::string w = detail::possible_words(p.possible_first, p.possible_last); !w.empty())
            it.description.push_back(fmt::format("With the uncertain lengths it {}.", w));
        if (p.tentative) it.description.push_back(tentative_line);
        if (!p.pending.empty()) it.description.push_back(pending_line(p.pending, p.segment));
        it.description.push_back(protocol_lines_.at(p.segment));
        it.categories.push_back("Treatment phase");
        it.first = p.first;
        it.last = p.last;
        it.tentative = p.tentative;
        return it;
    }

    item span_item(const span& t) const {
        item it;
        const bool track = t.phase.empty();
        const std::string where = track ? std::string() : occurrence_label(t);
        it.summary = track ? t.activity : fmt::format("{}: {}", occurrence_label(t, " "), t.activity);
        it.description.push_back(detail::labelled_activity(t.activity, t.category));
        const std::string days = detail::day_range(t.first_day, t.last_day);
        it.description.push_back(track ? fmt::format("Across phases, {} to {}: {}.", format_date(t.first),
                                                     format_date(t.last), describe_length(t.first, t.last))
                                       : fmt::format("{}, {}: {} to {} ({}).", where, days,
                                                     format_date(t.first), format_date(t.last),
                                                     describe_length(t.first, t.last)));
        if (!t.timing.empty())
            it.description.push_back(detail::timing_words(t.timing, t.category, true) + ".");
        if (!t.note.empty()) it.description.push_back(t.note);
        // Within a phase the phase's own item says why it stopped; a track says it here.
        if (t.ended_early() && track) it.description.push_back(cut_line(t.ending, plan_.stopped_for(t)));
        if (const std::string w = detail::possible_words(t.possible_first, t.possible_last); !w.empty())
            it.description.push_back(fmt::format("With the uncertain lengths it {}.", w));
        if (t.tentative) it.description.push_back(tentative_line);
        if (!t.pending.empty()) it.description.push_back(pending_line(t.pending, t.segment));
        it.description.push_back(protocol_lines_.at(t.segment));
        it.categories.emplace_back(display_name(t.category));
        it.first = t.first;
        it.last = t.last;
        it.tentative = t.tentative;
        return it;
    }

    // "Waits on a decision not taken yet: induction_response (this plan assumes mrd_negative)."
    std::string pending_line(const std::vector<std::string>& pending, std::size_t segment) const {
        std::vector<std::string> parts;
        for (const auto& name : pending) {
            const auto d = std::find_if(s_.decisions().begin(), s_.decisions().end(), [&](const decision& x) {
                return x.parameter == name && x.pending() && x.segment <= segment;
            });
            parts.push_back(d == s_.decisions().end()
                                ? name
                                : fmt::format("{} (this plan assumes {})", name, d->assumed));
        }
        return fmt::format("Waits on {} not taken yet: {}.", parts.size() == 1 ? "a decision" : "decisions",
                           fmt::join(parts, "; "));
    }

    item decision_item(const decision& d) const {
        item it;
        it.summary = d.pending() ? fmt::format("Decision: {}", d.parameter)
                                 : fmt::format("Decision: {} = {}", d.parameter, *d.value);
        it.description.push_back(fmt::format("{}: {}.",
                                             detail::decision_place(d, s_.phase_name(d.segment, d.phase)),
                                             detail::decision_words(s_, d)));
        if (d.possible_date)
            it.description.push_back(
                fmt::format("With the uncertain lengths it {}.", detail::possible_words(d.possible_date)));
        if (d.tentative) it.description.push_back(tentative_line);
        it.description.push_back(protocol_lines_.at(d.segment));
        it.categories.push_back("Decision");
        it.first = d.date;
        it.last = d.date;
        it.tentative = d.tentative;
        return it;
    }

    item day_item(const std::vector<const event*>& group) const {
        const event& e0 = *group.front();
        item it;

        std::vector<std::string> names;
        for (const event* e : group) {
            if (std::find(names.begin(), names.end(), e->activity) == names.end())
                names.push_back(e->activity);
        }
        constexpr std::size_t shown = 4;
        std::string list;
        for (std::size_t i = 0; i < names.size() && i < shown; ++i) list += (i ? ", " : "") + names[i];
        if (names.size() > shown) list += fmt::format(" and {} more", names.size() - shown);
        it.summary = fmt::format("{} Day {}: {}", occurrence_label(e0, " "), e0.day, list);

        it.description.push_back(fmt::format("{}, Day {}", occurrence_label(e0), e0.day));
        bool tentative = false;
        for (const event* e : group) {
            std::string line = fmt::format("- {} ({})", e->activity, display_name(e->category));
            if (!e->timing.empty()) line += ", " + detail::timing_words(e->timing, e->category, false);
            if (!e->note.empty()) line += ": " + e->note;
            if (e->window) {
                line += fmt::format(" [it may be given {} {}]", e->window->is_list() ? "on" : "from",
                                    detail::window_dates_words(*e->window, format_date));
            }
            line += moved_line(*e);
            it.description.push_back(line);
            tentative = tentative || e->tentative;
            const std::string cat(display_name(e->category));
            if (std::find(it.categories.begin(), it.categories.end(), cat) == it.categories.end()) {
                it.categories.push_back(cat);
            }
        }
        // Events of one day move together: the first one that can says how far.
        const auto moving = std::find_if(group.begin(), group.end(),
                                         [](const event* e) { return e->possible_date.has_value(); });
        if (moving != group.end())
            it.description.push_back(fmt::format("With the uncertain lengths this day {}.",
                                                 detail::possible_words((*moving)->possible_date)));
        if (tentative) it.description.push_back(tentative_line);
        if (!e0.pending.empty()) it.description.push_back(pending_line(e0.pending, e0.segment));
        it.description.push_back(protocol_lines_.at(e0.segment));
        it.first = e0.date;
        it.last = e0.date;
        it.tentative = tentative;
        it.treatment_day = true;
        return it;
    }

    // One timed item per clock time of an event, besides its treatment day: a reminder at the
    // hour.
    item dose_item(const event& e, std::size_t i) const {
        const auto& times = e.timing.times;
        const std::string where = zone_.empty() ? std::string("local time") : std::string(zone_);
        item it;
        it.summary = fmt::format("{} Day {}: {}", occurrence_label(e, " "), e.day, e.activity);
        if (times.size() > 1) it.summary += fmt::format(" (dose {} of {})", i + 1, times.size());
        it.description.push_back(
            fmt::format("{}, Day {}, {} ({})", occurrence_label(e), e.day, times[i].to_string(), where));
        std::string line = fmt::format("- {} ({}), {}", e.activity, display_name(e.category),
                                       detail::timing_words(e.timing, e.category, false));
        if (!e.note.empty()) line += ": " + e.note;
        line += moved_line(e);
        it.description.push_back(line);
        if (e.tentative) it.description.push_back(tentative_line);
        it.description.push_back(protocol_lines_.at(e.segment));
        it.categories.emplace_back(display_name(e.category));
        it.first = e.date;
        it.last = e.date;
        it.tentative = e.tentative;
        it.at = times[i];
        it.duration = e.timing.duration;
        return it;
    }

    const schedule& s_;
    detail::agenda plan_;
    std::string calendar_id_;
    std::string_view zone_;
    std::vector<std::string> protocol_lines_;  // per segment
};

class ical_writer {
public:
    void property(std::string_view name_and_params, std::string_view value) {
        line_.assign(name_and_params);
        line_ += ':';
        line_ += value;
        detail::append_folded(out_, line_);
    }
    void text(std::string_view name, std::string_view value) { property(name, detail::escape_text(value)); }
    void title(std::string_view name, std::string_view value) { text(name, detail::single_line(value)); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::string line_;  // the content line being written, reused
};

// The zone's observances (STANDARD or DAYLIGHT, one per transition, no RRULE) from the one in
// force at `from` to the one in force at `to`, as the database has them: clients need no
// database of their own, and a past or future rule change is exact.
void write_timezone(ical_writer& w, const date::time_zone& zone, date::sys_seconds from,
                    date::sys_seconds to) {
    using std::chrono::seconds;
    const date::sys_seconds epoch{date::sys_days{date::year{1970} / 1 / 1}};
    w.property("BEGIN", "VTIMEZONE");
    w.text("TZID", zone.name());
    date::sys_info info = zone.get_info(from);
    // A handful per year; the bound only guards against a database that never moves on.
    for (int guard = 0; guard < 100000; ++guard) {
        const bool known_start = info.begin > epoch;
        const date::sys_info before = known_start ? zone.get_info(info.begin - seconds{1}) : info;
        w.property("BEGIN", info.save == std::chrono::minutes{0} ? "STANDARD" : "DAYLIGHT");
        // DTSTART is the local time of the change in the offset before it.
        w.property("DTSTART",
                   known_start
                       ? ical_local(date::local_seconds{(info.begin + before.offset).time_since_epoch()})
                       : std::string("19700101T000000"));
        w.property("TZOFFSETFROM", ical_offset(before.offset));
        w.property("TZOFFSETTO", ical_offset(info.offset));
        if (!info.abbrev.empty()) w.text("TZNAME", info.abbrev);
        w.property("END", info.save == std::chrono::minutes{0} ? "STANDARD" : "DAYLIGHT");
        if (info.end > to) break;
        info = zone.get_info(info.end);
    }
    w.property("END", "VTIMEZONE");
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace

std::int64_t ical_timestamp(const schedule& s, const render_options& options) {
    if (options.timestamp) {
        const std::int64_t t = *options.timestamp;
        if (t < earliest_timestamp || t > latest_timestamp) {
            throw value_error(fmt::format("{} is outside the years 1 to 9999", t),
                              location{"timestamp", {}, 0, 0});
        }
        return t;
    }
    // The environment (SOURCE_DATE_EPOCH) is the caller's to read: the library's output
    // depends on its arguments only.
    return static_cast<std::int64_t>(s.start().time_since_epoch().count()) * 86400;
}

void check_time_zone(std::string_view name) {
    find_zone(name);
}

std::string ical_calendar_id(const schedule& s, const render_options& options) {
    return detail::calendar_id_for(s, options.calendar_id);
}

namespace {

enum class event_status : std::uint8_t { planned, cancelled };

// One VALARM per reminder, on planned treatment days only: a phase or span is an overview, a
// timed dose is already at its hour and its day rings, and a cancelled day is not to be attended.
void write_alarms(ical_writer& w, const item& it, const std::vector<std::chrono::minutes>& alarms) {
    for (const auto before : alarms) {
        w.property("BEGIN", "VALARM");
        w.property("ACTION", "DISPLAY");
        w.title("DESCRIPTION", fmt::format("In {}: {}", detail::remind_words(before), it.summary));
        // Relative to DTSTART; for an all-day event, the start of the day where the client is.
        w.property("TRIGGER", detail::ical_trigger(before));
        w.property("END", "VALARM");
    }
}

void write_event(ical_writer& w, const item& it, event_status status, const std::string& stamp,
                 std::int32_t sequence, const date::time_zone* zone,
                 const std::vector<std::chrono::minutes>& alarms = {}) {
    const std::string& what = it.summary;
    w.property("BEGIN", "VEVENT");
    w.property("UID", it.uid);
    w.property("DTSTAMP", stamp);
    w.property("LAST-MODIFIED", stamp);
    w.property("SEQUENCE", std::to_string(sequence));
    // RFC 5546 requires exactly one ORGANIZER in a published event. The reserved .invalid
    // domain (RFC 2606) names nobody and can receive nothing, so no client sends replies.
    w.property("ORGANIZER;CN=ttplan", "mailto:noreply@ttplan.invalid");
    if (it.at) {
        // A wall-clock time: in the named zone, else floating (no TZID, no Z). Without a
        // duration it is a point in time, said explicitly (PT0S).
        const auto at = it.at->since_midnight().count();
        const std::string when = ical_date(it.first, what) + fmt::format("T{:02}{:02}00", at / 60, at % 60);
        w.property(zone != nullptr ? "DTSTART;TZID=" + zone->name() : std::string("DTSTART"), when);
        w.property("DURATION", iso_duration(it.duration.value_or(std::chrono::minutes{0})));
    } else if (it.last < max_date) {
        w.property("DTSTART;VALUE=DATE", ical_date(it.first, what));
        // DTEND is the day after the last day; past 9999-12-31 only a duration can say it.
        w.property("DTEND;VALUE=DATE", ical_date(it.last + date::days{1}, what));
    } else {
        w.property("DTSTART;VALUE=DATE", ical_date(it.first, what));
        ical_date(it.last, what);  // checks the year
        w.property("DURATION", fmt::format("P{}D", (it.last - it.first).count() + 1));
    }
    w.title("SUMMARY", it.summary);
    w.text("DESCRIPTION", join_lines(it.description) + "\n" + detail::safety_line());
    std::string categories;
    for (const auto& c : it.categories)
        categories += (categories.empty() ? "" : ",") + detail::escape_text(c);
    w.property("CATEGORIES", categories);
    w.property("STATUS", status == event_status::cancelled ? "CANCELLED"
                         : it.tentative                    ? "TENTATIVE"
                                                           : "CONFIRMED");
    // Informational all-day items: they should not make the day look busy.
    w.property("TRANSP", "TRANSPARENT");
    if (status == event_status::planned && it.treatment_day) write_alarms(w, it, alarms);
    w.property("END", "VEVENT");
}

// The items of earlier revisions that this one no longer has, each as the latest revision
// that had it: a client that imports the new calendar finds each under the UID it holds,
// whichever revision it imported, and marks it cancelled.
std::vector<item> cancelled_items(const render_options& options, const std::vector<item>& current) {
    std::vector<item> out;
    std::set<std::string> seen;
    for (const auto& it : current) seen.insert(it.uid);
    for (auto p = options.previous.rbegin(); p != options.previous.rend(); ++p) {
        if (*p == nullptr) continue;
        const schedule& before = **p;
        for (auto& it : layout(before, detail::calendar_id_for(before, options.calendar_id), options.time_zone).items()) {
            if (seen.insert(it.uid).second) out.push_back(std::move(it));
        }
    }
    // In the order the revisions' calendars list them: by date, then UID.
    std::stable_sort(out.begin(), out.end(), [](const item& a, const item& b) {
        return std::tie(a.first, a.uid) < std::tie(b.first, b.uid);
    });
    for (auto& it : out) {
        it.description.insert(
            it.description.begin(),
            fmt::format("Cancelled: revision {} of this plan no longer has this item.", options.sequence));
    }
    return out;
}

}  // namespace

std::string to_ical(const schedule& s, const render_options& options) {
    const std::string calendar_id = detail::calendar_id_for(s, options.calendar_id);
    const date::time_zone* zone = find_zone(options.time_zone);
    if (options.sequence < 0) {
        throw value_error(fmt::format("{} is negative; SEQUENCE counts revisions from 0", options.sequence),
                          location{"sequence", {}, 0, 0});
    }
    const std::vector<std::chrono::minutes> alarms = detail::alarm_lengths(options.remind);
    const std::string stamp = ical_utc(ical_timestamp(s, options));
    const auto& info = s.protocol();
    std::string name = options.calendar_name.empty() ? info.title : options.calendar_name;
    if (name.empty()) name = "ttplan";

    ical_writer w;
    w.property("BEGIN", "VCALENDAR");
    w.property("VERSION", "2.0");
    w.property("PRODID", fmt::format("-//ttplan//ttplan {}//EN", version_string));
    w.property("CALSCALE", "GREGORIAN");
    w.property("METHOD", "PUBLISH");
    w.title("NAME", name);
    w.title("X-WR-CALNAME", name);
    w.text("X-WR-CALDESC", detail::safety_line());

    const std::vector<item> items = layout(s, calendar_id, options.time_zone).items();
    const std::vector<item> cancelled = cancelled_items(options, items);
    // The zone is described for the days timed events cover, a day's margin either side for
    // the zone's own offset from UTC.
    std::optional<std::pair<day_point, day_point>> timed;
    for (const auto* list : {&items, &cancelled}) {
        for (const auto& it : *list) {
            if (!it.at) continue;
            const day_point end =
                it.first +
                date::days{1 +
                           (it.at->since_midnight() + it.duration.value_or(std::chrono::minutes{0})).count() /
                               (24 * 60)};
            timed = timed ? std::pair{std::min(timed->first, it.first), std::max(timed->second, end)}
                          : std::pair{it.first, end};
        }
    }
    if (zone != nullptr && timed) {
        write_timezone(w, *zone, date::sys_seconds{timed->first - date::days{1}},
                       date::sys_seconds{timed->second + date::days{1}});
    }

    for (const auto& it : items)
        write_event(w, it, event_status::planned, stamp, options.sequence, zone, alarms);
    for (const auto& it : cancelled)
        write_event(w, it, event_status::cancelled, stamp, options.sequence, zone);
    w.property("END", "VCALENDAR");
    return w.take();
}

}  // namespace ttplan
