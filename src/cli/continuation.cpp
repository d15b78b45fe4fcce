// --then: a plan that continues with further protocols, and the ID. prefix that sends --set,
// --actual and --delay to one of them.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>

namespace ttplan::cli {

namespace {

location option_location(std::string_view option) {
    return location{std::string(option), {}, 0, 0};
}

struct step {
    std::string text;  // as given, for messages
    protocol proto;
    switch_point at;
};

// "blinatumomab", "blinatumomab@2028-05-02", "allo-hsct@after:continued_therapy", "x.json@..."
step parse_then(const std::string& text) {
    std::string target = text;
    std::string where;
    if (const auto at = text.rfind('@'); at != std::string::npos) {
        const std::string suffix = text.substr(at + 1);
        // A path may contain '@'; only a date or after: makes it a switch point.
        if (suffix.rfind("after:", 0) == 0 ||
            (!suffix.empty() && std::isdigit(static_cast<unsigned char>(suffix[0])))) {
            target = text.substr(0, at);
            where = suffix;
        }
    }
    if (target.empty())
        throw value_error(fmt::format("\"{}\": give a protocol id or file before the @", text),
                          option_location("--then"));
    step out{text, {}, switch_point::at_end()};
    if (where.rfind("after:", 0) == 0) {
        out.at = switch_point::after(where.substr(6));
        if (out.at.phase.empty())
            throw value_error(fmt::format("\"{}\": name the phase after \"after:\"", text),
                              option_location("--then"));
    } else if (!where.empty()) {
        try {
            out.at = switch_point::on(parse_date(where));
        } catch (const error& e) {
            throw value_error(fmt::format("\"{}\": {}", text, e.message()), option_location("--then"));
        }
    }
    try {
        out.proto = load_protocol_input(target);
    } catch (const error& e) {
        // A validation error already lists every problem with its file and pointer.
        if (e.code() == error_code::validation) throw;
        throw value_error(fmt::format("\"{}\": {}", text, e.what()), option_location("--then"));
    }
    return out;
}

// Sorts "ID.rest" entries to protocol ID (without the prefix) and the others to the first
// protocol. Parameter and phase names never contain '.', so a '.' before the '=' is a prefix.
std::map<std::string, std::vector<std::string>> by_protocol(const std::vector<std::string>& entries,
                                                            const std::vector<std::string>& ids,
                                                            std::string_view option) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& entry : entries) {
        const auto dot = entry.find('.');
        if (dot == std::string::npos || dot > entry.find('=')) {
            out[ids.front()].push_back(entry);
            continue;
        }
        const std::string id = entry.substr(0, dot);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            std::string known;
            for (const auto& each : ids) known += (known.empty() ? "" : ", ") + each;
            throw value_error(
                fmt::format("\"{}\": no protocol \"{}\" in this plan; its protocols: {}", entry, id, known),
                option_location(option));
        }
        out[id].push_back(entry.substr(dot + 1));
    }
    return out;
}

}  // namespace

void add_then_option(CLI::App& cmd, plan_inputs& in) {
    cmd.add_option(
           "--then", in.thens,
           "Continue with another protocol, ID_OR_FILE[@YYYY-MM-DD|@after:PHASE] (repeatable, in order; "
           "without @: after the end of the plan so far). --set/--actual/--delay ID.name=... go to "
           "protocol ID; unprefixed ones to the first protocol")
        ->take_all();
}

void note_builtin_changed(const treatment_record& record) {
    // The plan is made with the pinned copy either way; say so when the catalog moved on.
    if (const auto change = builtin_changed(record)) {
        std::fprintf(stderr, "ttplan: note: %s\n", change->message().c_str());
    }
}

schedule plan_record(const treatment_record& record, const plan_inputs& in) {
    note_builtin_changed(record);
    // The clinic calendar belongs to the clinic, not to the record: it still comes from options.
    return plan(record, make_profile(in).calendar);
}

schedule plan_schedule(const plan_inputs& in) {
    if (const auto record = input_record(in)) return plan_record(*record, in);
    std::vector<std::string> sources{in.protocol};
    sources.insert(sources.end(), in.thens.begin(), in.thens.end());
    refuse_second_standard_input(sources, "protocol and --then protocols");
    const protocol first = load_input_protocol(in);
    std::vector<step> steps;
    std::vector<std::string> ids{first.id};
    for (const auto& text : in.thens) {
        steps.push_back(parse_then(text));
        ids.push_back(steps.back().proto.id);
    }
    const auto sets = by_protocol(in.sets, ids, "--set");
    const auto actuals = by_protocol(in.actuals, ids, "--actual");
    const auto delays = by_protocol(in.delays, ids, "--delay");
    // Each protocol's own inputs; the start and the clinic calendar are shared.
    const auto inputs_for = [&](const std::string& id) {
        plan_inputs mine = in;
        const auto pick = [&](const auto& sorted) {
            const auto it = sorted.find(id);
            return it == sorted.end() ? std::vector<std::string>{} : it->second;
        };
        mine.sets = pick(sets);
        mine.actuals = pick(actuals);
        mine.delays = pick(delays);
        return mine;
    };

    const plan_inputs first_inputs = inputs_for(first.id);
    schedule s = plan_with_facts(first, make_profile(first_inputs), first_inputs);
    for (const auto& st : steps) {
        const profile pr = make_profile(inputs_for(st.proto.id));
        try {
            switch_date(s, st.at);
        } catch (const planning_error& e) {
            throw value_error(fmt::format("\"{}\": {}", st.text, e.message()), option_location("--then"));
        }
        std::optional<planner> next;
        try {
            next.emplace(st.proto, pr.values);
        } catch (const parameter_error& e) {
            // Say which protocol of the chain the value was for.
            throw parameter_error(fmt::format("{} (protocol of --then \"{}\")", e.message(), st.text),
                                  e.where());
        }
        s = continue_with(s, st.at, *next, pr.facts.actuals, pr.calendar);
    }
    return s;
}

}  // namespace ttplan::cli
