/* ttplan C API: plan treatment timelines from C (C99) or any language with a C FFI.
 *
 * Every function returns a ttplan_status (0 = TTPLAN_OK, negative = an error family) and
 * never lets a C++ exception through. On failure the message is kept twice: for the calling
 * thread (ttplan_last_error) and, when the call had a handle, in that handle (the first handle
 * argument; ttplan_*_last_error copies it out under a lock, so any thread may ask).
 *
 * Handles: a handle may be read from several threads at once (ttplan_plan, getters, render);
 * calls that change a profile need one thread at a time. Destroy functions take the address
 * of the handle, free it and set it to NULL; NULL and an already-NULL handle are fine.
 *
 * Strings returned through out-parameters belong to the handle (or, for the catalog and
 * version, to the library) and stay valid until the handle is destroyed. Dates are
 * "YYYY-MM-DD".
 *
 * For planning and education only: ttplan computes no doses; every date must be checked
 * against the treating team's protocol (ttplan_disclaimer()).
 */
#ifndef TTPLAN_H
#define TTPLAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is built with hidden visibility: exactly the functions declared here are exported. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

typedef int ttplan_status;

#define TTPLAN_OK 0
#define TTPLAN_ERROR (-1)                  /* a ttplan error of no narrower family (unknown format or built-in id) */
#define TTPLAN_ERROR_IO (-2)               /* a file that cannot be read or written */
#define TTPLAN_ERROR_PARSE (-3)            /* text that is not JSON */
#define TTPLAN_ERROR_VALIDATION (-4)       /* a protocol that breaks the format's rules */
#define TTPLAN_ERROR_PARAMETER (-5)        /* a parameter name or value the protocol does not declare */
#define TTPLAN_ERROR_PLANNING (-6)         /* planning failed for these inputs */
#define TTPLAN_ERROR_VALUE (-7)            /* a date, length or option value that does not parse */
#define TTPLAN_ERROR_INVALID_ARGUMENT (-8) /* a NULL pointer, an index out of range, a missing start */
#define TTPLAN_ERROR_OUT_OF_MEMORY (-9)
#define TTPLAN_ERROR_INTERNAL (-10) /* a bug in ttplan: please report it with the message */

typedef struct ttplan_protocol ttplan_protocol;
typedef struct ttplan_profile ttplan_profile;
typedef struct ttplan_schedule ttplan_schedule;
typedef struct ttplan_record ttplan_record;

/* ---- library ------------------------------------------------------------------------ */

/* "0.1.0" */
const char* ttplan_version(void);
/* The planning-and-education notice every output carries. */
const char* ttplan_disclaimer(void);
/* A constant name for a status: "ok", "io error", ..., "unknown status". */
const char* ttplan_status_string(ttplan_status status);

/* The message of the calling thread's last failed call ("" if none); successful calls leave
 * it alone. Valid until this thread's next failing call. */
const char* ttplan_last_error(void);
/* Where that error was, when known: file (or "builtin:<id>", "<string>"), JSON pointer, line
 * and column (0 = unknown). Any out-pointer may be NULL. Strings valid like the message. */
void ttplan_last_error_location(const char** file, const char** pointer, int* line, int* column);

/* Frees a buffer the library returned (ttplan_schedule_render, ttplan_record_to_json, ...);
 * NULL is fine. */
void ttplan_free(void* buffer);

/* ---- built-in catalog --------------------------------------------------------------- */

size_t ttplan_catalog_count(void);
/* id, title and one-line summary of built-in protocol `index` (< ttplan_catalog_count()).
 * The strings live as long as the program. Any out-pointer may be NULL. */
ttplan_status ttplan_catalog_entry(size_t index, const char** id, const char** title, const char** summary);
const char* ttplan_default_protocol_id(void);

/* ---- output formats ----------------------------------------------------------------- */

