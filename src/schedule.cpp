// The schedule value and its queries. The planner hands everything over in protocol order;
// stable sorts by date keep that order among equal dates, so output is deterministic.
#include <ttplan/schedule.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace ttplan {

namespace {

struct interval {
    day_point first;
    day_point last;
};

// Days covered by the union of the intervals (which need not be sorted or disjoint).
std::int64_t covered_days(std::vector<interval> intervals) {
    std::sort(intervals.begin(), intervals.end(),
              [](const interval& a, const interval& b) { return a.first < b.first; });
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < intervals.size()) {
        day_point first = intervals[i].first;
        day_point last = intervals[i].last;
        for (++i; i < intervals.size() && intervals[i].first <= last + date::days{1}; ++i)
            last = std::max(last, intervals[i].last);
        total += (last - first).count() + 1;
    }
    return total;
}

}  // namespace

bool schedule::has_pending() const noexcept {
    return std::any_of(decisions_.begin(), decisions_.end(), [](const decision& d) { return d.pending(); });
}

std::string_view to_string(ending_reason e) {
    switch (e) {
        case ending_reason::none:
            return "none";
        case ending_reason::limit:
            return "limit";
        case ending_reason::switched:
            return "switch";
        case ending_reason::stopped:
            return "stopped";
    }
    return "none";
}

schedule::schedule(std::vector<segment> segments, std::vector<phase_occurrence> phases,
                   std::vector<event> events, std::vector<span> spans, std::vector<decision> decisions)
    : segments_(std::move(segments)),
      phases_(std::move(phases)),
      events_(std::move(events)),
      spans_(std::move(spans)),
      decisions_(std::move(decisions)) {
    if (segments_.empty()) throw planning_error("a schedule needs at least one segment: its main protocol");
    start_ = end_ = segments_.front().start;
    for (std::size_t i = 1; i < segments_.size(); ++i) {
        if (segments_[i].start < segments_[i - 1].start)
            throw planning_error(
                fmt::format("segment {} (\"{}\") starts on {}, before the segment it follows", i + 1,
                            segments_[i].protocol.id, format_date(segments_[i].start)));
    }
    const auto check_segment = [&](std::size_t index, std::string_view what) {
        if (index >= segments_.size())
            throw planning_error(fmt::format("{} belongs to segment {}, but the schedule has {} segment(s)",
                                             what, index + 1, segments_.size()));
    };
    for (const auto& ph : phases_) check_segment(ph.segment, fmt::format("phase \"{}\"", ph.phase));
    for (const auto& ev : events_) check_segment(ev.segment, fmt::format("event \"{}\"", ev.activity));
    for (const auto& sp : spans_) check_segment(sp.segment, fmt::format("span \"{}\"", sp.activity));
    for (const auto& d : decisions_) check_segment(d.segment, fmt::format("decision \"{}\"", d.parameter));
    std::stable_sort(decisions_.begin(), decisions_.end(),
                     [](const decision& a, const decision& b) { return a.date < b.date; });
    std::stable_sort(phases_.begin(), phases_.end(),
                     [](const phase_occurrence& a, const phase_occurrence& b) { return a.first < b.first; });
    std::stable_sort(events_.begin(), events_.end(),
                     [](const event& a, const event& b) { return a.date < b.date; });
    std::stable_sort(spans_.begin(), spans_.end(),
                     [](const span& a, const span& b) { return a.first < b.first; });

    for (const auto& ph : phases_) end_ = std::max(end_, ph.last);
    for (const auto& ev : events_) end_ = std::max(end_, ev.date);
    for (const auto& sp : spans_) end_ = std::max(end_, sp.last);
}

std::optional<date_window> schedule::possible_end() const {
    bool moves = false;
    // The earliest end is the latest of every item's earliest last day.
    day_point earliest = start_;
    day_point latest = start_;
    const auto add = [&](day_point last, const std::optional<date_window>& possible) {
        moves = moves || possible.has_value();
        earliest = std::max(earliest, possible ? possible->earliest : last);
        latest = std::max(latest, possible ? possible->latest : last);
    };
    for (const auto& ph : phases_) add(ph.last, ph.possible_last);
    for (const auto& ev : events_) add(ev.date, ev.possible_date);
    for (const auto& sp : spans_) add(sp.last, sp.possible_last);
    if (!moves || earliest == latest) return std::nullopt;
    return date_window{earliest, latest};
}

