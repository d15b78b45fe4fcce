#include "plain_words.hpp"

#include "i18n/language.hpp"

namespace ttplan::detail {

namespace {

// The value in words: the protocol's label for it, "yes" or "no" for a bool it does not label
// (in the reader's language), else the value itself.
std::string value_words(const parameter& p, const std::string& value) {
    if (p.type == parameter_type::boolean && p.value_labels.find(value) == p.value_labels.end()) {
        // TRANSLATORS: the value of a yes-or-no parameter in the list of chosen parameters.
        if (value == "true") return tr("yes");
        // TRANSLATORS: the value of a yes-or-no parameter in the list of chosen parameters.
        if (value == "false") return tr("no");
    }
    return p.value_words(value);
}

}  // namespace

std::vector<parameter_line> parameter_lines(const protocol_info& info, const typed_values& values) {
    std::vector<parameter_line> lines;
    lines.reserve(values.size());
    for (const auto& [name, value] : values) {
        parameter_line l{name, value.text, {}, name + "=" + value.text};
        if (const parameter* p = info.find_parameter(name)) {
            l.label = p->label_or_name();
            l.value = value_words(*p, value.text);
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
