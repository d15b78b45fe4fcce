// Parts of reading a PlanDefinition that need no document: parameters, days and dependencies
// as the protocol file spells them, and the elements read past.
#include "fhir_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

namespace ttplan::detail {

const std::set<std::string, std::less<>> descriptive_keys = {
    "meta",         "text",       "url",           "identifier",     "status",
    "experimental", "date",       "publisher",     "contact",        "copyright",
    "jurisdiction", "useContext", "approvalDate",  "lastReviewDate", "effectivePeriod",
    "topic",        "author",     "editor",        "reviewer",       "endorser",
    "type",         "language",   "implicitRules", "purpose"};
const std::set<std::string, std::less<>> descriptive_action_keys = {
    "prefix", "priority", "documentation", "groupingBehavior", "precheckBehavior", "textEquivalent", "type"};

std::optional<ojson> dependency_for(std::string_view relationship, const std::string& self,
                                    const std::string& target, const std::optional<std::string>& offset,
                                    std::int32_t target_first_day, std::string& why) {
    if (relationship == "after-end" || relationship == "after" || relationship == "before-start" ||
        relationship == "before") {
        const bool after = relationship.rfind("after", 0) == 0;
        ojson dep{{"from", after ? target : self}, {"to", after ? self : target}};
        if (offset) dep["lag"] = *offset;
        return dep;
    }
    if (relationship == "after-start" || relationship == "concurrent-with-start") {
        const length len = offset ? length::parse(*offset) : length{};
        if (len.units == length::unit::months || len.units == length::unit::years) {
            why = "an offset from a phase's start is counted in days or weeks";
            return std::nullopt;
        }
        const std::int32_t days = len.count * (len.units == length::unit::weeks ? 7 : 1);
        return ojson{
            {"from", target}, {"to", self}, {"type", "start-to-start"}, {"day", target_first_day + days}};
    }
    why = fmt::format(
        "\"{}\": ttplan maps after-end, after, before-start, before, after-start and "
        "concurrent-with-start",
        relationship);
    return std::nullopt;
}

std::string days_text(std::vector<std::int32_t> days) {
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    std::string out;
    for (std::size_t i = 0; i < days.size();) {
        std::size_t j = i;
        while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
        out += out.empty() ? "" : ",";
        // ".." reads negative numbers too ("-7..-1").
        out += j == i ? std::to_string(days[i]) : fmt::format("{}..{}", days[i], days[j]);
        i = j + 1;
    }
    return out;
}

ojson inferred_parameters(const ojson& declared,
                          const std::map<std::string, std::vector<ojson>, std::less<>>& seen,
                          std::vector<std::string>& conflicts) {
    ojson out = ojson::array();
    std::set<std::string, std::less<>> names;
    for (const auto& p : declared) {
        if (names.insert(p.value("name", "")).second) out.push_back(p);
    }
    const auto all = [](const std::vector<ojson>& values, auto is) {
        return std::all_of(values.begin(), values.end(), is);
    };
    for (const auto& [name, values] : seen) {
        if (!names.insert(name).second || values.empty()) continue;
        if (all(values, [](const ojson& v) { return v.is_boolean(); })) {
            out.push_back(ojson{{"name", name}, {"type", "bool"}, {"default", false}});
        } else if (all(values, [](const ojson& v) { return v.is_number_integer(); })) {
            std::int64_t lo = values[0].get<std::int64_t>();
            std::int64_t hi = lo;
            for (const auto& v : values) {
                lo = std::min(lo, v.get<std::int64_t>());
                hi = std::max(hi, v.get<std::int64_t>());
            }
            out.push_back(ojson{
                {"name", name}, {"type", "integer"}, {"minimum", lo}, {"maximum", hi + 1}, {"default", lo}});
        } else if (all(values, [](const ojson& v) { return v.is_string(); })) {
            ojson choices = ojson::array();
            for (const auto& v : values) {
                if (std::find(choices.begin(), choices.end(), v) == choices.end()) choices.push_back(v);
            }
            if (choices.size() == 1) choices.push_back("other");
            out.push_back(
                ojson{{"name", name}, {"type", "choice"}, {"choices", choices}, {"default", choices[0]}});
        } else {
            conflicts.push_back(
                fmt::format("PlanDefinition: conditions give parameter \"{}\" values of more than one "
                            "type (booleans, integers, text)",
                            name));
        }
    }
    return out;
}

}  // namespace ttplan::detail
