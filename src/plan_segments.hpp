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

    template <class Item>
    std::size_t of(const Item& item) const {
        return item.segment;
    }

    occurrence_key key(const phase_occurrence& p) const { return {of(p), p.phase, p.cycle}; }
    occurrence_key key(const event& e) const { return {of(e), e.phase, e.cycle}; }
    occurrence_key key(const span& t) const { return {of(t), t.phase, t.cycle}; }

    // The protocol a switch stopped this item early for; nullptr when it was not stopped by a
    // switch (a cycle an "until" limit cut, or an item that ran its course).
    template <class Item>
    const segment* stopped_for(const Item& item) const {
        return item.ending == ending_reason::switched ? switched_to(item.segment) : nullptr;
    }

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
    // The switch that stops items of segment `seg` early is the next segment's start.
    const segment* switched_to(std::size_t seg) const {
        return seg + 1 < s_.segments().size() ? &s_.segments()[seg + 1] : nullptr;
    }
    static std::string cut_words(const segment* next);

    const schedule& s_;
};

}  // namespace ttplan::detail
