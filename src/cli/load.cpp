// ttplan load: what a cohort asks of a clinic, day by day, against what the clinic has
// (docs/load.md).
#include "cohort.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ttplan::cli {

namespace {

// What a clinic provides, in the order of the table's columns.
enum class kind : std::size_t { clinic_visits, intrathecal, infusion_chairs, hospital_beds, radiation };
constexpr std::array<std::string_view, 5> kind_names{"clinic_visits", "intrathecal", "infusion_chairs",
                                                     "hospital_beds", "radiation"};
constexpr std::array<std::string_view, 5> kind_titles{
    "Clinic visits", "Intrathecal procedures", "Infusion-chair days", "Hospital beds", "Radiation fractions"};
constexpr std::size_t kinds = kind_names.size();
using counts = std::array<std::int64_t, kinds>;

constexpr std::array<std::string_view, 7> weekday_keys{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> weekday_short{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// Per weekday (c_encoding: Sunday 0), for the kinds the capacity file names.
struct capacity {
    std::array<std::optional<std::array<std::int64_t, 7>>, kinds> per_kind{};
};

// The capacity file: {"hospital_beds": 12, "intrathecal": {"mon": 6, "wed": 6}, ...}. A number
// is every day's; an object gives weekdays, and a weekday it leaves out has none (closed).
capacity read_capacity(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error("cannot open", location{path, {}, 0, 0});
    std::stringstream text;
    text << in.rdbuf();
    const auto bad = [&](const std::string& pointer, const std::string& what) {
        throw value_error(what, location{path, pointer, 0, 0});
    };
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw value_error(fmt::format("not JSON: {}", e.what()), location{path, {}, 0, 0});
    }
    if (!j.is_object()) bad("", "the capacity file is an object: {\"hospital_beds\": 12, ...}");
    const auto amount = [&](const nlohmann::json& v, const std::string& pointer) {
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1'000'000)
            bad(pointer, "give a whole number from 0 to 1000000");
        return v.get<std::int64_t>();
    };
    capacity c;
    for (const auto& [key, value] : j.items()) {
        const auto it = std::find(kind_names.begin(), kind_names.end(), key);
        if (it == kind_names.end()) {
            bad("/" + key,
                fmt::format("unknown kind \"{}\"; the kinds are {}", key, fmt::join(kind_names, ", ")));
        }
        std::array<std::int64_t, 7> days{};
        if (value.is_object()) {
            for (const auto& [day, n] : value.items()) {
                const auto wd = std::find(weekday_keys.begin(), weekday_keys.end(), day);
                if (wd == weekday_keys.end())
                    bad("/" + key + "/" + day, fmt::format("unknown weekday \"{}\"; give mon to sun", day));
                days[static_cast<std::size_t>(wd - weekday_keys.begin())] = amount(n, "/" + key + "/" + day);
            }
        } else {
            days.fill(amount(value, "/" + key));
        }
        c.per_kind[static_cast<std::size_t>(it - kind_names.begin())] = days;
    }
    return c;
}

// One patient's demand: per day, the count of each kind.
using demand = std::map<day_point, counts>;

// What the plan asks of the clinic, patient-day by patient-day (docs/load.md):
// hospital beds: a day inside a hospital stay; intrathecal and radiation: each such event;
// clinic visits: a day outside hospital with a dated activity other than a milestone;
// infusion chairs: such a day with a chemotherapy, immunotherapy or cell therapy activity.
demand demand_of(const schedule& s) {
    demand d;
    std::set<day_point> in_hospital;
    for (const span& sp : s.spans()) {
        if (sp.category != category::hospital_stay) continue;
        for (day_point day = sp.first; day <= sp.last; day += date::days{1}) in_hospital.insert(day);
    }
    for (const event& e : s.events())
        if (e.category == category::hospital_stay) in_hospital.insert(e.date);
    for (day_point day : in_hospital) d[day][static_cast<std::size_t>(kind::hospital_beds)] = 1;
    std::set<day_point> visits, chairs;
    for (const event& e : s.events()) {
        auto& c = d[e.date];
        if (e.category == category::intrathecal) ++c[static_cast<std::size_t>(kind::intrathecal)];
        if (e.category == category::radiation) ++c[static_cast<std::size_t>(kind::radiation)];
        if (in_hospital.contains(e.date) || e.category == category::milestone ||
            e.category == category::hospital_stay)
            continue;
        visits.insert(e.date);
        if (e.category == category::chemotherapy || e.category == category::immunotherapy ||
            e.category == category::cell_therapy)
            chairs.insert(e.date);
    }
    for (day_point day : visits) d[day][static_cast<std::size_t>(kind::clinic_visits)] = 1;
    for (day_point day : chairs) d[day][static_cast<std::size_t>(kind::infusion_chairs)] = 1;
    return d;
}

struct outcome {
    demand days;
    std::string problem;
};

std::size_t weekday_of(day_point day) {
    return date::weekday{day}.c_encoding();
}

// The kinds over capacity on a day, "hospital_beds;intrathecal", or "".
std::string over_on(const capacity& cap, day_point day, const counts& c) {
    std::string out;
    for (std::size_t k = 0; k < kinds; ++k) {
        if (cap.per_kind[k] && c[k] > (*cap.per_kind[k])[weekday_of(day)])
            out += (out.empty() ? "" : ";") + std::string(kind_names[k]);
    }
    return out;
}

// Every day from the first to the last with any demand, the days without any as zeros.
std::string load_csv(const demand& total, const capacity& cap) {
    std::string out = "date,weekday";
    for (std::size_t k = 0; k < kinds; ++k) {
        out += fmt::format(",{}", kind_names[k]);
        if (cap.per_kind[k]) out += fmt::format(",{}_capacity", kind_names[k]);
    }
    out += ",over_capacity\r\n";
    if (total.empty()) return out;
    for (day_point day = total.begin()->first; day <= total.rbegin()->first; day += date::days{1}) {
        const auto it = total.find(day);
        const counts c = it == total.end() ? counts{} : it->second;
        out += fmt::format("{},{}", format_date(day), weekday_short[weekday_of(day)]);
        for (std::size_t k = 0; k < kinds; ++k) {
            out += fmt::format(",{}", c[k]);
            if (cap.per_kind[k]) out += fmt::format(",{}", (*cap.per_kind[k])[weekday_of(day)]);
        }
        out += "," + over_on(cap, day, c) + "\r\n";
    }
    return out;
}

std::string escape_html(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// A heat map per kind: one row per week (Monday first), a cell per day with its count, darker
// as the count nears the week's most (or the capacity, when there is one); a day over capacity
// is outlined and says so in words.
std::string load_html(const demand& total, const capacity& cap, const std::string& cohort,
                      std::size_t patients) {
    std::string out = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>Clinic load</title>
<style>
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 1rem; color: #1a1a1a; }
.disclaimer { border: 2px solid #8a6d1a; background: #fff8e1; padding: 0.5rem; font-weight: bold; }
.scroll { overflow-x: auto; }
table.heat { border-collapse: collapse; margin-bottom: 1.5rem; }
table.heat th, table.heat td { border: 1px solid #c8c8c8; padding: 0.2rem 0.4rem; text-align: right; min-width: 2.2rem; }
table.heat td.over { outline: 3px solid #b00020; outline-offset: -3px; font-weight: bold; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
</head>
<body>
<header>
<h1>Clinic load</h1>
)";
    out += fmt::format("<p>{} patients from {}.", patients, escape_html(cohort));
    if (!total.empty())
        out += fmt::format(" From {} to {}.", format_date(total.begin()->first),
                           format_date(total.rbegin()->first));
    out += "</p>\n";
    out += fmt::format("<p class=\"disclaimer\" role=\"note\">{}</p>\n</header>\n<main>\n",
                       escape_html(disclaimer));
    if (total.empty()) return out + "<p>No demand.</p>\n</main>\n</body>\n</html>\n";
    const day_point first = total.begin()->first, last = total.rbegin()->first;
    const day_point monday = first - date::days{(weekday_of(first) + 6) % 7};
    for (std::size_t k = 0; k < kinds; ++k) {
        std::int64_t most = 1;
        for (const auto& [day, c] : total) most = std::max(most, c[k]);
        out += fmt::format("<section>\n<h2>{}</h2>\n", kind_titles[k]);
        if (cap.per_kind[k]) {
            std::vector<std::string> days;
            for (std::size_t wd : {1, 2, 3, 4, 5, 6, 0})
                days.push_back(fmt::format("{} {}", weekday_short[wd], (*cap.per_kind[k])[wd]));
            out += fmt::format("<p>Capacity: {}.</p>\n", fmt::join(days, ", "));
        }
        out += fmt::format(
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"heat\">"
            "<thead><tr><th scope=\"col\">Week of</th>",
            kind_titles[k]);
        for (std::size_t wd : {1, 2, 3, 4, 5, 6, 0})
            out += fmt::format("<th scope=\"col\">{}</th>", weekday_short[wd]);
        out += "</tr></thead>\n<tbody>\n";
        for (day_point week = monday; week <= last; week += date::days{7}) {
            out += fmt::format("<tr><th scope=\"row\">{}</th>", format_date(week));
            for (int i = 0; i < 7; ++i) {
                const day_point day = week + date::days{i};
                if (day < first || day > last) {
                    out += "<td></td>";
                    continue;
                }
                const auto it = total.find(day);
                const std::int64_t n = it == total.end() ? 0 : it->second[k];
                const std::int64_t limit = cap.per_kind[k] ? (*cap.per_kind[k])[weekday_of(day)] : most;
                const double share = std::min(
                    1.0, static_cast<double>(n) / static_cast<double>(std::max<std::int64_t>(limit, 1)));
                // From white to a dark blue; text turns white where the cell is dark.
                const int light = static_cast<int>(255 - share * 200);
                const bool over = cap.per_kind[k] && n > limit;
                out += fmt::format("<td{} style=\"background:rgb({},{},255);color:{}\">{}{}</td>",
                                   over ? " class=\"over\"" : "", light, light,
                                   share > 0.55 ? "#fff" : "#1a1a1a", n,
                                   over ? fmt::format("<span class=\"sr\"> over capacity ({})</span><span "
                                                      "aria-hidden=\"true\">!</span>",
                                                      limit)
                                        : "");
            }
            out += "</tr>\n";
        }
        out += "</tbody></table></div>\n</section>\n";
    }
    return out + "</main>\n</body>\n</html>\n";
}

}  // namespace

void add_load(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand(
        "load",
        "What a cohort asks of a clinic per day (visits, intrathecal procedures, chairs, beds), "
        "against its capacity");
    auto cohort = std::make_shared<std::string>();
    auto capacity_file = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto shard = std::make_shared<std::string>();
    auto jobs = std::make_shared<unsigned>(0);
    cmd->add_option("cohort", *cohort, "The cohort: CSV or JSON Lines, as for ttplan batch")
        ->required()
        ->check(not_empty("a cohort file"));
    cmd->add_option("--capacity", *capacity_file,
                    "JSON: per kind, a number for every day or {\"mon\": N, ...} per weekday (a weekday left "
                    "out has none)")
        ->check(not_empty("a capacity file"));
    cmd->add_option("-f,--format", *format,
                    "csv or html (default: from the -o file's suffix; csv on standard output)")
        ->check(CLI::IsMember({"csv", "html"}));
    cmd->add_option("-o,--output", *output,
                    "Write to FILE (atomically) instead of standard output (-: standard output)")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->add_option("--shard", *shard,
                    "Count only shard K of N of the cohort (rows K, K+N, ...), such as 1/4");
    cmd->add_option("-j,--jobs", *jobs, "Patients planned at once (default: the number of cores)")
        ->check(CLI::Range(1u, 256u));
    cmd->callback([&st, cohort, capacity_file, format, output, shard, jobs] {
        st.run = [cohort, capacity_file, format, output, shard, jobs] {
            std::string name = *format;
            if (name.empty()) {
                if (output->ends_with(".html") || output->ends_with(".htm"))
                    name = "html";
                else if (output->empty() || *output == "-" || output->ends_with(".csv"))
                    name = "csv";
                else
                    throw usage_error(
                        "give the format of the file: -f csv or -f html, or a .csv or .html name",
                        location{"-o", {}, 0, 0});
            }
            const cohort_shard part = shard->empty() ? cohort_shard{} : parse_shard(*shard);
            const capacity cap = capacity_file->empty() ? capacity{} : read_capacity(*capacity_file);
            cohort_reader rows(*cohort);
            protocol_cache protocols;
            const unsigned workers = *jobs != 0 ? *jobs : std::max(1u, std::thread::hardware_concurrency());
            const bool shown = ::isatty(STDERR_FILENO) != 0;
            progress bar(shown, shown ? count_rows(*cohort, part) : 0);
            demand total;
            std::size_t planned = 0, failed = 0;
            for_each_patient<outcome>(
                rows, part, workers, [](cohort_row&) {},
                [&](const cohort_row& r) {
                    outcome o;
                    try {
                        if (!r.problem.empty()) throw value_error(r.problem);
                        const cohort_patient patient = read_patient(r);
                        try {
                            o.days = demand_of(make_schedule(protocols.get(patient.protocol), patient.pr));
                        } catch (const error& e) {
                            throw value_error(fmt::format("patient \"{}\": {}", patient.id, e.what()));
                        }
                    } catch (const error& e) {
                        o.problem = fmt::format("{}:{}: {}", *cohort, r.line, e.what());
                    }
                    return o;
                },
                [&](const cohort_row&, outcome& o) {
                    if (o.problem.empty()) {
                        ++planned;
                        for (const auto& [day, c] : o.days) {
                            auto& sum = total[day];
                            for (std::size_t k = 0; k < kinds; ++k) sum[k] += c[k];
                        }
                    } else {
                        ++failed;
                        bar.report(o.problem);
                    }
                    bar.update(planned + failed);
                });
            bar.done();
            // Counts without the patients that failed would be too low, and look right: nothing
            // is written then.
            if (failed > 0) {
                std::fprintf(stderr, "ttplan: %zu of %zu rows failed; no load is written\n", failed,
                             planned + failed);
                return 1;
            }
            emit(*output, name == "html" ? load_html(total, cap, *cohort, planned) : load_csv(total, cap));
            return 0;
        };
    });
}

}  // namespace ttplan::cli
