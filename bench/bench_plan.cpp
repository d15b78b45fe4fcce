// How long the library takes for what integrators do most: load a protocol, plan a patient,
// re-plan after a delay, and write the calendar. Run: build/bench/bench/ttplan_bench
#include <ttplan/ttplan.hpp>

#include <benchmark/benchmark.h>

namespace {

const ttplan::day_point start = ttplan::parse_date("2027-01-04");

void load_default_protocol(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::load_builtin(ttplan::default_protocol_id()));
}
BENCHMARK(load_default_protocol);

void plan_default_protocol(benchmark::State& state) {
    const ttplan::planner p(ttplan::load_builtin(ttplan::default_protocol_id()), {{"ph_positive", "true"}});
    for (auto _ : state) benchmark::DoNotOptimize(p.plan(start));
}
BENCHMARK(plan_default_protocol);

void replan_after_delay(benchmark::State& state) {
    const ttplan::planner p(ttplan::load_builtin(ttplan::default_protocol_id()), {});
    const std::vector<ttplan::actual_start> delay{{"maintenance", 3, std::nullopt, 7}};
    for (auto _ : state) benchmark::DoNotOptimize(p.plan(start, delay));
}
BENCHMARK(replan_after_delay);

// Validation plans every parameter combination: the catalog's largest space (384 plans).
void validate_largest_builtin(benchmark::State& state) {
    const ttplan::protocol p = ttplan::load_builtin("cog-hr-b-all");
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::check_plans(p));
}
BENCHMARK(validate_largest_builtin)->Unit(benchmark::kMillisecond);

void render_format(benchmark::State& state, const char* format) {
    const auto s = ttplan::planner(ttplan::load_builtin(ttplan::default_protocol_id()), {}).plan(start);
    ttplan::render_options options;
    options.timestamp = 0;
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::render(s, format, options));
}
BENCHMARK_CAPTURE(render_format, json, "json");
BENCHMARK_CAPTURE(render_format, ics, "ics");
BENCHMARK_CAPTURE(render_format, html, "html");

// A plan with thousands of occurrences: two phases of 1-day cycles for 20 years (14,610
// cycles, each with an event and a span). The human formats must stay linear in its size.
void render_daily_cycles(benchmark::State& state, const char* format) {
    const std::string phase = R"({"id": "ID", "name": "ID", "length": "1d",
        "repeat": {"until": {"length": "20y", "from": {"phase": "ID"}}},
        "activities": [{"name": "Oral", "category": "chemotherapy", "days": "1"},
                       {"name": "Infusion", "category": "immunotherapy", "days": "1", "continuous": true}]})";
    const auto named = [&](const std::string& id) {
        std::string text = phase;
        for (auto at = text.find("ID"); at != std::string::npos; at = text.find("ID", at + id.size()))
            text.replace(at, 2, id);
        return text;
    };
    const std::string text = R"({"format": "ttplan-protocol/1", "id": "daily", "title": "Daily", "phases": [)" +
                             named("first") + ", " + named("second") +
                             R"(], "dependencies": [{"from": "first", "to": "second"}]})";
    const auto s = ttplan::planner(ttplan::parse_protocol(text), {}).plan(start);
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::render(s, format, {}));
}
BENCHMARK_CAPTURE(render_daily_cycles, text, "text")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(render_daily_cycles, md, "md")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(render_daily_cycles, html, "html")->Unit(benchmark::kMillisecond);

// A chain of N one-week phases, each depending on the one before: checking and planning must
// grow linearly with N (phases are found by id through an index, not by scanning).
ttplan::protocol phase_chain(std::int64_t n) {
    ttplan::protocol p;
    p.id = "chain";
    p.title = "Chain";
    p.version = "1";
    for (std::int64_t i = 0; i < n; ++i) {
        ttplan::phase ph;
        ph.id = "p" + std::to_string(i);
        ph.name = ph.id;
        ph.duration = ttplan::length::parse("7d");
        ttplan::activity a;
        a.name = "Drug";
        a.days = ttplan::day_pattern::parse("1,3");
        ph.activities.push_back(std::move(a));
        if (i > 0) {
            ttplan::dependency d;
            d.from = "p" + std::to_string(i - 1);
            d.to = ph.id;
            p.dependencies.push_back(std::move(d));
        }
        p.phases.push_back(std::move(ph));
    }
    return p;
}