size_t ttplan_format_count(void);
/* Name (as ttplan_schedule_render takes it), file suffixes and one-line summary of output
 * format `index` (< ttplan_format_count()); index 0 is "text". suffixes: lower case with the
 * dot, separated by single spaces (".html .htm"; "" when the format has none). The strings
 * live as long as the program. Any out-pointer may be NULL. */
ttplan_status ttplan_format_info(size_t index, const char** name, const char** suffixes,
                                 const char** summary);
/* The name of the format one of whose suffixes ends the file name of `path`, ASCII case
 * ignored ("plan.JSON" -> "json"); NULL when the name has no suffix or one no format has
 * (not an error). The string lives as long as the program. */
ttplan_status ttplan_format_for_path(const char* path, const char** name);
/* 1 when format `index` (< ttplan_format_count()) writes bytes that are no text (PNG, PDF),
 * else 0; -1 for an index out of range. */
int ttplan_format_is_binary(size_t index);

/* ---- protocols ---------------------------------------------------------------------- */

/* A built-in protocol; id NULL = the default one. */
ttplan_status ttplan_protocol_load_builtin(const char* id, ttplan_protocol** out);
/* A protocol file (JSON, "format": "ttplan-protocol/2"; earlier versions are read too). */
ttplan_status ttplan_protocol_load_file(const char* path, ttplan_protocol** out);
/* Protocol JSON text, NUL-terminated. origin names it in error locations (NULL = "<string>"). */
ttplan_status ttplan_protocol_parse(const char* json_text, const char* origin, ttplan_protocol** out);
/* id, title, version. Any out-pointer may be NULL. */
ttplan_status ttplan_protocol_info(const ttplan_protocol* protocol, const char** id, const char** title,
                                   const char** version);
/* The protocol as canonical file text, malloc'd and NUL-terminated; free with ttplan_free.
 * length (may be NULL) receives strlen. */
ttplan_status ttplan_protocol_to_json(const ttplan_protocol* protocol, char** out, size_t* length);
/* The protocol in words, as `ttplan show` prints it: parameters with their allowed values and
 * defaults, phases, dependencies, tracks, notes, sources and the disclaimer. UTF-8, lines end
 * in '\n'; meant for people, so the wording may change between versions (read the model
 * through ttplan_protocol_to_json instead). malloc'd and NUL-terminated; free with ttplan_free.
 * length (may be NULL) receives strlen. Errors (kept in the handle):
 * TTPLAN_ERROR_INVALID_ARGUMENT for a NULL protocol or out; *out is NULL after any error. */
ttplan_status ttplan_protocol_describe(const ttplan_protocol* protocol, char** out, size_t* length);
/* Copies the handle's last error message into buffer (truncated, always NUL-terminated when
 * size > 0) and returns its full length, like snprintf. */
size_t ttplan_protocol_last_error(const ttplan_protocol* protocol, char* buffer, size_t size);
void ttplan_protocol_destroy(ttplan_protocol** protocol);

/* ---- profiles: one patient's inputs --------------------------------------------------- */

ttplan_status ttplan_profile_create(ttplan_profile** out);
/* A parameter value as text ("true", "dasatinib", "3"). Names and values are checked
 * against the protocol by ttplan_plan (TTPLAN_ERROR_PARAMETER). */
ttplan_status ttplan_profile_set_parameter(ttplan_profile* profile, const char* name, const char* value);
/* The first day of treatment, "YYYY-MM-DD" or year/month/day (TTPLAN_ERROR_VALUE if no such day). */
ttplan_status ttplan_profile_set_start(ttplan_profile* profile, const char* date);
ttplan_status ttplan_profile_set_start_ymd(ttplan_profile* profile, int year, int month, int day);
/* A phase (cycle 0 = its first cycle) actually started on `date`, or `days` late.
 * Downstream phases move with it. Unknown phases are reported by ttplan_plan. */
ttplan_status ttplan_profile_set_actual_start(ttplan_profile* profile, const char* phase, int cycle,
                                              const char* date);
