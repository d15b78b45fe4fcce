#include "plain_words.hpp"

namespace ttplan::detail {

std::vector<parameter_line> parameter_lines(const protocol_info& info, const typed_values& values) {
    std::vector<parameter_line> lines;
    lines.reserve(values.size());
    for (const auto& [name, value] : values) {
        parameter_line l{name, value.text, {}, name + "=" + value.text};
        if (const parameter* p = info.find_parameter(name)) {
            l.label = p->label_or_name();
            l.value = p->value_words(value.text);
            l.meaning = p->description;
        }
        lines.push_back(std::move(l));
    }
    return lines;
}

const phase_words* phase_notes::first_time(const schedule& s, const phase_occurrence& p) {
    const phase_words* words = s.segment_of(p).protocol.find_phase(p.phase);
    if (words == nullptr || (words->description.empty() && words->expect.empty())) return nullptr;
    return shown_.emplace(p.segment, p.phase).second ? words : nullptr;
}

}  // namespace ttplan::detail
