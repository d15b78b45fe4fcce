// What the plan means, in the protocol's own plain words: parameters by their labels with their
// values in words, and what each phase is and what to expect in it. Plain text, never escaped:
// each format escapes what it writes, as for words.hpp. Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ttplan::detail {

// One chosen parameter value as a reader sees it.
struct parameter_line {
    std::string label;    // "Philadelphia chromosome", or the name when the protocol gives no label
    std::string value;    // "positive"; "yes"/"no" for an unlabelled bool; else the value itself
    std::string meaning;  // the parameter's description; may be empty
    std::string setting;  // "ph_positive=false", as --set takes it
};

// Each of `values` in name order, in the words of `info` (a name it does not declare reads as
// itself).
std::vector<parameter_line> parameter_lines(const protocol_info& info, const typed_values& values);

// The phase's description and what to expect, once per phase of each segment: the words of the
// first occurrence shown, nothing for later cycles, so a two-year maintenance says it once.
class phase_notes {
public:
    // The phase's words for this occurrence; nullptr when already given, or when the protocol has
    // neither a description nor an expect text for it.
    const phase_words* first_time(const schedule& s, const phase_occurrence& p);

private:
    std::set<std::pair<std::size_t, std::string>> shown_;
};

}  // namespace ttplan::detail