ttplan_status ttplan_profile_set_delay(ttplan_profile* profile, const char* phase, int cycle, int days);
/* One fact of what happened, as `ttplan record add --KIND TEXT` takes it (docs/records.md,
 * "Facts as text"): kind "actual" ("consolidation=2027-02-15"), "delay" ("maintenance#3=7"),
 * "given" ("induction:22:Vincristine=2027-01-26"), "hold" ("induction:22:Vincristine"), "add",
 * "pause", "stop", "start-track", "stop-track" or "recovered". A decision ("decide") is a
 * parameter value here (ttplan_profile_set_parameter); a record keeps decisions with their
 * dates. Errors: TTPLAN_ERROR_VALUE for an unknown kind (listing them) or a text that does not
 * read (saying what is wrong), the profile unchanged. Facts naming what the plan does not have
 * are reported by ttplan_plan. */
ttplan_status ttplan_profile_add_fact(ttplan_profile* profile, const char* kind, const char* text);
/* The clinic calendar: a closed weekday (0 = Sunday ... 6 = Saturday), a holiday, and what
 * events of a category ("all" = the default) do on a closed day: "next", "previous", "keep".
 * ttplan_profile_set_shift fails with TTPLAN_ERROR_VALUE for another rule, then for an unknown
 * category, with the message `ttplan plan --shift` gives, listing the words allowed. */
ttplan_status ttplan_profile_set_closed_weekday(ttplan_profile* profile, int weekday, int closed);
ttplan_status ttplan_profile_add_holiday(ttplan_profile* profile, const char* date);
ttplan_status ttplan_profile_set_shift(ttplan_profile* profile, const char* category, const char* rule);
size_t ttplan_profile_last_error(const ttplan_profile* profile, char* buffer, size_t size);
void ttplan_profile_destroy(ttplan_profile** profile);

/* ---- planning ----------------------------------------------------------------------- */

/* Plans `protocol` for `profile` (which needs a start date). The error, if any, is kept in
 * the protocol handle. */
ttplan_status ttplan_plan(const ttplan_protocol* protocol, const ttplan_profile* profile, ttplan_schedule** out);

/* ---- schedules ---------------------------------------------------------------------- */

typedef struct ttplan_phase_info {
    const char* phase; /* phase id */
    const char* name;
    const char* kind;
    int cycle;           /* 1-based for repeated phases, 0 otherwise */
    const char* variant; /* "" when none */
    const char* first;   /* inclusive */
    const char* last;    /* inclusive */
    int first_day;       /* day number of `first` */
    int days;
    int tentative; /* starts on a clinically gated date or after one, or moves with an uncertain length */
    /* Why it ends where it does: "none" (it ran its course), "limit" (an until limit cut this
     * last cycle), "switch" (the plan switched to another protocol the next day). */
    const char* ending;
    const char* protocol; /* id of the protocol this occurrence belongs to (never "") */
    size_t segment;       /* index of its segment (ttplan_schedule_segment) */
    /* Decisions not taken yet that it waits on: parameter names separated by commas, "" when
     * none (it ends after a pending decision; see ttplan_schedule_decision). */
    const char* pending;
    /* When a dependency lets it start later ("within 1 month"): the earliest and latest start
     * dates; both NULL otherwise. */
    const char* start_earliest;
    const char* start_latest;
    /* Where an uncertain length ("2-6 weeks, usually 4") lies upstream or is its own: the
     * earliest and latest dates its first and last day may fall on; each pair NULL when that day
     * cannot move. (start_earliest/start_latest above are the window a dependency allows.) */
    const char* earliest_start;
    const char* latest_start;
    const char* earliest_end;
    const char* latest_end;
    /* When that window lists its dates ("or 1 or 2 weeks later"): every date it may start on,
     * ascending, "2027-02-02,2027-02-09,2027-02-16" (start_earliest and start_latest are the
     * first and last); "" for a range or no window. */
    const char* start_dates;
} ttplan_phase_info;

