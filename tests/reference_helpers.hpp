// Helpers for comparing planned built-in protocols with published roadmaps: the planned day
// numbers of one phase occurrence, written as text so a mismatch shows both lists side by side.
#pragma once

#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reference {

using day_list = std::vector<std::int32_t>;
using ranges = std::vector<std::pair<std::int32_t, std::int32_t>>;

// What a roadmap lists for one phase (or one cycle): single-day activities by their day
// numbers, continuous ones (daily oral drugs, hospital stays, restrictions) by their runs.
struct roadmap {
    std::map<std::string, day_list> events;
    std::map<std::string, ranges> spans;
};

// first..last inclusive, for roadmap lines such as "cytarabine days 29-32".
inline day_list run(std::int32_t first, std::int32_t last) {
    day_list out;
    for (std::int32_t d = first; d <= last; ++d) out.push_back(d);
    return out;
}

inline day_list join(std::initializer_list<day_list> parts) {
    day_list out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

inline std::string text(const roadmap& r) {
    std::string out;
    for (const auto& [name, ds] : r.events) {
        out += name + ":";
        for (auto d : ds) out += " " + std::to_string(d);
        out += "\n";
    }
    for (const auto& [name, rs] : r.spans) {
        out += name + ":";
        for (auto [a, b] : rs) out += " [" + std::to_string(a) + ".." + std::to_string(b) + "]";
        out += "\n";
    }
    return out;
}

inline ttplan::schedule plan(std::string_view id, ttplan::parameter_values values, ttplan::day_point start) {
    return ttplan::planner(ttplan::load_builtin(id), values).plan(start);
}

inline std::vector<ttplan::phase_occurrence> occurrences(const ttplan::schedule& s, std::string_view phase) {
    std::vector<ttplan::phase_occurrence> out;
    for (const auto& o : s.phases()) {
        if (o.phase == phase) out.push_back(o);
    }
    return out;
}

inline ttplan::phase_occurrence only(const ttplan::schedule& s, std::string_view phase) {
    const auto occ = occurrences(s, phase);
    INFO("phase " << phase);
    REQUIRE(occ.size() == 1);
    return occ.front();
}

// The planned roadmap of one phase occurrence (cycle empty for a phase that does not repeat).
inline roadmap planned(const ttplan::schedule& s, std::string_view phase,
                       std::optional<std::int32_t> cycle = {}) {
    roadmap r;
    for (const auto& e : s.events()) {
        if (e.phase == phase && e.cycle == cycle) r.events[e.activity].push_back(e.day);
    }
    for (const auto& sp : s.spans()) {
        if (sp.phase == phase && sp.cycle == cycle)
            r.spans[sp.activity].push_back({sp.first_day, sp.last_day});
    }
    for (auto& [name, ds] : r.events) std::sort(ds.begin(), ds.end());
    for (auto& [name, rs] : r.spans) std::sort(rs.begin(), rs.end());
    return r;
}

// Day numbers of every event of one category in a phase occurrence, ascending.
inline day_list category_days(const ttplan::schedule& s, std::string_view phase, ttplan::category kind,
                              std::optional<std::int32_t> cycle = {}) {
    day_list out;
    for (const auto& e : s.events()) {
        if (e.phase == phase && e.cycle == cycle && e.category == kind) out.push_back(e.day);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The date `n` calendar years or months after `d`, counted with date's own year_month_day
// (clamped to the month's last day), independently of ttplan's arithmetic.
inline ttplan::day_point years_after(ttplan::day_point d, int n) {
    auto ymd = date::year_month_day{d} + date::years{n};
    if (!ymd.ok()) ymd = ymd.year() / ymd.month() / date::last;
    return date::sys_days{ymd};
}

inline ttplan::day_point months_after(ttplan::day_point d, int n) {
    auto ymd = date::year_month_day{d} + date::months{n};
    if (!ymd.ok()) ymd = ymd.year() / ymd.month() / date::last;
    return date::sys_days{ymd};
}

// 2027-01-04, a Monday: every reference plan starts here.
inline const ttplan::day_point start = date::sys_days{date::year{2027} / 1 / 4};

}  // namespace reference
