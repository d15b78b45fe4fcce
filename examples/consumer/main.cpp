// Plans the default built-in protocol from a start date given on the command line.
#include <ttplan/ttplan.hpp>

#include <iostream>

int main(int argc, char** argv) {
    try {
        ttplan::profile patient;
        patient.start = ttplan::parse_date(argc > 1 ? argv[1] : "2027-01-04");
        auto plan = ttplan::make_schedule(ttplan::load_builtin(ttplan::default_protocol_id()), patient);
        std::cout << plan.protocol().title << ": " << ttplan::format_date(plan.start()) << " to "
                  << ttplan::format_date(plan.end()) << ", " << plan.phases().size() << " phases\n";
    } catch (const ttplan::error& e) {
        std::cerr << "consumer: " << e.what() << '\n';
        return 1;
    }
}