/* Times within a day, as the protocol gives them (see docs/semantics.md, "Times within a day").
 * Every field is 0, "" or NULL when the protocol says only the day. */
typedef struct ttplan_timing_info {
    int per_day;           /* doses a day (from per_day, every_hours or the clock times); 0 = not stated */
    int every_hours;       /* every N hours; 0 = not stated */
    const char* times;     /* clock times, "08:00,20:00" (ascending, local wall-clock time); "" when none */
    long duration_minutes; /* of each dose, or of a continuous infusion; 0 = not stated */
    const char* after_activity; /* the activity this one follows ("after"), NULL when none */
    int after_hours;            /* hours after each event of after_activity */
} ttplan_timing_info;

typedef struct ttplan_event_info {
    const char* date;
    const char* phase;
    int cycle; /* 0 = not repeated */
    int day;   /* day number in the phase's numbering */
    const char* activity;
    const char* category;     /* "chemotherapy", "intrathecal", ... */
    int tentative;
    const char* planned_date; /* NULL unless the clinic calendar moved the event */
    const char* note;
    const char* protocol; /* id of the protocol this event belongs to (never "") */
    size_t segment;       /* index of its segment (ttplan_schedule_segment) */
    const char* pending;  /* as for ttplan_phase_info: "" or "name,name" */
    ttplan_timing_info timing;
    /* When the protocol lets it move ("Day 4, 5 or 6"): the dates it may fall on, within its
     * cycle; both NULL otherwise. */
    const char* window_earliest;
    const char* window_latest;
    /* As for ttplan_phase_info: the dates an uncertain length upstream may move it to; both
     * NULL when it cannot move. */
    const char* earliest_date;
    const char* latest_date;
    /* When the window lists its dates ("Day 8 or Day 15"): every date it may fall on,
     * ascending, "2027-01-11,2027-01-18" (the planned date among them); "" for a range or no
     * window. */
    const char* window_dates;
} ttplan_event_info;

/* A span, a continuous stretch: a protocol track (phase "") or continuous therapy in a phase. */
typedef struct ttplan_span_info {
    const char* activity;
    const char* category;
    const char* first;
    const char* last;
    const char* phase;
    int cycle;
    int first_day;
    int last_day;
    int days;
    int tentative;
    const char* note;
    const char* ending;   /* "none", or "switch": it ends early because the plan switched protocol */
    const char* protocol; /* id of the protocol this stretch belongs to (never "") */
    size_t segment;       /* index of its segment (ttplan_schedule_segment) */
    const char* pending;  /* as for ttplan_phase_info: "" or "name,name" */
    ttplan_timing_info timing; /* after_activity is always NULL on a span */
    /* As for ttplan_phase_info: NULL pairs when its first or last day cannot move. */
    const char* earliest_start;
    const char* latest_start;
    const char* earliest_end;
    const char* latest_end;
} ttplan_span_info;

/* First and last planned day, and the days from one to the other inclusive. Any out-pointer
 * may be NULL. */
ttplan_status ttplan_schedule_dates(const ttplan_schedule* schedule, const char** start, const char** end,
                                    long* total_days);
/* Where uncertain lengths may put the end of the plan: the earliest and latest dates, both
 * set to NULL when the end cannot move. Any out-pointer may be NULL. */
ttplan_status ttplan_schedule_possible_end(const ttplan_schedule* schedule, const char** earliest,
                                           const char** latest);
size_t ttplan_schedule_phase_count(const ttplan_schedule* schedule);
ttplan_status ttplan_schedule_phase(const ttplan_schedule* schedule, size_t index, ttplan_phase_info* out);
size_t ttplan_schedule_event_count(const ttplan_schedule* schedule);
ttplan_status ttplan_schedule_event(const ttplan_schedule* schedule, size_t index, ttplan_event_info* out);
size_t ttplan_schedule_span_count(const ttplan_schedule* schedule);
ttplan_status ttplan_schedule_span(const ttplan_schedule* schedule, size_t index, ttplan_span_info* out);

