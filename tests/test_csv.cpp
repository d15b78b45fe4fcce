// CSV output: RFC 4180 framing, formula neutralisation of text cells, and golden files.
#include "format_samples.hpp"
#include "golden.hpp"

#include <ttplan/csv.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ttplan;
using samples::default_plan;
using samples::hand_built;

namespace {

using row = std::vector<std::string>;

// An RFC 4180 reader written independently of the writer: records end in CRLF, quoted fields
// may hold anything, a doubled quote is a quote. Throws on malformed input.
std::vector<row> parse_csv(const std::string& text) {
    std::vector<row> rows;
    row current;
    std::string field;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) throw std::runtime_error("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') throw std::runtime_error("quote inside an unquoted field");
                field += text[i++];
            }
        }
        current.push_back(std::move(field));
        field.clear();
        if (i == text.size()) throw std::runtime_error("last record does not end in CRLF");
        if (text[i] == ',') {
            ++i;
        } else if (text.compare(i, 2, "\r\n") == 0) {
            i += 2;
            rows.push_back(std::move(current));
            current.clear();
        } else {
            throw std::runtime_error("bare CR or LF at byte " + std::to_string(i));
        }
    }
    return rows;
}

render_options phase_rows() {
    render_options o;
    o.csv = render_options::csv_rows::phases;
    return o;
}

}  // namespace

TEST_CASE("csv: header and one row per event", "[csv]") {
    const auto s = hand_built();
    const auto rows = parse_csv(to_csv(s));
    REQUIRE(rows.size() == s.events().size() + 1);
    CHECK(rows[0] == row{"date", "weekday", "phase", "phase_name", "cycle", "day", "activity", "category",
                         "tentative", "protocol"});
    CHECK(rows[1] == row{"2027-01-04", "Mon", "induction", "Induction", "", "1", "Vincristine",
                         "chemotherapy", "false", "demo"});
    CHECK(rows[2] == row{"2027-01-04", "Mon", "induction", "Induction", "", "1", "Lumbar puncture",
                         "intrathecal", "false", "demo"});
    CHECK(rows[4] == row{"2027-02-08", "Mon", "maintenance", "Maintenance", "1", "-7", "Admission",
                         "hospital-stay", "true", "demo"});
    for (const auto& r : rows) CHECK(r.size() == 10);
}

TEST_CASE("csv: row count equals the planned schedule's event count", "[csv]") {
    const auto s = default_plan();
    REQUIRE(!s.events().empty());
    CHECK(parse_csv(to_csv(s)).size() == s.events().size() + 1);
    CHECK(parse_csv(to_csv(s, phase_rows())).size() == s.phases().size() + s.spans().size() + 1);
}

TEST_CASE("csv: every line ends in CRLF", "[csv]") {
    const std::string out = to_csv(hand_built());
    REQUIRE(out.size() > 2);
    CHECK(out.substr(out.size() - 2) == "\r\n");
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\n') CHECK(out[i - 1] == '\r');
    }
}

TEST_CASE("csv: fields with separators, quotes and line breaks are quoted", "[csv]") {
    for (const std::string name : {"a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nhere", "a;b"}) {
        const std::string out = to_csv(hand_built(name));
        CAPTURE(name, out);
        const auto rows = parse_csv(out);
        REQUIRE(rows.size() == 5);
        CHECK(rows[1][6] == name);
    }
    CHECK(to_csv(hand_built("say \"hi\"")).find("\"say \"\"hi\"\"\"") != std::string::npos);
    // Plain names stay unquoted.
    CHECK(to_csv(hand_built("Vincristine")).find(",Vincristine,") != std::string::npos);
}

TEST_CASE("csv: text cells starting like a formula get a leading apostrophe", "[csv][injection]") {
    for (const char lead : {'=', '+', '-', '@', '\t', '\r'}) {
        const std::string name = std::string(1, lead) + "HYPERLINK(\"http://x\",\"y\")";
        CAPTURE(static_cast<int>(lead));
        const auto rows = parse_csv(to_csv(hand_built(name, name)));
        CHECK(rows[1][6] == "'" + name);  // activity
        CHECK(rows[1][3] == "'" + name);  // phase_name
        const auto phase_rows_out = parse_csv(to_csv(hand_built(name, name), phase_rows()));
        CHECK(phase_rows_out[1][2] == "'" + name);
    }
    // Only the first character counts; an apostrophe of its own is left alone.
    CHECK(parse_csv(to_csv(hand_built("a=1")))[1][6] == "a=1");
    CHECK(parse_csv(to_csv(hand_built("'quoted")))[1][6] == "'quoted");
}

TEST_CASE("csv: negative day numbers stay numbers", "[csv][injection]") {
    const std::string out = to_csv(hand_built());
    CHECK(out.find(",1,-7,Admission,") != std::string::npos);
    CHECK(out.find("'-7") == std::string::npos);
}

TEST_CASE("csv: phase and span rows", "[csv]") {
    const auto s = hand_built();
    const auto rows = parse_csv(to_csv(s, phase_rows()));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == row{"kind", "id_or_activity", "name", "cycle", "start", "end", "days", "category",
                         "tentative", "protocol"});
    CHECK(rows[1] ==
          row{"phase", "induction", "Induction", "", "2027-01-04", "2027-02-01", "29", "", "false", "demo"});
    CHECK(rows[2] == row{"phase", "maintenance", "Maintenance", "1", "2027-02-08", "2027-03-07", "28", "",
                         "true", "demo"});
    CHECK(rows[3] ==
          row{"span", "Imatinib", "", "", "2027-01-18", "2027-03-07", "49", "targeted", "false", "demo"});
    CHECK(rows[4] == row{"span", "Mercaptopurine", "Maintenance", "1", "2027-02-15", "2027-03-07", "21",
                         "chemotherapy", "true", "demo"});
}

TEST_CASE("csv: render dispatches by name and identical inputs give identical bytes", "[csv]") {
    CHECK(render(hand_built(), "csv") == to_csv(hand_built()));
    CHECK(render(hand_built(), "csv", phase_rows()) == to_csv(hand_built(), phase_rows()));
    CHECK(to_csv(default_plan()) == to_csv(default_plan()));
}

TEST_CASE("csv: no byte order mark", "[csv]") {
    CHECK(to_csv(hand_built("Ünïcode")).rfind("date,", 0) == 0);
    CHECK(parse_csv(to_csv(hand_built("Ünïcode")))[1][6] == "Ünïcode");
}

TEST_CASE("csv: golden files of the default protocol", "[csv][golden]") {
    golden::check("all-overview.events.csv", to_csv(default_plan()));
    golden::check("all-overview.phases.csv", to_csv(default_plan(), phase_rows()));
    golden::check("all-overview-ph-dasatinib.events.csv", to_csv(default_plan(samples::ph_dasatinib)));
    golden::check("all-overview-ph-dasatinib.phases.csv",
                  to_csv(default_plan(samples::ph_dasatinib), phase_rows()));
}