std::vector<event> schedule::events_on(day_point d) const {
    // Sorted by date: the day's events are one contiguous run.
    const auto lo = std::lower_bound(events_.begin(), events_.end(), d,
                                     [](const event& e, day_point day) { return e.date < day; });
    const auto hi =
        std::upper_bound(lo, events_.end(), d, [](day_point day, const event& e) { return day < e.date; });
    return {lo, hi};
}

std::vector<phase_occurrence> schedule::active_on(day_point d) const {
    std::vector<phase_occurrence> out;
    for (const auto& ph : phases_) {
        if (ph.first <= d && d <= ph.last) out.push_back(ph);
    }
    return out;
}

std::vector<span> schedule::spans_on(day_point d) const {
    std::vector<span> out;
    for (const auto& sp : spans_) {
        if (sp.first <= d && d <= sp.last) out.push_back(sp);
    }
    return out;
}

protocol_info info_of(const protocol& p) {
    protocol_info info{p.id, p.title, p.version, {}, p.parameters, p.translations};
    info.phases.reserve(p.phases.size());
    for (const phase& ph : p.phases) info.phases.push_back({ph.id, ph.name, ph.description, ph.expect});
    return info;
}

const phase_words* protocol_info::find_phase(std::string_view phase_id) const noexcept {
    for (const phase_words& ph : phases) {
        if (ph.id == phase_id) return &ph;
    }
    return nullptr;
}

const parameter* protocol_info::find_parameter(std::string_view name) const noexcept {
    for (const parameter& param : parameters) {
        if (param.name == name) return &param;
    }
    return nullptr;
}

std::string schedule::phase_name(std::string_view phase_id) const {
    for (const auto& ph : phases_) {
        if (ph.phase == phase_id) return ph.name;
    }
    return {};
}

std::string schedule::phase_name(std::size_t segment, std::string_view phase_id) const {
    for (const auto& ph : phases_) {
        if (ph.phase == phase_id && ph.segment == segment) return ph.name;
    }
    return {};
}

std::vector<phase_total> schedule::totals_by_phase() const {
    std::vector<phase_total> totals;
    std::vector<std::vector<interval>> covered;
    for (const auto& ph : phases_) {
        auto it = std::find_if(totals.begin(), totals.end(), [&](const phase_total& t) {
            return t.phase == ph.phase && t.segment == ph.segment;
        });
        if (it == totals.end()) {
            totals.push_back(phase_total{ph.phase, ph.name, 0, 0, ph.first, ph.last, ph.segment});
            covered.emplace_back();
            it = std::prev(totals.end());
        }
        it->occurrences += 1;
        it->first = std::min(it->first, ph.first);
        it->last = std::max(it->last, ph.last);
        covered[static_cast<std::size_t>(it - totals.begin())].push_back({ph.first, ph.last});
    }
    // Cycles moved by actual dates may overlap; count each calendar day once.
    for (std::size_t i = 0; i < totals.size(); ++i) totals[i].days = covered_days(std::move(covered[i]));
    return totals;
}

std::map<category, std::int64_t> schedule::days_by_category() const {
    std::map<category, std::vector<interval>> by_kind;
    for (const auto& ev : events_) by_kind[ev.category].push_back({ev.date, ev.date});
    for (const auto& sp : spans_) by_kind[sp.category].push_back({sp.first, sp.last});
    std::map<category, std::int64_t> out;
    for (auto& [kind, intervals] : by_kind) out[kind] = covered_days(std::move(intervals));
    return out;
}

std::int64_t schedule::clinic_days() const {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < events_.size(); ++i) {
        if (i == 0 || events_[i].date != events_[i - 1].date) ++n;
    }
    return n;
}

std::int64_t schedule::treatment_days() const {
    std::vector<interval> days;
    days.reserve(events_.size() + spans_.size());
    for (const auto& e : events_) days.push_back({e.date, e.date});
    for (const auto& t : spans_) {
        // A restriction ("no live vaccines") is not therapy.
        if (t.category != category::restriction) days.push_back({t.first, t.last});
    }
    return covered_days(std::move(days));
}

}  // namespace ttplan