void plan_phase_chain(benchmark::State& state) {
    const ttplan::planner p(phase_chain(state.range(0)), {});
    for (auto _ : state) benchmark::DoNotOptimize(p.plan(start));
    state.SetComplexityN(state.range(0));
}
// 100 to the bound on phases (docs/limits.md).
BENCHMARK(plan_phase_chain)
    ->RangeMultiplier(10)
    ->Range(100, static_cast<std::int64_t>(ttplan::max_protocol_phases))
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

void check_phase_chain(benchmark::State& state) {
    const ttplan::protocol p = phase_chain(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::check(p));
    state.SetComplexityN(state.range(0));
}
BENCHMARK(check_phase_chain)
    ->RangeMultiplier(10)
    ->Range(100, static_cast<std::int64_t>(ttplan::max_protocol_phases))
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

// One phase of N activities, each given "after" the one before, listed last first: checking
// (circles of "after") and placing them must grow linearly with N, up to the bound on
// activities.
ttplan::protocol after_chain(std::int64_t n) {
    ttplan::protocol p;
    p.id = "after-chain";
    p.title = "After chain";
    p.version = "1";
    ttplan::phase ph;
    ph.id = "block";
    ph.name = "Block";
    ph.duration = ttplan::length::parse("28d");
    for (std::int64_t k = n - 1; k >= 0; --k) {
        ttplan::activity a;
        a.name = "a" + std::to_string(k);
        if (k == 0) {
            a.days = ttplan::day_pattern::parse("1,8");
        } else {
            a.timing.after = ttplan::after_rule{"a" + std::to_string(k - 1), 0};
        }
        ph.activities.push_back(std::move(a));
    }
    p.phases.push_back(std::move(ph));
    return p;
}

void plan_after_chain(benchmark::State& state) {
    const ttplan::planner p(after_chain(state.range(0)), {});
    for (auto _ : state) benchmark::DoNotOptimize(p.plan(start));
    state.SetComplexityN(state.range(0));
}
BENCHMARK(plan_after_chain)
    ->RangeMultiplier(10)
    ->Range(100, static_cast<std::int64_t>(ttplan::max_phase_activities))
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

void check_after_chain(benchmark::State& state) {
    const ttplan::protocol p = after_chain(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::check(p));
    state.SetComplexityN(state.range(0));
}
BENCHMARK(check_after_chain)
    ->RangeMultiplier(10)
    ->Range(100, static_cast<std::int64_t>(ttplan::max_phase_activities))
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

// A treatment record of N revisions, each delaying consolidation by 0 or 1 day: its calendar
// plans every revision to cancel what earlier ones had, so writing it grows with the history
// (max_record_revisions bounds it).
ttplan::treatment_record record_of(std::int64_t revisions) {
    constexpr std::int64_t recorded = 1'800'000'000;
    ttplan::treatment_record r =
        ttplan::create_record(ttplan::load_builtin(ttplan::default_protocol_id()),
                              std::string(ttplan::default_protocol_id()),
                              start, {}, recorded, std::string(32, '0'));
    for (std::int64_t k = 1; k < revisions; ++k) {
        r = ttplan::add_revision(
            r, {ttplan::actual_start{"consolidation", std::nullopt, std::nullopt, static_cast<std::int32_t>(k % 2)}},
            recorded + k);
    }
    return r;
}

void render_record_ics(benchmark::State& state) {
    const ttplan::treatment_record r = record_of(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(ttplan::render(r, "ics"));
    state.SetComplexityN(state.range(0));
}
BENCHMARK(render_record_ics)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond)->Complexity();

}  // namespace
