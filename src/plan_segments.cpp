#include "plan_segments.hpp"

namespace ttplan::detail {

std::size_t plan_segments::of(const std::string& protocol, day_point when) const {
    const std::string& id = s_.protocol_of(protocol);
    const auto& segs = s_.segments();
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        if (segs[i].protocol.id != id) continue;
        if (!found || segs[i].start <= when) found = i;
    }
    return found.value_or(0);
}

const segment* plan_segments::switched_to(std::size_t seg, day_point last) const {
    const auto& segs = s_.segments();
    for (std::size_t i = seg + 1; i < segs.size(); ++i) {
        if (segs[i].start == last + date::days{1}) return &segs[i];
    }
    return nullptr;
}

bool plan_segments::needs_protocol(std::size_t seg, const std::string& phase, const std::string& name) const {
    if (seg == 0 || !several()) return false;
    const std::string& own = at(seg).protocol.id;
    for (const auto& p : s_.phases()) {
        if (s_.protocol_of(p.protocol) == own) continue;
        if (p.phase == phase || (!name.empty() && p.name == name)) return true;
    }
    return false;
}

std::string plan_segments::phase_name(std::size_t seg, const std::string& phase) const {
    return s_.phase_name(at(seg).protocol.id, phase);
}

std::string plan_segments::phase_label(std::size_t seg, const std::string& phase,
                                       const std::string& name) const {
    std::string label = name.empty() ? phase : name;
    if (needs_protocol(seg, phase, label)) label += " [" + at(seg).protocol.id + "]";
    return label;
}

std::string plan_segments::protocol_words(const segment& seg) {
    const auto& p = seg.protocol;
    return p.title.empty() || p.title == p.id ? p.id : p.title + " (" + p.id + ")";
}

std::string plan_segments::cut_words(const segment* next) {
    return next ? "stopped early on switching to " + next->protocol.id : "cut at the end of treatment";
}

}  // namespace ttplan::detail