/* A decision taken during treatment: a parameter the protocol decides at a phase day. Until
 * the profile gives its value, the plan follows `assumed` (the default) and it is pending. */
typedef struct ttplan_decision_info {
    const char* parameter;
    const char* date;
    const char* phase; /* the phase id it is taken in */
    int cycle;         /* 0 = not repeated */
    int day;           /* its day number in that phase */
    const char* decided_by;
    const char* value;   /* NULL while pending */
    const char* assumed; /* the branch the plan follows */
    int pending;
    int tentative; /* its date follows a clinical gate */
    const char* protocol;
    size_t segment;
    size_t option_count; /* see ttplan_schedule_decision_option */
    const char* earliest_date; /* as for ttplan_event_info: NULL when its date cannot move */
    const char* latest_date;
} ttplan_decision_info;

size_t ttplan_schedule_decision_count(const ttplan_schedule* schedule);
ttplan_status ttplan_schedule_decision(const ttplan_schedule* schedule, size_t index,
                                       ttplan_decision_info* out);
/* Option `index` (< option_count, in declaration order) of decision `decision`. */
ttplan_status ttplan_schedule_decision_option(const ttplan_schedule* schedule, size_t decision, size_t index,
                                              const char** option);

/* ---- continuations: a plan that switches to another protocol -------------------------- */

/* One protocol's stretch of a schedule: the main protocol from the plan start, then each
 * protocol the plan continued with (ttplan_schedule_continue), in order. */
typedef struct ttplan_segment_info {
    const char* protocol; /* id */
    const char* title;
    const char* version;
    const char* start;    /* the day this protocol's plan starts */
    const char* reason;   /* why it starts there; "" for the first */
    size_t parameter_count;
} ttplan_segment_info;

/* One segment per protocol in the plan, the main one first (at least 1; 0 for NULL). */
size_t ttplan_schedule_segment_count(const ttplan_schedule* schedule);
ttplan_status ttplan_schedule_segment(const ttplan_schedule* schedule, size_t index, ttplan_segment_info* out);
/* Parameter `index` (< parameter_count, in name order) of segment `segment`: resolved values,
 * defaults filled in. Any out-pointer may be NULL. */
ttplan_status ttplan_schedule_segment_parameter(const ttplan_schedule* schedule, size_t segment, size_t index,
                                                const char** name, const char** value);

/* Where the next protocol starts (the `at` of ttplan_schedule_continue). */
#define TTPLAN_SWITCH_AFTER_END 0   /* the day after the plan so far ends; `where` unused (may be NULL) */
#define TTPLAN_SWITCH_AFTER_PHASE 1 /* the day after the last occurrence of phase `where` ends */
#define TTPLAN_SWITCH_ON_DATE 2     /* on date `where` ("YYYY-MM-DD"); the plan so far is cut there */

/* Continues `so_far` with protocol `next` into a new schedule `out` (so_far is unchanged).
 * The plan so far is cut at the switch date D: a phase occurrence or span running across D
 * ends on D-1 and is marked cut; events on or after D are dropped. `next` is planned from D
 * and gets a segment; the main protocol, its parameters and the start stay so_far's.
 * reason: recorded in the segment; NULL or "" = a description of the switch.
 * profile: `next`'s parameters, actual starts and delays, and clinic calendar (its start date
 * is ignored and need not be set); NULL = defaults and no clinic calendar.
 * Errors (kept in the so_far handle): TTPLAN_ERROR_INVALID_ARGUMENT for a NULL so_far, next
 * or out, an unknown `at`, or a NULL or empty `where` for AFTER_PHASE / ON_DATE;
 * TTPLAN_ERROR_VALUE for a date that does not parse; TTPLAN_ERROR_PLANNING for a date before
 * the plan starts or a phase the plan so far does not have (the message lists its phases);
 * TTPLAN_ERROR_PARAMETER for a parameter `next` does not declare. */
