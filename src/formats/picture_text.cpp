// Header lines and wrapping shared by the SVG file and the printed page.
#include "picture_text.hpp"

#include <ttplan/calendar.hpp>

#include "i18n/language.hpp"
#include "markup_escape.hpp"
#include "plain_words.hpp"
#include "utf8_text.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ttplan::detail {

namespace {

std::size_t columns_in(double width, double font_size) {
    return static_cast<std::size_t>(std::max(1.0, width / (font_size * em_per_column)));
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, double width, double font_size) {
    const std::size_t room = columns_in(width, font_size);
    std::vector<std::string> lines;
    std::string line;
    std::size_t used = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t space = text.find(' ', at);
        const std::string_view word =
            text.substr(at, space == std::string_view::npos ? text.npos : space - at);
        at = space == std::string_view::npos ? text.size() : space + 1;
        if (word.empty()) continue;
        const std::size_t cols = columns(word);
        if (!line.empty() && used + 1 + cols > room) {
            lines.push_back(std::move(line));
            line.clear();
            used = 0;
        }
        if (!line.empty()) {
            line += ' ';
            ++used;
        }
        const std::string shown = cols > room ? shorten(word, room) : std::string(word);
        line += shown;
        used += std::min(cols, room);
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

std::string fit_text(std::string_view text, double width, double font_size) {
    return shorten(text, columns_in(width, font_size));
}

std::string dates_line(const schedule& s) {
    std::string out = trnf(
        "{first} to {last}: {length} ({days} calendar day, {treatment} of them with treatment, {clinic} with "
        "a "
        "dated activity to attend)",
        "{first} to {last}: {length} ({days} calendar days, {treatment} of them with treatment, {clinic} "
        "with a "
        "dated activity to attend)",
        s.total_days(), fmt::arg("first", long_date(s.start())), fmt::arg("last", long_date(s.end())),
        fmt::arg("length", describe_length(s.start(), s.end())), fmt::arg("days", s.total_days()),
        fmt::arg("treatment", s.treatment_days()), fmt::arg("clinic", s.clinic_days()));
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        // TRANSLATORS: after the plan's dates, each protocol a continued plan switches to.
        out +=
            "; " + trf("then {protocol} from {date}", fmt::arg("protocol", protocol_words(s.segments()[i])),
                       fmt::arg("date", long_date(s.segments()[i].start)));
    }
    return out;
}

std::string parameters_line(const schedule& s) {
    std::string out;
    for (const segment& seg : s.segments()) {
        if (seg.parameters.empty()) continue;
        const std::string values = parameters_in_words(seg.protocol, seg.parameters, one_line);
        if (s.segments().size() > 1)
            out += fmt::format("{}{} ({})", out.empty() ? "" : "; ", one_line(seg.protocol.id), values);
        else
            out += values;
    }
    return out.empty() ? out : trf("Parameters: {values}", fmt::arg("values", out));
}

std::int64_t picture_time(const schedule& s, const std::optional<std::int64_t>& timestamp) {
    if (timestamp) return *timestamp;
    return std::chrono::duration_cast<std::chrono::seconds>(date::sys_days{s.start()}.time_since_epoch())
        .count();
}

}  // namespace ttplan::detail
