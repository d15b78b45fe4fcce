// The README's five lines as a complete program: plan the default protocol for a
// Philadelphia-positive patient starting on 4 January 2027 and print the agenda.
#include <ttplan/ttplan.hpp>

#include <iostream>

int main() {
    auto protocol = ttplan::load_builtin("all-overview");
    auto plan = ttplan::planner(protocol, {{"ph_positive", "true"}}).plan(ttplan::parse_date("2027-01-04"));
    std::cout << ttplan::render(plan, "text");  // or "json", "ics", "csv", "md", "calendar", "html"
}