ttplan_status ttplan_schedule_continue(const ttplan_schedule* so_far, int at, const char* where, const char* reason,
                                       const ttplan_protocol* next, const ttplan_profile* profile,
                                       ttplan_schedule** out);

/* Output options; ttplan_render_options_init fills the defaults. */
typedef struct ttplan_render_options {
    const char* calendar_id;   /* iCalendar: opaque id the UIDs derive from; NULL or "" (the default) =
                                * derived from the plan's protocols, parameters and start date, so it
                                * changes when they do: give one to keep UIDs across such re-plans */
    const char* calendar_name; /* NULL = the protocol title */
    int has_timestamp;         /* 0: DTSTAMP is the start date (the environment is never read) */
    int64_t timestamp;         /* seconds since 1970 */
    int32_t sequence;          /* the caller's revision of this plan */
    int csv_phases;            /* CSV: one row per phase occurrence and span, not per event */
    const char* time_zone;     /* iCalendar: zone of clock times ("Europe/Berlin"); NULL or "" = floating
                                * local times. An unknown zone fails rendering with TTPLAN_ERROR_VALUE. */
    /* iCalendar: the schedule the previous revision of this calendar was written from (same
     * options); its items this schedule no longer has are written as STATUS:CANCELLED events
     * with their old UIDs and dates, so an import removes them. Borrowed; NULL = none. */
    const struct ttplan_schedule* previous;
    /* iCalendar: reminders, remind_count lengths before each treatment day as `ttplan plan
     * --remind` takes them ("30m", "2h", "1d", "1w"; 1 minute to 4 weeks, at most 10 different;
     * equal lengths make one alarm): every treatment-day event gets one VALARM per length (an
     * all-day event counts from the start of its day); phases, spans, timed doses and cancelled
     * events get none. Borrowed; NULL and 0 = none. A length that does not read, or reminders
     * with a format other than "ics", fail rendering with TTPLAN_ERROR_VALUE naming remind[i]
     * (or remind); a NULL remind with a remind_count other than 0, or a NULL length, with
     * TTPLAN_ERROR_INVALID_ARGUMENT. */
    const char* const* remind;
    size_t remind_count;
    /* Text, md and html: the reader's day, "YYYY-MM-DD" as ttplan_profile_set_start takes it, for
     * a "What's next" section and, in html, a today line and today marked in the month grids.
     * NULL = none (the library never reads the clock). Other formats ignore it. A date that does
     * not read fails rendering with TTPLAN_ERROR_VALUE naming today. Borrowed. */
    const char* today;
    /* "page" (the one-page PDF summary): the paper, "a4" or "letter", and its orientation,
     * "landscape" or "portrait"; NULL = A4, landscape. A value that does not read, or either
     * with a format other than "page", fails rendering with TTPLAN_ERROR_VALUE naming paper or
     * orientation. */
    const char* paper;
    const char* orientation;
    /* The language of the fixed texts of the human formats and, where the protocol translates
     * them, of its own texts: a code of `ttplan languages` ("en", "es", "fr"); NULL or "" =
     * English. json and csv are the same in every language; ics keeps the protocol's names (its
     * UIDs do not change). An unknown code fails rendering with TTPLAN_ERROR_VALUE naming
     * language. Borrowed. */
    const char* language;
} ttplan_render_options;

void ttplan_render_options_init(ttplan_render_options* options);

/* The schedule in the named format ("text", "json", "ics", ...) into a malloc'd,
 * NUL-terminated buffer; free it with ttplan_free. options NULL = defaults; length may be NULL.
 * "png", "pdf" and "page" are binary (ttplan_format_is_binary): they hold NUL bytes, so read
 * *length bytes. */
ttplan_status ttplan_schedule_render(const ttplan_schedule* schedule, const char* format,
                                     const ttplan_render_options* options, char** out, size_t* length);
/* The same, written to `path` atomically (a failure leaves any existing file untouched). */
ttplan_status ttplan_schedule_write(const ttplan_schedule* schedule, const char* format,
                                    const ttplan_render_options* options, const char* path);
