#include "agenda.hpp"

#include "i18n/language.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace ttplan::detail {

std::string occurrence_entry::title(std::string_view cycle_separator) const {
    std::string out = phase_label;
    if (occurrence->cycle) {
        out += cycle_separator;
        // TRANSLATORS: after a phase's name: "Maintenance, cycle 3".
        out += trf("cycle {cycle}", fmt::arg("cycle", *occurrence->cycle));
    }
    if (!occurrence->variant.empty()) out += fmt::format(" ({})", occurrence->variant);
    return out;
}

agenda::agenda(const schedule& s) : s_(s) {
    const auto& phases = s.phases();
    for (const auto& p : phases) {
        const std::string_view protocol = s.segment_of(p).protocol.id;
        protocols_with_id_[p.phase].insert(protocol);
        protocols_with_name_[p.name].insert(protocol);
        any_tentative_phase_ = any_tentative_phase_ || p.tentative;
        any_ended_early_ = any_ended_early_ || p.ended_early();
    }

    // Occurrences in schedule order, findable by (segment, phase, cycle).
    std::map<std::pair<std::size_t, std::string_view>, std::int32_t> cycles;
    entries_.reserve(phases.size());
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const phase_occurrence& p = phases[i];
        occurrence_entry entry;
        entry.occurrence = &p;
        entry.index = i;
        const std::string& name = p.name.empty() ? p.phase : p.name;
        entry.phase_label = needs_protocol(p.segment, p.phase, name)
                                ? fmt::format("{} [{}]", name, s.segment_of(p).protocol.id)
                                : name;
        entry.stopped_for = stopped_for(p.ending, p.segment);
        entries_.push_back(std::move(entry));
        ++cycles[{p.segment, p.phase}];
    }
    for (auto& entry : entries_) entry.cycles = cycles[{entry.occurrence->segment, entry.occurrence->phase}];
    by_key_.resize(entries_.size());
    for (std::size_t i = 0; i < by_key_.size(); ++i) by_key_[i] = i;
    const auto key_of = [&](std::size_t i) {
        const phase_occurrence& p = *entries_[i].occurrence;
        return std::tie(p.segment, p.phase, p.cycle);
    };
    // Stable: when a hand-built schedule repeats a key, its first occurrence collects the items.
    std::stable_sort(by_key_.begin(), by_key_.end(),
                     [&](std::size_t a, std::size_t b) { return key_of(a) < key_of(b); });
    first_of_key_.resize(entries_.size());
    for (std::size_t k = 0; k < by_key_.size(); ++k)
        first_of_key_[by_key_[k]] = k == 0 || key_of(by_key_[k - 1]) != key_of(by_key_[k]);

    const occurrence_entry* last = nullptr;
    for (const auto& t : s.spans()) {
        categories_.insert(t.category);
        any_tentative_ = any_tentative_ || t.tentative;
        if (t.phase.empty()) {
            track_spans_.push_back(&t);
        } else if (const occurrence_entry* entry = find_from(last, t.segment, t.phase, t.cycle)) {
            entries_[static_cast<std::size_t>(entry - entries_.data())].spans.push_back(&t);
            last = entry;
        }
    }
    last = nullptr;
    any_tentative_ = any_tentative_ || any_tentative_phase_;
    for (const auto& e : s.events()) {
        categories_.insert(e.category);
        const occurrence_entry* found = find_from(last, e.segment, e.phase, e.cycle);
        if (!found) {
            unplaced_events_.push_back(&e);
            continue;
        }
        last = found;
        auto& days = entries_[static_cast<std::size_t>(found - entries_.data())].days;
        // Events come in date order, so a day's row is the last one or a new one.
        if (days.empty() || days.back().date != e.date) days.push_back(day_row{e.date, {}});
        days.back().events.push_back(&e);
    }
}

const occurrence_entry* agenda::find(std::size_t segment, const std::string& phase,
                                     const std::optional<std::int32_t>& cycle) const {
    const auto wanted = std::tie(segment, phase, cycle);
    const auto it =
        std::lower_bound(by_key_.begin(), by_key_.end(), wanted, [&](std::size_t i, const auto& k) {
            const phase_occurrence& p = *entries_[i].occurrence;
            return std::tie(p.segment, p.phase, p.cycle) < k;
        });
    if (it == by_key_.end()) return nullptr;
    const phase_occurrence& p = *entries_[*it].occurrence;
    return std::tie(p.segment, p.phase, p.cycle) == wanted ? &entries_[*it] : nullptr;
}

const occurrence_entry* agenda::find_from(const occurrence_entry* hint, std::size_t segment,
                                          const std::string& phase,
                                          const std::optional<std::int32_t>& cycle) const {
    // The hint must also be the first entry of its key, as find() would answer.
    if (hint != nullptr && first_of_key_[static_cast<std::size_t>(hint - entries_.data())]) {
        const phase_occurrence& p = *hint->occurrence;
        if (p.segment == segment && p.cycle == cycle && p.phase == phase) return hint;
    }
    return find(segment, phase, cycle);
}

const occurrence_entry* agenda::entry_of(const event& e) const {
    return find(e.segment, e.phase, e.cycle);
}

const occurrence_entry* agenda::entry_of(const span& t) const {
    return t.phase.empty() ? nullptr : find(t.segment, t.phase, t.cycle);
}

std::string agenda::phase_label(std::size_t seg, const std::string& phase) const {
    std::string name = s_.phase_name(seg, phase);
    if (name.empty()) name = phase;
    return needs_protocol(seg, phase, name) ? fmt::format("{} [{}]", name, s_.segments().at(seg).protocol.id)
                                            : name;
}

// Items of segment k that a switch stopped were running when segment k+1 began: every switch
// cuts what runs across it, so nothing of an earlier segment is left to stop.
const segment* agenda::stopped_for(ending_reason ending, std::size_t segment) const {
    if (ending != ending_reason::switched || segment + 1 >= s_.segments().size()) return nullptr;
    return &s_.segments()[segment + 1];
}

bool agenda::needs_protocol(std::size_t seg, const std::string& phase, const std::string& name) const {
    if (seg == 0 || !several()) return false;
    const std::string_view own = s_.segments().at(seg).protocol.id;
    const auto other = [&](const auto& protocols_with, std::string_view key) {
        const auto it = protocols_with.find(key);
        return it != protocols_with.end() && std::any_of(it->second.begin(), it->second.end(),
                                                         [&](std::string_view p) { return p != own; });
    };
    return other(protocols_with_id_, phase) || (!name.empty() && other(protocols_with_name_, name));
}

}  // namespace ttplan::detail
