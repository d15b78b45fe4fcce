// CSV (RFC 4180): rows a spreadsheet or an import script reads without surprises.
#include <ttplan/csv.hpp>

#include "agenda.hpp"
#include "utf8_text.hpp"
#include "words.hpp"

#include <initializer_list>

namespace ttplan {

namespace {

// A spreadsheet runs a cell beginning with one of these as a formula (OWASP CSV injection);
// a leading apostrophe makes it a text cell and is not shown.
bool starts_like_formula(std::string_view text) {
    if (text.empty()) return false;
    switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

// Semicolons are quoted as well: spreadsheets in many locales split on them.
bool needs_quotes(std::string_view text) {
    return text.find_first_of(",;\"\r\n") != std::string_view::npos;
}

void append_field(std::string& out, std::string_view text) {
    if (!needs_quotes(text)) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// Text cells come from the protocol and are neutralised; numbers, dates and booleans are
// written by ttplan and left alone (Day -7 must stay a number). Tabs and line breaks stay (a
// quoted field carries them); other controls and bidirectional controls are written as in
// every format (utf8_text.hpp).
std::string text_cell(std::string_view value) {
    std::string cell = detail::data_text(value);
    if (starts_like_formula(cell)) cell.insert(cell.begin(), '\'');
    return cell;
}

std::string cycle_text(const std::optional<std::int32_t>& cycle) {
    return cycle ? std::to_string(*cycle) : std::string();
}

std::string bool_text(bool b) {
    return b ? "true" : "false";
}

void append_row(std::string& out, std::initializer_list<std::string> cells) {
    bool first = true;
    for (const auto& c : cells) {
        if (!first) out += ',';
        first = false;
        append_field(out, c);
    }
    out += "\r\n";
}

// `protocol` is the last column of both kinds of rows: phase ids repeat across the protocols of
// a continued plan, and readers that go by position keep working.
std::string event_rows(const schedule& s) {
    const detail::agenda plan(s);
    std::string out = "date,weekday,phase,phase_name,cycle,day,activity,category,tentative,protocol\r\n";
    for (const auto& e : s.events()) {
        const detail::occurrence_entry* entry = plan.entry_of(e);
        append_row(out, {format_date(e.date), text_cell(detail::weekday_abbrev(date::weekday{e.date})), text_cell(e.phase),
                         text_cell(entry ? entry->occurrence->name : s.phase_name(e.segment, e.phase)),
                         cycle_text(e.cycle), std::to_string(e.day), text_cell(e.activity),
                         text_cell(to_string(e.category)), bool_text(e.tentative),
                         text_cell(s.segment_of(e).protocol.id)});
    }
    return out;
}

std::string phase_rows(const schedule& s) {
    const detail::agenda plan(s);
    std::string out = "kind,id_or_activity,name,cycle,start,end,days,category,tentative,protocol\r\n";
    for (const auto& p : s.phases()) {
        append_row(out, {"phase", text_cell(p.phase), text_cell(p.name), cycle_text(p.cycle),
                         format_date(p.first), format_date(p.last), std::to_string(p.days()), "",
                         bool_text(p.tentative), text_cell(s.segment_of(p).protocol.id)});
    }
    for (const auto& t : s.spans()) {
        const detail::occurrence_entry* entry = plan.entry_of(t);
        const std::string phase_name = t.phase.empty() ? std::string()
                                       : entry         ? entry->occurrence->name
                                                       : s.phase_name(t.segment, t.phase);
        append_row(out, {"span", text_cell(t.activity), text_cell(phase_name), cycle_text(t.cycle),
                         format_date(t.first), format_date(t.last), std::to_string(t.days()),
                         text_cell(to_string(t.category)), bool_text(t.tentative),
                         text_cell(s.segment_of(t).protocol.id)});
    }
    return out;
}

}  // namespace

std::string to_csv(const schedule& s, const render_options& options) {
    return options.csv == render_options::csv_rows::phases ? phase_rows(s) : event_rows(s);
}

}  // namespace ttplan