/* How long each phase and the whole treatment take, as `ttplan summary` prints it: the
 * protocol and its parameters, each protocol the plan continued with, a table of phases
 * (days, share, dates, cycles), the whole treatment's dates and length in words, and the
 * disclaimer. UTF-8, lines end in '\n'; meant for people (for figures, read the phases and
 * segments). malloc'd and NUL-terminated; free with ttplan_free. length (may be NULL)
 * receives strlen. Errors (kept in the handle): TTPLAN_ERROR_INVALID_ARGUMENT for a NULL
 * schedule or out; *out is NULL after any error. */
ttplan_status ttplan_schedule_summary_text(const ttplan_schedule* schedule, char** out, size_t* length);
/* What changed from `before` to `after`, item by item, as a calendar client sees it: items
 * matched by the UIDs ttplan_schedule_render writes for "ics" with the same calendar_id (NULL
 * or "" = each plan's derived id), listed when moved (other dates), added or removed.
 * format: "text" (one line per change, "No changes." when none) or "json" (ttplan-changes/1,
 * schema/changes.schema.json). malloc'd and NUL-terminated; free with ttplan_free. length (may
 * be NULL) receives strlen. Errors (kept in the `before` handle): TTPLAN_ERROR_INVALID_ARGUMENT
 * for a NULL schedule or out or another format; TTPLAN_ERROR_VALUE for a calendar_id
 * rendering refuses. *out is NULL after any error. */
ttplan_status ttplan_schedule_changes(const ttplan_schedule* before, const ttplan_schedule* after,
                                      const char* calendar_id, const char* format, char** out, size_t* length);
size_t ttplan_schedule_last_error(const ttplan_schedule* schedule, char* buffer, size_t size);
void ttplan_schedule_destroy(ttplan_schedule** schedule);

/* ---- treatment records: one patient's plan that follows the patient ------------------- */

/* A record (docs/records.md, "ttplan-record/1") pins a copy of its protocol, keeps the start date
 * and parameter values it was made with, a random calendar id, and an append-only history of
 * facts by revision. Revisions record when they were made: seconds since 1970-01-01T00:00:00Z.
 * Records change only by ttplan_record_add (one thread at a time, like profiles). */

/* A new record, revision 1: `protocol` copied into it as it is now (its origin is where the
 * handle came from: "builtin:<id>", the file path, or the parse origin), the start date and
 * parameter values of `profile` (its facts and clinic calendar are not part of a record: add
 * facts with ttplan_record_add). Errors (kept in the protocol handle): TTPLAN_ERROR_INVALID_ARGUMENT
 * for a NULL argument or a profile without a start; TTPLAN_ERROR_PARAMETER for values the
 * protocol does not allow; TTPLAN_ERROR_PLANNING when it cannot be planned from that start;
 * TTPLAN_ERROR_VALUE for a time outside 1970..9999. */
ttplan_status ttplan_record_create(const ttplan_protocol* protocol, const ttplan_profile* profile,
                                   int64_t recorded_at, ttplan_record** out);
/* A record file, or record JSON text (origin names it in error locations; NULL = "<string>").
 * Errors: TTPLAN_ERROR_IO, TTPLAN_ERROR_PARSE (line and column), TTPLAN_ERROR_VALIDATION (every
 * problem by file, JSON pointer and line; ttplan_last_error_location gives the first). */
ttplan_status ttplan_record_load_file(const char* path, ttplan_record** out);
ttplan_status ttplan_record_parse(const char* json_text, const char* origin, ttplan_record** out);
/* The record's calendar id (32 hex digits), the pinned protocol's id, version and origin, the
 * start date and the last revision number. Any out-pointer may be NULL. */
ttplan_status ttplan_record_info(const ttplan_record* record, const char** calendar_id, const char** protocol_id,
                                 const char** protocol_version, const char** origin, const char** start,
                                 int32_t* revision);
