// The SVG timeline: a calendar-proportional picture of a schedule (or several on one axis),
// so that a two-year maintenance looks two years long next to a four-week induction.
#include "svg_timeline.hpp"

#include "agenda.hpp"
#include "category_style.hpp"
#include "i18n/language.hpp"
#include "picture_text.hpp"
#include "utf8_text.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace ttplan::detail {

namespace {

// The measures of a layout, in the picture's units. Every text is `font` units tall: at the
// narrowest width each layout is shown at (1200 and 288 CSS pixels), that is at least 12 pixels.
struct metrics {
    double width;
    double plot_left;
    double plot_right;
    double font;
    double label_row;  // above each lane's bars in the narrow layout, 0 when labels sit at the left
    int legend_columns;
    bool tick_titles;  // ticks too thin to point at on a phone carry no tooltip there
};
constexpr metrics wide_metrics{1200, 250, 1185, 12, 0, 4, true};
constexpr metrics narrow_metrics{320, 8, 312, 14, 18, 1, false};

constexpr double axis_height = 46;
constexpr double phase_lane = 36;
constexpr double span_lane = 24;
constexpr double heading_row = 26;
constexpr double segment_row = 18;
constexpr double legend_row = 22;
constexpr std::string_view bar_stroke = "#2c3e50";
constexpr std::string_view bar_fill = "#c9d6e5";
constexpr std::string_view tentative_fill = "#eef2f7";
constexpr std::string_view today_colour = "#c0002a";

// Coordinates with at most two decimals and no trailing zeros: exact enough, deterministic.
std::string num(double v) {
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

std::string pattern_id(std::string_view id, category c) {
    return fmt::format("{}-{}", id, to_string(c));
}

std::string day_words(std::int64_t days) {
    return trnf("{n} day", "{n} days", days, fmt::arg("n", days));
}

// The width of a text of `chars` characters, roughly: DejaVu Sans averages 0.6 of its size.
double text_width(const metrics& m, std::size_t chars) {
    return 0.6 * m.font * static_cast<double>(chars);
}

// Where dates go: the axis runs from the first of the first month to the end of the last one.
struct axis {
    const metrics& m;
    day_point first;
    day_point end;  // exclusive
    double per_day = 1;

    double x(day_point d) const { return m.plot_left + per_day * static_cast<double>((d - first).count()); }
    double w(day_point a, day_point b) const { return per_day * static_cast<double>((b - a).count() + 1); }
};

axis make_axis(const std::vector<timeline_group>& groups, const metrics& m) {
    day_point lo = day_point::max();
    day_point hi = day_point::min();
    for (const auto& g : groups) {
        lo = std::min(lo, g.plan->plan().start());
        hi = std::max(hi, g.plan->plan().end());
        if (const auto end = g.plan->plan().possible_end()) hi = std::max(hi, end->latest);
    }
    if (groups.empty()) lo = hi = day_point{};
    const date::year_month_day a{lo};
    const date::year_month_day b{hi};
    axis ax{m, {}, {}, 1};
    ax.first = date::sys_days{a.year() / a.month() / 1};
    ax.end = date::sys_days{(b.year() / b.month() / 1) + date::months{1}};
    ax.per_day = (m.plot_right - m.plot_left) / static_cast<double>((ax.end - ax.first).count());
    return ax;
}

struct lanes_writer {
    const axis& ax;
    const metrics& m;
    std::string_view id;
    std::string out;
    std::string shading;
    double y = axis_height;
    int lane_index = 0;

    void background(double height) {
        if (lane_index++ % 2 == 1) {
            shading +=
                fmt::format(R"~(<rect class="lane" x="0" y="{}" width="{}" height="{}" fill="#f3f5f8"/>)~",
                            num(y), num(m.width), num(height));
            shading += '\n';
        }
    }

    // `lane` names what the lane shows ("phase:<id>", "span:<activity>") for tools and tests.
    void label(std::string_view lane, std::string_view text, double baseline, double x = 8) {
        const auto room = static_cast<std::size_t>((m.label_row > 0 ? m.width - x - 8 : m.plot_left - x - 8) /
                                                   text_width(m, 1));
        const std::string shown = shorten(text, std::min<std::size_t>(room, m.label_row > 0 ? 60 : 34));
        // Above the bars a label crosses month lines: a white outline keeps it readable.
        std::string markup = fmt::format(
            R"~(<text class="lane-label" data-lane="{}" x="{}" y="{}"{}>{})~", escape_xml(lane), num(x),
            num(baseline), m.label_row > 0 ? R"~( stroke="#fff" stroke-width="3" paint-order="stroke")~" : "",
            escape_xml(shown));
        if (shown != text) markup += fmt::format("<title>{}</title>", escape_xml(text));
        markup += "</text>\n";
        // Above the bars, the label joins its lane's first link: a target a finger can hit where
        // a short phase is a few pixels wide.
        (links && m.label_row > 0 ? pending_label : out) += markup;
    }

    // A group's label and its length: one line in the wide layout; in the narrow one the label
    // on a line of its own and the length in words under it (the day count is in the page's
    // table), so that neither runs off a phone's screen. A label longer than its line is
    // shortened, its whole text kept as the line's title.
    void heading(const timeline_group& g) {
        const schedule& s = g.plan->plan();
        const bool narrow = m.label_row > 0;
        const std::string length =
            narrow ? describe_length(s.start(), s.end())
                   : fmt::format("{} ({})", describe_length(s.start(), s.end()), day_words(s.total_days()));
        // Bold text is wider than text_width()'s average: a tenth more.
        const auto room = static_cast<std::size_t>((m.width - 16) / (1.1 * text_width(m, 1)));
        const std::string whole = narrow ? g.label : fmt::format("{} — {}", g.label, length);
        const std::string shown = shorten(whole, room);
        out +=
            fmt::format(R"~(<text class="group-label" x="8" y="{}" font-weight="bold">{}{}</text>)~",
                        num(y + 6 + m.font), escape_xml(shown),
                        shown == whole ? std::string() : fmt::format("<title>{}</title>", escape_xml(whole)));
        out += '\n';
        y += heading_row;
        if (narrow) {
            out += fmt::format(
                R"~(<text class="group-length" x="8" y="{}">{}</text>)~", num(y + m.font - 4),
                escape_xml(shorten(length, static_cast<std::size_t>((m.width - 16) / text_width(m, 1)))));
            out += '\n';
            y += m.font + 4;
        }
    }

    // One lane per phase of each protocol: "phase:<id>" for the first protocol's phases,
    // "phase:<protocol>/<id>" for a continuation's, so two protocols' `induction` never share one.
    // `entries`: the occurrences of one phase of one segment, in schedule order.
    void phase_lane_of(const agenda& plan, const std::vector<const occurrence_entry*>& entries) {
        background(phase_lane + m.label_row);
        const schedule& s = plan.plan();
        const phase_occurrence& first = *entries.front()->occurrence;
        const std::string& protocol = s.segment_of(first).protocol.id;
        const bool main = protocol == s.protocol().id;
        label(main ? "phase:" + first.phase : "phase:" + protocol + "/" + first.phase,
              entries.front()->phase_label, m.label_row > 0 ? y + m.font : y + 17);
        const double bar_y = y + m.label_row + 4;
        const double bar_h = 18;
        for (const occurrence_entry* entry : entries) {
            const phase_occurrence& p = *entry->occurrence;
            const double x = ax.x(p.first);
            const double w = ax.w(p.first, p.last);
            // TRANSLATORS: a phase bar's description, "Induction: Mon 4 Jan 2027 to Sun 31 Jan 2027, 28
            // days".
            std::string tip = trf("{phase}: {first} to {last}, {length}", fmt::arg("phase", entry->title()),
                                  fmt::arg("first", long_date(p.first)), fmt::arg("last", long_date(p.last)),
                                  fmt::arg("length", day_words(p.days())));
            if (p.ended_early()) tip += "; " + ending_words(p.ending, entry->stopped_for);
            if (p.tentative) {
                tip += "; ";
                tip += p.possible_first ? tr("tentative: may move with an uncertain length")
                                        : tr("tentative: waits for recovery, may move later");
            }
            if (p.uncertain_length)
                tip += "; " + trf("its length is uncertain: {range}",
                                  fmt::arg("range", range_words(*p.uncertain_length)));
            if (const std::string moves = possible_words(p.possible_first, p.possible_last); !moves.empty())
                tip += "; " + moves;
            std::string cls = "phase";
            if (p.tentative) cls += " tentative";
            if (p.ended_early()) cls += " cut";
            const std::string protocol_attr =
                plan.several() ? fmt::format(R"~( data-protocol="{}")~", escape_xml(protocol))
                               : std::string();
            if (links) out += link_open(p.first, tip) + std::exchange(pending_label, {});
            out += fmt::format(
                R"~(<rect class="{}" data-phase="{}"{} data-days="{}" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1")~",
                cls, escape_xml(p.phase), protocol_attr, p.days(), num(x), num(bar_y), num(w), num(bar_h),
                p.tentative ? tentative_fill : bar_fill, bar_stroke);
            if (p.tentative) out += R"~( stroke-dasharray="4 3")~";
            out += links ? "/></a>\n" : fmt::format("><title>{}</title></rect>\n", escape_xml(tip));
            if (p.ended_early()) {
                const double xr = x + w;
                out += fmt::format(
                    R"~(<path class="cut-mark" d="M{} {}l-4 4.5l4 4.5l-4 4.5l4 4.5" fill="none" stroke="#000" stroke-width="1.5"/>)~",
                    num(xr), num(bar_y));
                out += '\n';
            }
            if (p.cycle) {
                const std::string text = std::to_string(*p.cycle) + p.variant;
                if (w >= text_width(m, text.size()) + 4) {
                    out += fmt::format(
                        R"~(<text class="cycle" x="{}" y="{}" text-anchor="middle" aria-hidden="true">{}</text>)~",
                        num(x + w / 2), num(bar_y + bar_h / 2 + 0.36 * m.font), escape_xml(text));
                    out += '\n';
                }
            }
        }
        ticks(entries, bar_y + 21);
        // Where uncertain lengths may put the lane's end: a whisker from its earliest to its
        // latest possible last day, through the middle of the bar.
        const phase_occurrence& last = *entries.back()->occurrence;
        if (last.possible_last) {
            const date_window& w = *last.possible_last;
            const double x0 = ax.x(w.earliest) + ax.w(w.earliest, w.earliest);
            const double x1 = std::min(ax.x(w.latest) + ax.w(w.latest, w.latest), m.plot_right);
            const double wy = bar_y + bar_h / 2;
            out += fmt::format(
                R"~(<path class="range" d="M{0} {1}v-5v10v-5H{2}v-5v10" fill="none" stroke="#1f2d3a" stroke-width="1.5"><title>{3}</title></path>)~",
                num(x0), num(wy), num(x1),
                escape_xml(trf("{phase}: with uncertain lengths it may end {first} to {last}",
                               fmt::arg("phase", entries.back()->title()),
                               fmt::arg("first", long_date(w.earliest)),
                               fmt::arg("last", long_date(w.latest)))));
            out += '\n';
        }
        y += phase_lane + m.label_row;
    }

    // One tick per treatment day of the phase; categories on the same day share its height.
    void ticks(const std::vector<const occurrence_entry*>& entries, double top) {
        std::map<day_point, std::map<category, std::vector<const event*>>> by_day;
        for (const occurrence_entry* entry : entries) {
            for (const auto& row : entry->days) {
                for (const event* e : row.events) by_day[row.date][e->category].push_back(e);
            }
        }
        const std::string& phase_label = entries.front()->phase_label;
        const double tick_w = std::max(ax.per_day, 1.5);
        const double band = 8;
        // Without tooltips, a tick that would be drawn over the one before it, in the same
        // place and colour, is left out: in 320 units a day is a third of a unit.
        std::map<std::tuple<double, double, category>, double> drawn_at;
        for (const auto& [d, kinds] : by_day) {
            const double h = band / static_cast<double>(kinds.size());
            double ty = top;
            for (const auto& [kind, events] : kinds) {
                if (!m.tick_titles) {
                    const auto [at, fresh] = drawn_at.try_emplace({ty, h, kind}, ax.x(d));
                    if (!fresh && ax.x(d) < at->second + 1) {
                        ty += h;
                        continue;
                    }
                    at->second = ax.x(d);
                }
                const event& first = *events.front();
                std::string names;
                for (const event* e : events) names += (names.empty() ? "" : ", ") + e->activity;
                // TRANSLATORS: a treatment day's tick, "Mon 4 Jan 2027, Induction Day 1: Vincristine
                // (Chemotherapy)"; with a cycle, "..., Maintenance cycle 2 Day 1: ...".
                std::string tip =
                    first.cycle ? trf("{date}, {phase} cycle {cycle} Day {day}: {activities} ({category})",
                                      fmt::arg("date", long_date(d)), fmt::arg("phase", phase_label),
                                      fmt::arg("cycle", *first.cycle), fmt::arg("day", first.day),
                                      fmt::arg("activities", names), fmt::arg("category", display_name(kind)))
                                : trf("{date}, {phase} Day {day}: {activities} ({category})",
                                      fmt::arg("date", long_date(d)), fmt::arg("phase", phase_label),
                                      fmt::arg("day", first.day), fmt::arg("activities", names),
                                      fmt::arg("category", display_name(kind)));
                if (first.tentative) tip += fmt::format("; {}", tr("tentative"));
                out += fmt::format(R"~(<rect class="tick" x="{}" y="{}" width="{}" height="{}" fill="{}")~",
                                   num(ax.x(d)), num(ty), num(tick_w), num(h), style_of(kind).colour);
                out += m.tick_titles ? fmt::format("><title>{}</title></rect>", escape_xml(tip)) : "/>";
                out += '\n';
                ty += h;
            }
        }
    }

    // `spans`: every span of one activity and category, in date order.
    void span_lane_of(const agenda& plan, const std::vector<const span*>& spans) {
        background(span_lane + m.label_row);
        const std::string& activity = spans.front()->activity;
        const category kind = spans.front()->category;
        const bool above = m.label_row > 0;
        out += fmt::format(R"~(<rect class="swatch" x="8" y="{}" width="12" height="12" fill="url(#{})"/>)~",
                           num(above ? y + 3 : y + 6), pattern_id(id, kind));
        label("span:" + activity, fmt::format("{} {}", style_of(kind).code, activity),
              above ? y + m.font : y + 16, 26);
        const double bar_y = y + m.label_row + 5;
        for (const span* item : spans) {
            const span& sp = *item;
            const std::size_t seg = sp.segment;
            std::string where;
            if (!sp.phase.empty()) {
                const occurrence_entry* entry = plan.entry_of(sp);
                const std::string& phase = entry ? entry->phase_label : plan.phase_label(seg, sp.phase);
                where =
                    "; " + (sp.cycle ? trf("{phase} cycle {cycle} Days {first} to {last}",
                                           fmt::arg("phase", phase), fmt::arg("cycle", *sp.cycle),
                                           fmt::arg("first", sp.first_day), fmt::arg("last", sp.last_day))
                                     : trf("{phase} Days {first} to {last}", fmt::arg("phase", phase),
                                           fmt::arg("first", sp.first_day), fmt::arg("last", sp.last_day)));
            }
            // TRANSLATORS: a continuous therapy's bar, "Imatinib (Targeted therapy): Mon 4 Jan 2027 to
            // Sun 31 Jan 2027, 28 days".
            std::string tip =
                trf("{activity} ({category}): {first} to {last}, {length}", fmt::arg("activity", sp.activity),
                    fmt::arg("category", display_name(sp.category)), fmt::arg("first", long_date(sp.first)),
                    fmt::arg("last", long_date(sp.last)), fmt::arg("length", day_words(sp.days()))) +
                where;
            if (plan.several())
                tip += "; " + trf("protocol {id}", fmt::arg("id", plan.segments().at(seg).protocol.id));
            if (sp.ended_early()) tip += "; " + ending_words(sp.ending, plan.stopped_for(sp));
            if (sp.tentative) tip += fmt::format("; {}", tr("tentative: may move later"));
            if (links) out += link_open(sp.first, tip) + std::exchange(pending_label, {});
            out += fmt::format(
                R"~(<rect class="span{}" x="{}" y="{}" width="{}" height="14" fill="url(#{})" stroke="{}")~",
                sp.tentative ? " tentative" : "", num(ax.x(sp.first)), num(bar_y),
                num(ax.w(sp.first, sp.last)), pattern_id(id, sp.category), style_of(sp.category).colour);
            if (sp.tentative) out += R"~( stroke-dasharray="4 3" stroke-width="1.5")~";
            out += links ? "/></a>\n" : fmt::format("><title>{}</title></rect>\n", escape_xml(tip));
        }
        y += span_lane + m.label_row;
    }

    // A continued plan: a row naming each protocol from the day it starts, and a dashed line
    // at each switch down through the plan's lanes (drawn once the lanes are known).
    void segment_labels(const schedule& s) {
        const auto& segments = s.segments();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const segment& seg = segments[i];
            const double x = ax.x(seg.start);
            const double next = i + 1 < segments.size() ? ax.x(segments[i + 1].start) : m.plot_right;
            const auto room = static_cast<std::size_t>(std::max(1.0, (next - x - 6) / text_width(m, 1)));
            // TRANSLATORS: over the timeline, where a continued plan switches to another protocol.
            const std::string text =
                i == 0 ? seg.protocol.id : trf("then {id}", fmt::arg("id", seg.protocol.id));
            const std::string shown = shorten(text, room);
            std::string tip = trf("{protocol} from {date}", fmt::arg("protocol", protocol_words(seg)),
                                  fmt::arg("date", long_date(seg.start)));
            if (!seg.reason.empty()) tip += " (" + seg.reason + ")";
            out += fmt::format(
                R"~(<text class="segment-label" data-protocol="{}" x="{}" y="{}" font-style="italic">{}<title>{}</title></text>)~",
                escape_xml(seg.protocol.id), num(x + 3), num(y + m.font + 1), escape_xml(shown),
                escape_xml(tip));
            out += '\n';
        }
        y += segment_row + m.font - 12;
    }

    void segment_lines(const schedule& s, double top) {
        for (std::size_t i = 1; i < s.segments().size(); ++i) {
            const segment& seg = s.segments()[i];
            const double x = ax.x(seg.start);
            out += fmt::format(
                R"~(<line class="segment-start" data-protocol="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" stroke-width="1.5" stroke-dasharray="6 3"/>)~",
                escape_xml(seg.protocol.id), num(x), num(top), num(x), num(y));
            out += '\n';
        }
    }

    void group(const timeline_group& g) {
        links = g.links;
        const agenda& plan = *g.plan;
        const schedule& s = plan.plan();
        if (!g.label.empty()) heading(g);
        const double top = y;
        if (plan.several()) segment_labels(s);
        // One lane per phase of each segment, in order of first occurrence.
        std::vector<std::vector<const occurrence_entry*>> phase_lanes;
        std::map<std::pair<std::size_t, std::string_view>, std::size_t> phase_lane_at;
        for (const auto& entry : plan.occurrences()) {
            const phase_occurrence& p = *entry.occurrence;
            const auto [at, fresh] = phase_lane_at.try_emplace({p.segment, p.phase}, phase_lanes.size());
            if (fresh) phase_lanes.emplace_back();
            phase_lanes[at->second].push_back(&entry);
        }
        for (const auto& entries : phase_lanes) phase_lane_of(plan, entries);
        // One lane per continuous activity and category, in order of first appearance.
        std::vector<std::vector<const span*>> span_lanes;
        std::map<std::pair<std::string_view, category>, std::size_t> span_lane_at;
        for (const auto& sp : s.spans()) {
            const auto [at, fresh] = span_lane_at.try_emplace({sp.activity, sp.category}, span_lanes.size());
            if (fresh) span_lanes.emplace_back();
            span_lanes[at->second].push_back(&sp);
        }
        for (const auto& spans : span_lanes) span_lane_of(plan, spans);
        if (plan.several()) segment_lines(s, top);
        decision_lines(s, top);
    }

    // A dotted line down the plan's lanes on each decision's day; the tooltip says what decides
    // it and whether it is still open.
    void decision_lines(const schedule& s, double top) {
        for (const decision& d : s.decisions()) {
            const double x = ax.x(d.date) + ax.per_day / 2;
            const std::string tip =
                trf("Decision on {date} ({place}): {decision}", fmt::arg("date", long_date(d.date)),
                    fmt::arg("place", decision_place(d, s.phase_name(d.segment, d.phase))),
                    fmt::arg("decision", decision_words(s, d)));
            out += fmt::format(
                R"~(<line class="decision{}" data-parameter="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#7b2d8b" stroke-width="2" stroke-dasharray="2 2"><title>{}</title></line>)~",
                d.pending() ? " pending" : "", escape_xml(d.parameter), num(x), num(top), num(x), num(y),
                escape_xml(tip));
            out += '\n';
        }
    }

    // A bar's link to its first day in the month grids; the link carries the bar's description,
    // which a screen reader reads and a mouse shows as a tooltip.
    static std::string link_open(day_point first, std::string_view tip) {
        return fmt::format(R"~(<a href="#{}"><title>{}</title>)~", day_anchor(first), escape_xml(tip));
    }

    bool links = false;
    std::string pending_label{};  // a lane label waiting for the lane's first link
};

// A month's name over its column `room` wide: the short name ("Jan", "févr."), else without its
// full stop ("févr"), else its first letter. Month names are lower case in most languages,
// narrower than the average text_width() allows for; a name of three letters is measured as
// any text.
std::string_view month_label(std::string_view name, double room, const metrics& m) {
    const auto fits = [&](std::string_view text) {
        const std::size_t n = columns(text);
        return room >=
               std::max(text_width(m, std::min<std::size_t>(n, 3)), 0.55 * m.font * static_cast<double>(n)) +
                   6;
    };
    if (fits(name)) return name;
    if (name.size() > 1 && name.back() == '.' && fits(name.substr(0, name.size() - 1)))
        return name.substr(0, name.size() - 1);
    return name.substr(0, decode_at(name, 0).bytes);
}

std::string axis_marks(const axis& ax, double bottom) {
    const metrics& m = ax.m;
    std::string out;
    const double per_month = ax.per_day * 30.44;
    const double per_year = ax.per_day * 365.25;
    // Month lines and names only where they stay legible; years always.
    if (per_month >= 4) {
        for (auto ym = date::year_month_day{ax.first}; date::sys_days{ym} < ax.end; ym += date::months{1}) {
            const day_point d{ym};
            const day_point next{ym + date::months{1}};
            const double x = ax.x(d);
            const bool january = ym.month() == date::January;
            out += fmt::format(R"~(<line x1="{}" y1="40" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>)~",
                               num(x), num(x), num(bottom), january ? "#8a8a8a" : "#dcdcdc");
            out += '\n';
            if (per_month >= text_width(m, 1) + 4) {
                out += fmt::format(R"~(<text class="month" x="{}" y="36" text-anchor="middle">{}</text>)~",
                                   num(x + (ax.x(next) - x) / 2),
                                   escape_xml(month_label(
                                       month_abbrev_words(static_cast<unsigned>(ym.month())), per_month, m)));
                out += '\n';
            }
        }
    }
    const int step = std::max(1, static_cast<int>(std::ceil(40.0 / per_year)));
    const date::year first_year = date::year_month_day{ax.first}.year();
    const date::year last_year = date::year_month_day{ax.end - date::days{1}}.year();
    for (auto yr = first_year; yr <= last_year; yr += date::years{step}) {
        const day_point d = std::max(ax.first, day_point{yr / date::January / 1});
        // A year that begins too near the right edge for its number keeps only its line.
        if (yr == first_year || ax.x(d) + 2 + text_width(m, 4) <= m.width) {
            out += fmt::format(R"~(<text class="year" x="{}" y="16" font-weight="bold">{}</text>)~",
                               num(ax.x(d) + 2), static_cast<int>(yr));
            out += '\n';
        }
        if (per_month < 4) {
            out +=
                fmt::format(R"~(<line x1="{}" y1="20" x2="{}" y2="{}" stroke="#8a8a8a" stroke-width="1"/>)~",
                            num(ax.x(d)), num(ax.x(d)), num(bottom));
            out += '\n';
        }
    }
    out += fmt::format(R"~(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333" stroke-width="1"/>)~",
                       num(m.plot_left), num(axis_height - 4), num(m.plot_right), num(axis_height - 4));
    out += '\n';
    return out;
}

struct legend_item {
    std::string swatch;  // markup drawn in a 14x14 box at (0, 0)
    std::string text;
};

// The words of a legend entry in lines of at most `chars` characters, broken between words.
std::vector<std::string> wrap(std::string_view text, std::size_t chars) {
    std::vector<std::string> lines{""};
    while (!text.empty()) {
        const auto space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        if (!lines.back().empty() && columns(lines.back()) + 1 + columns(word) > chars) lines.emplace_back();
        if (!lines.back().empty()) lines.back() += ' ';
        lines.back() += word;
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    }
    return lines;
}

// The legend below the lanes, `m.legend_columns` entries a row; an entry too long for its
// column wraps onto more lines. Returns the markup and its height.
std::pair<std::string, double> legend(const std::vector<legend_item>& items, double top, const metrics& m) {
    std::string out = fmt::format(R"~(<g class="legend" transform="translate(0 {})">)~", num(top));
    out += "\n";
    const int columns = m.legend_columns;
    const double column = (m.width - 8) / columns;
    const double line = m.font + 4;
    // Legend words are mostly lower case, narrower than the average text_width() allows for.
    const auto chars = static_cast<std::size_t>((column - 28) / (0.55 * m.font));
    double row_top = 0;
    std::size_t row_lines = 1;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0 && i % static_cast<std::size_t>(columns) == 0) {
            row_top += legend_row + line * static_cast<double>(row_lines - 1);
            row_lines = 1;
        }
        const double x = 8 + column * static_cast<double>(i % static_cast<std::size_t>(columns));
        const auto lines = wrap(items[i].text, chars);
        row_lines = std::max(row_lines, lines.size());
        std::string text;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            text += l == 0 ? escape_xml(lines[l])
                           : fmt::format(R"~(<tspan x="20" dy="{}">{}</tspan>)~", num(line),
                                         escape_xml(lines[l]));
        }
        out += fmt::format(R"~(<g transform="translate({} {})">{}<text x="20" y="{}">{}</text></g>)~", num(x),
                           num(row_top), items[i].swatch, num(m.font - 1), text);
        out += '\n';
    }
    out += "</g>\n";
    return {out, row_top + legend_row + line * static_cast<double>(row_lines - 1)};
}

