// The protocol's own texts in the reader's language: the texts a protocol file's "translations"
// may give (model.hpp, protocol_translations), and a schedule with them in place for the human
// formats. Private to the library.
#pragma once

#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ttplan::detail {

// Every text of `p` a translation may replace: the title; each phase's name, description, what
// to expect and uncertain length's reason; each parameter's label, description, value labels
// and what decides it; each activity's and track's name and note.
std::set<std::string, std::less<>> translatable_texts(const protocol& p);

// `s` with the texts its protocols translate into `language` in their place (names of phases,
// activities and tracks, including the activity an "after" timing follows, notes, what decides
// a decision, and the plain words of protocol_info); nullopt when no protocol of the plan
// translates any text into it. Ids, dates and keys stay as they are.
std::optional<schedule> translated(const schedule& s, std::string_view language);

// The schedule a human format writes: `s`, or its translated copy while this lives. Each public
// to_* that takes render_options starts with one, so it and render() write the same.
class in_language {
public:
    in_language(const schedule& s, std::string_view language)
        : original_(s), copy_(language.empty() ? std::nullopt : translated(s, language)) {}
    const schedule& get() const noexcept { return copy_ ? *copy_ : original_; }

private:
    const schedule& original_;
    std::optional<schedule> copy_;
};

}  // namespace ttplan::detail
