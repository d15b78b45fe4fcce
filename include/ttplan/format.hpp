// Output formats. Each format reads a schedule (graph formats read a protocol) and never
// reaches back into the planner.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// The sheet the one-page summary ("page") is laid out for.
enum class paper_size : std::uint8_t { a4, letter };
enum class paper_orientation : std::uint8_t { landscape, portrait };

struct render_options {
    // iCalendar: an opaque id chosen by the caller (never a name or record number); UIDs are
    // derived from it and from stable protocol keys, so a re-planned calendar updates the
    // same events when imported again. Empty: derived from the plan (ical_calendar_id in
    // ical.hpp), which changes with the start date and parameters; give one to keep UIDs across
    // such re-plans.
    std::string calendar_id;
    std::string calendar_name;                // default: the protocol title
    std::optional<std::int64_t> timestamp;    // DTSTAMP/LAST-MODIFIED, and a PDF's creation
                                              // date, seconds since 1970;
                                              // default: the start date (the library never
                                              // reads the environment; the CLI passes
                                              // $SOURCE_DATE_EPOCH here)
    std::int32_t sequence = 0;                // the caller's revision of this plan
    // iCalendar: the schedules earlier revisions of this calendar were written from, with the
    // same options, oldest first; an item any of them had that this schedule no longer has is
    // written as a cancelled event, as the latest of them had it (see to_ical). A client may
    // have imported any earlier revision, so give them all. Not owned; must outlive the call.
    std::vector<const schedule*> previous;
    // iCalendar: the IANA time zone ("Europe/Berlin") events with clock times are planned in;
    // empty = floating local times, which clients show at the same wall-clock time wherever
    // they are. Events without clock times stay all-day either way.
    std::string time_zone;
    // iCalendar: reminders, each a length before the event (parse_remind in ical.hpp reads "30m",
    // "2h", "1d", "1w"): every treatment-day event gets one VALARM per length, with TRIGGER
    // relative to its start (for an all-day event, the start of the day). Phases, spans, tracks,
    // decisions, timed doses and cancelled events get none. From 1 minute to 4 weeks
    // (max_remind); equal lengths ("1d", "24h") make one alarm; at most max_remind_count
    // different ones. Only "ics" takes reminders: render() refuses them for another format.
    std::vector<std::chrono::minutes> remind;
    // Text, Markdown and HTML: the day the reader is on, for a "What's next" section (where the
    // plan stands that day, the next treatment days, hospital stay and decision) and, in HTML, a
    // today line on the timeline and today marked in the month grids. Unset: none of these (the
    // library never reads the clock; the CLI passes the local date). JSON, CSV, iCalendar and
    // the month calendar ignore it, so their output does not change from day to day.
    std::optional<day_point> today;
    // CSV: one row per event, or one row per phase occurrence and span.
    enum class csv_rows : std::uint8_t { events, phases } csv = csv_rows::events;
    // page: the paper and how it is turned; unset = A4, landscape. Only "page" takes them:
    // render() refuses them for another format (parse_paper, parse_orientation in picture.hpp).
    std::optional<paper_size> paper;
    std::optional<paper_orientation> orientation;
    // The language of every fixed text the human formats write (headings, legends, lengths in
    // words, month and weekday names, the safety line): a code of languages(); "" = English.
    // The protocol's own texts come in that language where the protocol file translates them
    // ("translations", docs/protocol-format.md). Machine-read fields (JSON keys, CSV columns,
    // iCalendar properties, ids) never change. render() refuses a language it does not know.
    std::string language;
};

// A language the fixed texts are written in: its code (render_options::language, `--lang`) and
// its name in itself.
struct language_info {
    std::string_view code;  // "en", "es", "fr"
    std::string_view name;  // "English", "Español", "Français"
};

// Every language, English first.
const std::vector<language_info>& languages();

// One output format: the name render() takes, the file suffixes that stand for it and a
// line that says what it is for (help texts, bindings).
struct format_info {
    std::string_view name;
    // Lower case, with the dot (".json"); empty when no suffix is this format's own (the
    // month calendar is plain text, and ".txt" already means "text").
    std::span<const std::string_view> suffixes;
    std::string_view summary;
    // Bytes that are no text (PNG, PDF): never for a terminal.
    bool binary = false;
};

// Every format render() knows, text first; the suffixes of two formats never overlap.
const std::vector<format_info>& formats();

// Names accepted by render(): "text", "json", "ics", "csv", "md", "calendar", "html", "svg",
// "png", "pdf", "page".
std::vector<std::string_view> format_names();

// The format a file name asks for by its suffix.
// Returns: the format one of whose suffixes ends the file name of `path` (ASCII case ignored,
// so "PLAN.ICS" is ics), or nullptr when the name has no suffix or one no format has. Only
// the file name counts: "plans.json/today" has none.
const format_info* format_for_path(const std::filesystem::path& path);

// Renders a schedule in the named format: text, or the bytes of a binary format (png, pdf,
// page; format_info::binary). Throws error listing the format names when the name is unknown.
std::string render(const schedule& s, std::string_view format, const render_options& options = {});

// The JSON schedule document (the contract other tools read), with a trailing newline.
std::string to_json(const schedule& s);

// A readable agenda, by phase and week; with options.today, a "What's next" section first.
std::string to_text(const schedule& s, const render_options& options = {});

// Writes `content` to `path` atomically: a temporary file in the same directory, flushed,
// then renamed over the target, so a reader never sees half a file and a failure leaves any
// existing file untouched. A symbolic link is followed (the file it names is replaced, the
// link stays); a device or FIFO (/dev/stdout, a named pipe) is written in place, never
// replaced. Throws io_error naming the path.
// `sync`: now (the default) flushes the file to the disk before it is renamed; later leaves
// that to the caller, who writes many files into one directory and then flushes the directory
// once (fsync), as `ttplan batch` does: a crash before that may lose the newest files, never
// leave half of one.
enum class file_sync { now, later };
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       file_sync sync = file_sync::now);

}  // namespace ttplan
