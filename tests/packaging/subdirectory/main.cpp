#include <ttplan/ttplan.hpp>

#include <iostream>

int main() {
    const auto plan =
        ttplan::planner(ttplan::load_builtin("all-overview"), {}).plan(ttplan::parse_date("2027-01-04"));
    std::cout << ttplan::format_date(plan.start()) << "\n";
}