/* Records one new revision holding `count` (>= 1) facts: kinds[i] and texts[i] as for
 * ttplan_profile_add_fact, and "decide" ("induction_response=mrd_positive@2027-02-01"), whose
 * decided_by says what decided it (NULL = not said). All or nothing: after any error the record
 * is as it was. Errors (kept in the record handle): TTPLAN_ERROR_VALUE for a kind or text that
 * does not read, located at "facts[i]" (the location's file); and the record's refusals, located
 * at the JSON pointer the fact would have had ("/history/2/facts/0"): TTPLAN_ERROR_PARAMETER for
 * a decision on a parameter that is not decided during treatment, or a value it does not
 * allow; TTPLAN_ERROR_PLANNING for a fact naming what the plan does not have, or an actual start
 * earlier than the phase it depends on. */
ttplan_status ttplan_record_add(ttplan_record* record, size_t count, const char* const* kinds,
                                const char* const* texts, const char* decided_by, int64_t recorded_at);
/* Re-pins the record to `protocol` (another edition of the same protocol), as one new revision;
 * the whole history is planned with it first. Errors as ttplan_record_add's, and
 * TTPLAN_ERROR_VALUE for the edition already pinned or another protocol. */
ttplan_status ttplan_record_repin(ttplan_record* record, const ttplan_protocol* protocol, int64_t recorded_at);
/* The record file text (canonical: ttplan_record_parse reads it back to the same record), or
 * the record written to `path` atomically (a failure leaves any existing file untouched). */
ttplan_status ttplan_record_to_json(const ttplan_record* record, char** out, size_t* length);
ttplan_status ttplan_record_save(const ttplan_record* record, const char* path);
/* The record for people, as `ttplan record show` prints it; free with ttplan_free. */
ttplan_status ttplan_record_describe(const ttplan_record* record, char** out, size_t* length);
/* When the built-in the record was pinned from has changed since (the record still plans with its
 * copy): a one-line message saying what changed and how to move on; NULL when it has not, or the
 * record was made from a file. Valid until the next call on the handle. */
ttplan_status ttplan_record_builtin_changed(const ttplan_record* record, const char** message);
/* The plan as it stood after revision `revision` (0 = the last). clinic: the clinic calendar of
 * that profile (closed days, holidays, shift rules); its start, parameters and facts are not
 * read; NULL = none. Errors: TTPLAN_ERROR_VALUE for a revision the record does not have (naming
 * the ones it has). */
ttplan_status ttplan_record_plan(const ttplan_record* record, int32_t revision, const ttplan_profile* clinic,
                                 ttplan_schedule** out);
/* The record's plan in a format, as `ttplan plan FILE` writes it: the record's calendar id,
 * SEQUENCE its last revision, DTSTAMP the options' timestamp or else the time of the last
 * revision, and (iCalendar) what earlier revisions had and the last has not, as cancelled
 * events. options: calendar_id, sequence and previous must be unset (TTPLAN_ERROR_VALUE), the
 * record gives them; NULL = defaults. ttplan_record_write writes it to `path` atomically. */
ttplan_status ttplan_record_render(const ttplan_record* record, const char* format,
                                   const ttplan_render_options* options, const ttplan_profile* clinic, char** out,
                                   size_t* length);
ttplan_status ttplan_record_write(const ttplan_record* record, const char* format,
                                  const ttplan_render_options* options, const ttplan_profile* clinic,
                                  const char* path);
/* What the last revision's plan changed against the plan after revision `since` (0 = the one
 * before the last, or 1), as ttplan_schedule_changes lists it with the record's calendar id.
 * format: "text" or "json". */
ttplan_status ttplan_record_changes(const ttplan_record* record, int32_t since, const ttplan_profile* clinic,
                                    const char* format, char** out, size_t* length);
size_t ttplan_record_last_error(const ttplan_record* record, char* buffer, size_t size);
void ttplan_record_destroy(ttplan_record** record);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* TTPLAN_H */
