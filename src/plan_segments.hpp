// Which protocol of a plan an item belongs to, for the formats. Phase ids repeat across
// protocols (two protocols may both have an `induction`) and a protocol may even follow
// itself, so formats match items by (segment, phase, cycle), never by phase id alone.
// Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace ttplan::detail {

// A phase occurrence's identity within a plan.
struct occurrence_key {
    std::size_t segment = 0;
    std::string phase;
    std::optional<std::int32_t> cycle;
    friend auto operator<=>(const occurrence_key&, const occurrence_key&) = default;
};

class plan_segments {
public:
    explicit plan_segments(const schedule& s) : s_(s) {}

    // True when the plan continues with another protocol.
    bool several() const noexcept { return s_.segments().size() > 1; }
    const segment& at(std::size_t i) const { return s_.segments().at(i); }

    // The segment of an item of `protocol` (empty: the main one) dated `when`: the latest
    // segment of that protocol starting on or before it (the first of that protocol if none).
    std::size_t of(const std::string& protocol, day_point when) const;
    std::size_t of(const phase_occurrence& p) const { return of(p.protocol, p.first); }
    std::size_t of(const span& t) const { return of(t.protocol, t.first); }
    // By the planned date: the clinic calendar may move an event across a switch date.
    std::size_t of(const event& e) const { return of(e.protocol, e.planned_date.value_or(e.date)); }

    occurrence_key key(const phase_occurrence& p) const { return {of(p), p.phase, p.cycle}; }
    occurrence_key key(const event& e) const { return {of(e), e.phase, e.cycle}; }
    occurrence_key key(const span& t) const { return {of(t), t.phase, t.cycle}; }

    // The protocol a switch stopped this item early for; nullptr when it was not stopped by a
    // switch (a cycle an "until" limit cut, or an item that ran its course).
    const segment* stopped_for(const phase_occurrence& p) const {
        return p.stopped ? switched_to(of(p), p.last) : nullptr;
    }
    // Spans are cut only by a switch.
    const segment* stopped_for(const span& t) const { return t.cut ? switched_to(of(t), t.last) : nullptr; }

    // Whether a phase of segment `seg` needs its protocol named: it is not in the first
    // segment, and another protocol of the plan has a phase with the same id or name.
    bool needs_protocol(std::size_t seg, const std::string& phase, const std::string& name) const;

    // The display name of `phase` in segment `seg` ("" if it has none).
    std::string phase_name(std::size_t seg, const std::string& phase) const;

    // "Induction" or, where it could be confused, "Induction [relapse-protocol]".
    std::string phase_label(std::size_t seg, const std::string& phase, const std::string& name) const;
    std::string phase_label(const phase_occurrence& p) const { return phase_label(of(p), p.phase, p.name); }

    // "Blinatumomab (blinatumomab)"
    static std::string protocol_words(const segment& seg);
    // How a cut item ended, without a leading comma: "stopped early on switching to
    // blinatumomab" (the protocol id, as in phase labels) or "cut at the end of treatment".
    std::string cut_words(const phase_occurrence& p) const { return cut_words(stopped_for(p)); }
    std::string cut_words(const span& t) const { return cut_words(stopped_for(t)); }

private:
    // The later segment that starts the day after `last`, the switch that stopped an item of
    // segment `seg` ending on `last`.
    const segment* switched_to(std::size_t seg, day_point last) const;
    static std::string cut_words(const segment* next);

    const schedule& s_;
};

}  // namespace ttplan::detail