// The today line: the middle of the day, from the top of the axis down through the lanes, with
// its label on the side that has room.
std::string today_line(const axis& ax, const metrics& m, day_point today, double bottom) {
    const double x = ax.x(today) + ax.per_day / 2;
    const std::string_view label = tr("Today");
    const bool left = x > m.plot_right - std::max(60.0, text_width(m, columns(label)) + 8);
    return fmt::format(
               R"~(<g class="today" data-date="{0}"><title>{1}</title><line x1="{2}" y1="20" x2="{2}" y2="{3}" stroke="{4}" stroke-width="2"/><text x="{5}" y="28" text-anchor="{6}" font-size="{7}" font-weight="bold" fill="{4}">{8}</text></g>)~",
               format_date(today), escape_xml(trf("Today: {date}", fmt::arg("date", long_date(today)))),
               num(x), num(bottom), today_colour, num(left ? x - 4 : x + 4), left ? "end" : "start",
               num(m.font), escape_xml(label)) +
           "\n";
}

}  // namespace

std::string svg_number(double v) {
    return num(v);
}

std::string day_anchor(day_point d) {
    const date::year_month_day ymd{d};
    return fmt::format("d-{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string svg_timeline(const std::vector<timeline_group>& groups, std::string_view id,
                         timeline_layout layout, const std::optional<day_point>& today) {
    return draw_timeline(groups, id, layout, today).markup;
}

timeline_picture draw_timeline(const std::vector<timeline_group>& groups, std::string_view id,
                               timeline_layout layout, const std::optional<day_point>& today) {
    const metrics& m = layout == timeline_layout::narrow ? narrow_metrics : wide_metrics;
    const axis ax = make_axis(groups, m);
    lanes_writer lanes{ax, m, id, {}, {}, axis_height, 0};
    bool any_link = false;
    std::set<category> used;
    bool any_tentative = false;
    bool any_cut = false;
    bool any_switch = false;
    bool any_decision = false;
    bool any_range = false;
    for (const auto& g : groups) {
        const agenda& plan = *g.plan;
        for (const auto& p : plan.plan().phases()) any_range |= p.possible_last.has_value();
        any_switch |= plan.several();
        any_link |= g.links;
        any_decision |= !plan.plan().decisions().empty();
        any_tentative |= plan.any_tentative();
        any_cut |= plan.any_ended_early();
        used.insert(plan.categories().begin(), plan.categories().end());
        lanes.group(g);
    }
    const double lanes_bottom = lanes.y;
    const bool today_shown = today && ax.first <= *today && *today < ax.end;

    std::vector<legend_item> items;
    items.push_back(
        {fmt::format(R"~(<rect width="14" height="14" fill="{}" stroke="{}"/>)~", bar_fill, bar_stroke),
         tr("Phase (cycle numbers inside)")});
    if (any_tentative) {
        items.push_back(
            {fmt::format(R"~(<rect width="14" height="14" fill="{}" stroke="{}" stroke-dasharray="4 3"/>)~",
                         tentative_fill, bar_stroke),
             tr("Dashed: tentative, may move later")});
    }
    if (any_range) {
        items.push_back({R"~(<path d="M1 4v6v-3H13v-3v6" fill="none" stroke="#444" stroke-width="1.2"/>)~",
                         tr("Whisker: uncertain end")});
    }
    if (any_cut) {
        items.push_back(
            {R"~(<path d="M10 0l-4 3.5l4 3.5l-4 3.5l4 3.5" fill="none" stroke="#000" stroke-width="1.5"/>)~",
             tr("Zigzag: last cycle cut short")});
    }
    if (any_switch) {
        items.push_back({R"~(<path d="M7 0V14" stroke="#000" stroke-width="1.5" stroke-dasharray="4 2"/>)~",
                         tr("Dashed line: switch to another protocol")});
    }
    if (any_decision) {
        items.push_back({R"~(<path d="M7 0V14" stroke="#7b2d8b" stroke-width="2" stroke-dasharray="2 2"/>)~",
                         tr("Dotted line: a decision during treatment")});
    }
    if (today_shown) {
        items.push_back({fmt::format(R"~(<path d="M7 0V14" stroke="{}" stroke-width="2"/>)~", today_colour),
                         trf("Red line: today, {date}", fmt::arg("date", long_date(*today)))});
    }
    items.push_back(
        {R"~(<rect x="5" y="3" width="3" height="8" fill="#333"/>)~", tr("Tick: a treatment day")});
    for (category c : used) {
        items.push_back({fmt::format(R"~(<rect width="14" height="14" fill="url(#{})" stroke="{}"/>)~",
                                     pattern_id(id, c), style_of(c).colour),
                         fmt::format("{} {}", style_of(c).code, display_name(c))});
    }
    const double legend_top = lanes_bottom + 14;
    const auto [legend_markup, legend_height] = legend(items, legend_top, m);
    const double height = legend_top + legend_height + 6;

    std::string names;
    for (std::size_t i = 0; i < groups.size(); ++i)
        names += (i == 0 ? "" : "; ") +
                 (groups[i].label.empty() ? groups[i].plan->plan().protocol().title : groups[i].label);
    // TRANSLATORS: the picture's title, with the plan's title (several, between semicolons).
    const std::string title =
        groups.empty() ? std::string(tr("Timeline")) : trf("Timeline: {titles}", fmt::arg("titles", names));

    std::string out = fmt::format(
        R"~(<svg xmlns="http://www.w3.org/2000/svg" id="{}" class="timeline {}" viewBox="0 0 {} {}" width="{}" height="{}" role="{}" aria-labelledby="{}-title" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="{}" fill="#1a1a1a">)~",
        escape_xml(id), layout == timeline_layout::narrow ? "narrow" : "wide", num(m.width), num(height),
        num(m.width), num(height), any_link ? "group" : "img", escape_xml(id), num(m.font));
    out += fmt::format("\n<title id=\"{}-title\">{}</title>\n<defs>\n", escape_xml(id), escape_xml(title));
    for (category c : used) {
        out += fmt::format(
            R"~(<pattern id="{}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/>{}</pattern>)~",
            pattern_id(id, c), style_of(c).colour, style_of(c).marks);
        out += '\n';
    }
    out += "</defs>\n";
    // Lane shading under the grid; bars, ticks and labels above it.
    out += lanes.shading;
    out += axis_marks(ax, lanes_bottom);
    out += lanes.out;
    if (today_shown) out += today_line(ax, m, *today, lanes_bottom);
    out += legend_markup;
    out += "</svg>\n";
    return {std::move(out), m.width, height};
}

}  // namespace ttplan::detail
