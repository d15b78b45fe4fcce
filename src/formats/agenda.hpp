// The agenda: a schedule arranged once for the human formats (text, Markdown, month calendar,
// HTML, SVG, iCalendar), so that each writes what it shows and none rebuilds the arrangement.
// Structure only: pointers into the schedule, label parts and plan-wide facts, never escaped
// text. Private to the library; it lives no longer than the schedule it was built from.
#pragma once

#include <ttplan/schedule.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// The events of one occurrence on one date, in schedule order.
struct day_row {
    day_point date;
    std::vector<const event*> events;

    std::int32_t day() const { return events.front()->day; }
};

// A phase occurrence with what belongs to it.
struct occurrence_entry {
    const phase_occurrence* occurrence = nullptr;
    std::size_t index = 0;  // in schedule::phases()
    // The phase's name (its id when it has none), with " [protocol]" added where a continuation
    // shares a phase id or name with another protocol of the plan.
    std::string phase_label;
    std::int32_t cycles = 1;               // occurrences of this phase in its segment
    const segment* stopped_for = nullptr;  // the protocol a switch stopped it for
    std::vector<const span*> spans;        // continuous therapy within it, in date order
    std::vector<day_row> days;             // its events by date

    // "Maintenance, cycle 3 (B)": the label, the cycle after `cycle_separator`, the variant.
    std::string title(std::string_view cycle_separator = ", ") const;
};

class agenda {
public:
    explicit agenda(const schedule& s);

    const schedule& plan() const noexcept { return s_; }
    const std::vector<segment>& segments() const noexcept { return s_.segments(); }
    // True when the plan continues with another protocol.
    bool several() const noexcept { return s_.segments().size() > 1; }

    // Every phase occurrence, in schedule order.
    const std::vector<occurrence_entry>& occurrences() const noexcept { return entries_; }
    // The spans of protocol tracks (spans without a phase), in date order.
    const std::vector<const span*>& track_spans() const noexcept { return track_spans_; }
    // Events and spans whose phase occurrence is not in the schedule (a hand-built schedule can
    // have them), in date order, so that no format loses them.
    const std::vector<const event*>& unplaced_events() const noexcept { return unplaced_events_; }

    // The occurrence an event or span of a phase belongs to; nullptr for tracks and unplaced items.
    const occurrence_entry* entry_of(const event& e) const;
    const occurrence_entry* entry_of(const span& t) const;

    // The label of a phase of segment `seg` as occurrence_entry::phase_label spells it, for items
    // whose occurrence is not in the schedule.
    std::string phase_label(std::size_t seg, const std::string& phase) const;
    // The protocol a switch stopped a span for; nullptr when it was not stopped by a switch.
    const segment* stopped_for(const span& t) const { return stopped_for(t.ending, t.segment); }

    // Plan-wide facts.
    bool any_tentative_phase() const noexcept { return any_tentative_phase_; }
    bool any_tentative() const noexcept { return any_tentative_; }      // a phase or a span
    bool any_ended_early() const noexcept { return any_ended_early_; }  // a phase occurrence
    // Categories of events and spans, in declaration order.
    const std::set<category>& categories() const noexcept { return categories_; }

private:
    const occurrence_entry* find(std::size_t segment, const std::string& phase,
                                 const std::optional<std::int32_t>& cycle) const;
    // find(), trying `hint` first: items mostly come in the order of their occurrences.
    const occurrence_entry* find_from(const occurrence_entry* hint, std::size_t segment,
                                      const std::string& phase,
                                      const std::optional<std::int32_t>& cycle) const;
    const segment* stopped_for(ending_reason ending, std::size_t segment) const;
    bool needs_protocol(std::size_t seg, const std::string& phase, const std::string& name) const;

    const schedule& s_;
    std::vector<occurrence_entry> entries_;
    std::vector<std::size_t> by_key_;  // entry indices sorted by (segment, phase, cycle)
    std::vector<bool> first_of_key_;   // by entry index: no earlier entry has its key
    // For each phase id, and each phase name, the protocols (ids) whose phases have it.
    std::map<std::string_view, std::set<std::string_view>> protocols_with_id_;
    std::map<std::string_view, std::set<std::string_view>> protocols_with_name_;
    std::vector<const span*> track_spans_;
    std::vector<const event*> unplaced_events_;
    bool any_tentative_phase_ = false;
    bool any_tentative_ = false;
    bool any_ended_early_ = false;
    std::set<category> categories_;
};

}  // namespace ttplan::detail
