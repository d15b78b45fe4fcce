#include "plan_segments.hpp"

namespace ttplan::detail {

bool plan_segments::needs_protocol(std::size_t seg, const std::string& phase, const std::string& name) const {
    if (seg == 0 || !several()) return false;
    const std::string& own = at(seg).protocol.id;
    for (const auto& p : s_.phases()) {
        if (s_.segment_of(p).protocol.id == own) continue;
        if (p.phase == phase || (!name.empty() && p.name == name)) return true;
    }
    return false;
}

std::string plan_segments::phase_name(std::size_t seg, const std::string& phase) const {
    return s_.phase_name(seg, phase);
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
