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

// The value in words: the protocol's label for it, "yes" or "no" for a bool it does not label
// (in the reader's language), else the value itself.
std::string value_in_words(const parameter& p, const std::string& value);

// A decision as a reader sees it: its parameter's label and its values in words (each reads as
// itself when the decision's protocol does not declare the parameter).
struct decision_terms {
    std::string parameter;            // "Response at the end of induction"
    std::string value;                // the value given, in words; empty while pending
    std::string assumed;              // the branch the plan follows, in words
    std::vector<std::string> others;  // the other options, in words, in declaration order
};
decision_terms decision_in_words(const schedule& s, const decision& d);

// Each of `values` in name order, in the words of `info` (a name it does not declare reads as
// itself).
std::vector<parameter_line> parameter_lines(const protocol_info& info, const typed_values& values);

// "Philadelphia chromosome (BCR-ABL1): negative; Response at the end of induction: MRD-negative":
// each of `values` by its label and value in words, in name order, for a line that has no room
// for their meanings; `clean` (an escape or one_line) is applied to each label and value.
std::string parameters_in_words(const protocol_info& info, const typed_values& values,
                                std::string (*clean)(std::string_view));

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
