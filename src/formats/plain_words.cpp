#include "plain_words.hpp"

#include "i18n/language.hpp"

#include <fmt/format.h>

namespace ttplan::detail {

std::string value_in_words(const parameter& p, const std::string& value) {
    if (p.type == parameter_type::boolean && p.value_labels.find(value) == p.value_labels.end()) {
        // TRANSLATORS: the value of a yes-or-no parameter in the list of chosen parameters.
        if (value == "true") return tr("yes");
        // TRANSLATORS: the value of a yes-or-no parameter in the list of chosen parameters.
        if (value == "false") return tr("no");
    }
    return p.value_words(value);
}

decision_terms decision_in_words(const schedule& s, const decision& d) {
    decision_terms t{d.parameter, d.value.value_or(std::string()), d.assumed, {}};
    const parameter* p = d.segment < s.segments().size()
                             ? s.segments()[d.segment].protocol.find_parameter(d.parameter)
                             : nullptr;
    if (p != nullptr) {
        t.parameter = p->label_or_name();
        if (d.value) t.value = value_in_words(*p, *d.value);
        t.assumed = value_in_words(*p, d.assumed);
    }
    for (const std::string& o : d.options) {
        if (o != d.assumed) t.others.push_back(p != nullptr ? value_in_words(*p, o) : o);
    }
    return t;
}

std::vector<parameter_line> parameter_lines(const protocol_info& info, const typed_values& values) {
    std::vector<parameter_line> lines;
    lines.reserve(values.size());
    for (const auto& [name, value] : values) {
        parameter_line l{name, value.text, {}, name + "=" + value.text};
        if (const parameter* p = info.find_parameter(name)) {
            l.label = p->label_or_name();
            l.value = value_in_words(*p, value.text);
            l.meaning = p->description;
        }
        lines.push_back(std::move(l));
    }
    return lines;
}

std::string parameters_in_words(const protocol_info& info, const typed_values& values,
                                std::string (*clean)(std::string_view)) {
    std::string out;
    for (const parameter_line& l : parameter_lines(info, values)) {
        if (!out.empty()) out += "; ";
        // TRANSLATORS: a parameter and its value in a line of them: "Philadelphia chromosome: negative".
        out += trf("{parameter}: {value}", fmt::arg("parameter", clean(l.label)),
                   fmt::arg("value", clean(l.value)));
    }
    return out;
}

const phase_words* phase_notes::first_time(const schedule& s, const phase_occurrence& p) {
    const phase_words* words = s.segment_of(p).protocol.find_phase(p.phase);
    if (words == nullptr || (words->description.empty() && words->expect.empty())) return nullptr;
    return shown_.emplace(p.segment, p.phase).second ? words : nullptr;
}

}  // namespace ttplan::detail
