// Plans that continue with other protocols, shared by the format tests. From Mon 4 Jan 2027 on
// the default protocol; a switch on Tue 2 May 2028 cuts maintenance cycle 4 (1 May 2028 is its
// only day left).
#pragma once

#include <ttplan/continuation.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <string>

namespace continued {

using namespace ttplan;

inline const day_point switch_day = parse_date("2028-05-02");

inline schedule default_plan() {
    profile pr;
    pr.start = parse_date("2027-01-04");
    return make_schedule(load_builtin(default_protocol_id()), pr);
}

inline schedule then_after_end(const schedule& so_far, const char* id_or_file) {
    return continue_with(so_far, switch_point::at_end(), planner(load_protocol(id_or_file), {}));
}

// Default protocol, blinatumomab from 2 May 2028, then allo-hsct after it ends.
inline schedule relapse_chain() {
    const auto relapse = continue_with(default_plan(), switch_point::on(switch_day),
                                       planner(load_builtin("blinatumomab"), {}));
    return then_after_end(relapse, "allo-hsct");
}

// As relapse_chain(), with tests/data/second-line.json instead of blinatumomab: its phases
// `induction` (Induction, 28 days, "Second-line drug" on Days 1, 8, 15, 22, a hospital stay on
// Days 1-5) and `maintenance` (Maintenance, two cycles of 28 days, "Weekly tablet") have the
// ids and names of phases of the default protocol.
inline schedule clash_chain() {
    const auto second = continue_with(default_plan(), switch_point::on(switch_day),
                                      planner(load_protocol_file(TTPLAN_TEST_DATA "/second-line.json"), {}));
    return then_after_end(second, "allo-hsct");
}

}  // namespace continued
