/* Exercises every function of the C API, and every error path, from C99.
 * usage: test_c_api SOURCE_DIR SCRATCH_DIR */
#include <ttplan.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        ++checks;                                                                \
        if (!(cond)) {                                                           \
            ++failures;                                                          \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/* A call expected to fail with `status`, its message containing `needle`. */
#define CHECK_FAILS(call, status, needle)                                                  \
    do {                                                                                   \
        ttplan_status s_ = (call);                                                         \
        ++checks;                                                                          \
        if (s_ != (status) || strstr(ttplan_last_error(), (needle)) == NULL) {             \
            ++failures;                                                                    \
            fprintf(stderr, "%s:%d: %s gave %d (%s) \"%s\", expected %d and \"%s\"\n", __FILE__, \
                    __LINE__, #call, s_, ttplan_status_string(s_), ttplan_last_error(), (status), \
                    (needle));                                                             \
        }                                                                                  \
    } while (0)

#define CHECK_OK(call) CHECK_FAILS(call, TTPLAN_OK, "")

static int contains(const char* haystack, const char* needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* An item's ending is "none" unless something stopped it early ("limit", "switch"). */
static int ended_early(const char* ending) {
    return ending != NULL && strcmp(ending, "none") != 0;
}

static const char* source_dir;
static const char* scratch_dir;

static void path_in(char* out, size_t size, const char* dir, const char* name) {
    snprintf(out, size, "%s/%s", dir, name);
}

static char* read_file(const char* path) {
    FILE* f = fopen(path, "rb");
    long n;
    char* text;
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)n + 1);
    if (text != NULL && fread(text, 1, (size_t)n, f) == (size_t)n) {
        text[n] = '\0';
    } else {
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

/* Day of the week of "YYYY-MM-DD", 0 = Sunday (Sakamoto's method). */
static int weekday_of(const char* date) {
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (m < 3) y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* The day after "YYYY-MM-DD" into out (40 bytes leave room for any int, so no truncation warning). */
static void next_day(const char* date, char* out, size_t size) {
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, last;
    if (date == NULL || strlen(date) != 10) { /* an earlier check failed; keep going without crashing */
        if (size > 0) out[0] = '\0';
        return;
    }
    y = atoi(date);
    m = atoi(date + 5);
    d = atoi(date + 8);
    if (m < 1 || m > 12) m = 1;
    last = month_days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (++d > last) {
        d = 1;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}

/* tests/golden/<name>: the texts the CLI prints, which the C API must give byte for byte.
 * NULL when unreadable; free it. */
static char* golden_text(const char* name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/golden/%s", source_dir, name);
    return read_file(path);
}

static const char two_phases[] =
    "{\"format\": \"ttplan-protocol/1\", \"id\": \"two\", \"title\": \"Two phases\", \"phases\": ["
    "{\"id\": \"a\", \"name\": \"A\", \"length\": \"7d\","
    " \"activities\": [{\"name\": \"Pill\", \"category\": \"chemotherapy\", \"days\": \"1,3\"}]},"
    "{\"id\": \"b\", \"name\": \"B\", \"length\": \"7d\","
    " \"activities\": [{\"name\": \"Scan\", \"category\": \"assessment\", \"days\": \"7\"}]}],"
    " \"dependencies\": [{\"from\": \"a\", \"to\": \"b\"}%s]}";

static void test_library(void) {
    CHECK(strcmp(ttplan_version(), "") != 0);
    CHECK(contains(ttplan_disclaimer(), "planning and education"));
    CHECK(strcmp(ttplan_status_string(TTPLAN_OK), "ok") == 0);
    CHECK(strcmp(ttplan_status_string(TTPLAN_ERROR_VALIDATION), "validation error") == 0);
    CHECK(strcmp(ttplan_status_string(TTPLAN_ERROR_INTERNAL), "internal error") == 0);
    CHECK(strcmp(ttplan_status_string(42), "unknown status") == 0);
    ttplan_free(NULL);
}

static void test_catalog(void) {
    size_t n = ttplan_catalog_count(), i;
    int found_default = 0;
    const char *id = NULL, *title = NULL, *summary = NULL;
    CHECK(n >= 1);
    for (i = 0; i < n; ++i) {
        CHECK_OK(ttplan_catalog_entry(i, &id, &title, &summary));
        CHECK(id != NULL && title != NULL && summary != NULL && title[0] != '\0');
        if (strcmp(id, ttplan_default_protocol_id()) == 0) found_default = 1;
    }
    CHECK(found_default);
    CHECK_OK(ttplan_catalog_entry(0, NULL, NULL, NULL));
    CHECK_FAILS(ttplan_catalog_entry(n, &id, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "out of range");
}

static void test_formats(void) {
    size_t n = ttplan_format_count(), i;
    int found_html = 0, found_calendar = 0;
    const char *name = NULL, *suffixes = NULL, *summary = NULL;
    CHECK(n >= 7);
    CHECK_OK(ttplan_format_info(0, &name, NULL, NULL));
    CHECK(strcmp(name, "text") == 0);
    for (i = 0; i < n; ++i) {
        CHECK_OK(ttplan_format_info(i, &name, &suffixes, &summary));
        CHECK(name != NULL && suffixes != NULL && summary != NULL && summary[0] != '\0');
        if (strcmp(name, "html") == 0) found_html = strcmp(suffixes, ".html .htm") == 0;
        if (strcmp(name, "calendar") == 0) found_calendar = suffixes[0] == '\0';
    }
    CHECK(found_html && found_calendar);
    CHECK_FAILS(ttplan_format_info(n, &name, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "out of range");
    CHECK_OK(ttplan_format_for_path("out/PLAN.Markdown", &name));
    CHECK(name != NULL && strcmp(name, "md") == 0);
    CHECK_OK(ttplan_format_for_path("plan.docx", &name));
    CHECK(name == NULL);
    CHECK_OK(ttplan_format_for_path("plan", &name));
    CHECK(name == NULL);
    CHECK_FAILS(ttplan_format_for_path(NULL, &name), TTPLAN_ERROR_INVALID_ARGUMENT, "path");
    CHECK_FAILS(ttplan_format_for_path("plan.json", NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
}

static void test_protocols(void) {
    ttplan_protocol *p = NULL, *q = NULL;
    const char *id, *title, *version, *file, *pointer;
    char *json = NULL, *expected, path[1024], buffer[8];
    size_t length = 0, full;
    int line, column;
    char cyclic[2048];
    FILE* f;

    CHECK_OK(ttplan_protocol_load_builtin(NULL, &p));
    CHECK_OK(ttplan_protocol_info(p, &id, &title, &version));
    CHECK(strcmp(id, ttplan_default_protocol_id()) == 0 && title[0] != '\0' && version[0] != '\0');
    CHECK_OK(ttplan_protocol_info(p, NULL, NULL, NULL));

    /* The canonical text parses back to the same protocol. */
    CHECK_OK(ttplan_protocol_to_json(p, &json, &length));
    CHECK(json != NULL && strlen(json) == length && contains(json, "ttplan-protocol/2"));
    CHECK_OK(ttplan_protocol_parse(json, "copy.json", &q));
    CHECK_OK(ttplan_protocol_info(q, &id, NULL, NULL));
    CHECK(strcmp(id, ttplan_default_protocol_id()) == 0);
    ttplan_free(json);
    ttplan_protocol_destroy(&q);
    ttplan_protocol_destroy(&p);
    CHECK(p == NULL);

    /* In words, exactly as `ttplan show all-overview` prints it. */
    CHECK_OK(ttplan_protocol_load_builtin("all-overview", &p));
    expected = golden_text("all-overview.show.txt");
    CHECK(expected != NULL);
    CHECK_OK(ttplan_protocol_describe(p, &json, &length));
    CHECK(json != NULL && expected != NULL && strcmp(json, expected) == 0 && strlen(json) == length);
    free(expected);
    ttplan_free(json);
    CHECK_OK(ttplan_protocol_describe(p, &json, NULL));
    CHECK(contains(json, ttplan_disclaimer()));
    ttplan_free(json);
    CHECK_FAILS(ttplan_protocol_describe(p, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "output pointer");
    ttplan_protocol_destroy(&p);
    json = NULL;
    CHECK_FAILS(ttplan_protocol_describe(NULL, &json, NULL), TTPLAN_ERROR_INVALID_ARGUMENT,
                "protocol is NULL");
    CHECK(json == NULL);

    CHECK_OK(ttplan_protocol_load_builtin("all-overview", &p));
    ttplan_protocol_destroy(&p);
    CHECK_FAILS(ttplan_protocol_load_builtin("no-such-protocol", &p), TTPLAN_ERROR, "all-overview");
    CHECK(p == NULL);

    path_in(path, sizeof path, source_dir, "protocols/all-overview.json");
    CHECK_OK(ttplan_protocol_load_file(path, &p));
    ttplan_protocol_destroy(&p);

    path_in(path, sizeof path, scratch_dir, "no-such-file.json");
    CHECK_FAILS(ttplan_protocol_load_file(path, &p), TTPLAN_ERROR_IO, "no-such-file.json");
    CHECK(p == NULL);

    /* Malformed JSON: a parse error with its line, from a string and from a file. */
    CHECK_FAILS(ttplan_protocol_parse("{\n  \"format\": \"ttplan-protocol/1\",\n  oops\n}\n", NULL, &p),
                TTPLAN_ERROR_PARSE, "<string>");
    ttplan_last_error_location(&file, &pointer, &line, &column);
    CHECK(strcmp(file, "<string>") == 0 && line == 3 && column > 0 && pointer != NULL);
    ttplan_last_error_location(NULL, NULL, NULL, NULL);
    path_in(path, sizeof path, scratch_dir, "malformed.json");
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs("{\"format\": \"ttplan-protocol/1\",\n\"id\": }\n", f);
        fclose(f);
    }
    CHECK_FAILS(ttplan_protocol_load_file(path, &p), TTPLAN_ERROR_PARSE, "malformed.json:2");

    /* A dependency cycle is a validation error naming the phases. */
    snprintf(cyclic, sizeof cyclic, two_phases, "");
    CHECK_OK(ttplan_protocol_parse(cyclic, NULL, &p));
    ttplan_protocol_destroy(&p);
    snprintf(cyclic, sizeof cyclic, two_phases, ", {\"from\": \"b\", \"to\": \"a\"}");
    CHECK_FAILS(ttplan_protocol_parse(cyclic, "cyclic.json", &p), TTPLAN_ERROR_VALIDATION, "cycle");
    CHECK(contains(ttplan_last_error(), "cyclic.json"));
    ttplan_last_error_location(&file, &pointer, NULL, NULL);
    CHECK(strcmp(file, "cyclic.json") == 0 && pointer[0] == '/');

    /* NULL arguments. */
    CHECK_FAILS(ttplan_protocol_load_builtin(NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_protocol_load_file(NULL, &p), TTPLAN_ERROR_INVALID_ARGUMENT, "path is NULL");
    CHECK_FAILS(ttplan_protocol_parse(NULL, NULL, &p), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_protocol_info(NULL, &id, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "protocol is NULL");
    CHECK_FAILS(ttplan_protocol_to_json(NULL, &json, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK(json == NULL);
    CHECK(ttplan_protocol_last_error(NULL, buffer, sizeof buffer) == 0 && buffer[0] == '\0');

    /* The handle keeps its own last error; copies truncate like snprintf. */
    CHECK_OK(ttplan_protocol_load_builtin(NULL, &p));
    CHECK(ttplan_protocol_last_error(p, buffer, sizeof buffer) == 0);
    CHECK_FAILS(ttplan_protocol_to_json(p, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "output pointer");
    full = ttplan_protocol_last_error(p, buffer, sizeof buffer);
    CHECK(full == strlen(ttplan_last_error()) && strlen(buffer) == sizeof buffer - 1);
    CHECK(strncmp(buffer, ttplan_last_error(), sizeof buffer - 1) == 0);
    CHECK(ttplan_protocol_last_error(p, NULL, 0) == full);

    /* Destroying twice, or nothing, is harmless. */
    ttplan_protocol_destroy(&p);
    ttplan_protocol_destroy(&p);
    ttplan_protocol_destroy(NULL);
    CHECK(p == NULL);
}

static void test_profile_errors(void) {
    ttplan_profile* pr = NULL;
    char message[256];
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_FAILS(ttplan_profile_set_start(pr, "2027-02-30"), TTPLAN_ERROR_VALUE, "2027-02-30");
    CHECK(ttplan_profile_last_error(pr, message, sizeof message) > 0 && contains(message, "2027-02-30"));
    CHECK_FAILS(ttplan_profile_set_start(pr, "next week"), TTPLAN_ERROR_VALUE, "next week");
    CHECK_FAILS(ttplan_profile_set_start_ymd(pr, 2027, 2, 30), TTPLAN_ERROR_VALUE, "2027-2-30");
    CHECK_FAILS(ttplan_profile_set_start_ymd(pr, 2027, 13, 1), TTPLAN_ERROR_VALUE, "month");
    CHECK_FAILS(ttplan_profile_set_start_ymd(pr, 10000, 1, 1), TTPLAN_ERROR_VALUE, "9999");
    CHECK_FAILS(ttplan_profile_set_start_ymd(pr, 2027, -1, 1), TTPLAN_ERROR_VALUE, "2027--1-1");
    CHECK_FAILS(ttplan_profile_set_actual_start(pr, "induction", 0, "2027-13-01"), TTPLAN_ERROR_VALUE, "2027-13-01");
    CHECK_FAILS(ttplan_profile_set_actual_start(pr, "induction", -1, "2027-01-01"), TTPLAN_ERROR_INVALID_ARGUMENT,
                "cycle");
    CHECK_FAILS(ttplan_profile_set_delay(pr, "induction", 0, 5000), TTPLAN_ERROR_VALUE, "5000");
    CHECK_FAILS(ttplan_profile_set_closed_weekday(pr, 7, 1), TTPLAN_ERROR_INVALID_ARGUMENT, "weekday");
    CHECK_FAILS(ttplan_profile_add_holiday(pr, "2027-02-29"), TTPLAN_ERROR_VALUE, "2027-02-29");
    CHECK_FAILS(ttplan_profile_set_shift(pr, "chemo", "next"), TTPLAN_ERROR_VALUE, "chemotherapy");
    CHECK_FAILS(ttplan_profile_set_shift(pr, "all", "later"), TTPLAN_ERROR_VALUE, "next, previous, keep");
    /* The words and messages of the command line's --shift, the rule checked first. */
    CHECK_FAILS(ttplan_profile_set_shift(pr, "chemo", "later"), TTPLAN_ERROR_VALUE,
                "unknown shift rule \"later\"; allowed: next, previous, keep");
    CHECK_FAILS(ttplan_profile_set_shift(pr, "chemo", "next"), TTPLAN_ERROR_VALUE,
                "unknown category \"chemo\"; allowed: all, chemotherapy, ");
    CHECK_FAILS(ttplan_profile_set_shift(pr, "all", "Next"), TTPLAN_ERROR_VALUE, "\"Next\"");

    CHECK_FAILS(ttplan_profile_create(NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_parameter(NULL, "a", "b"), TTPLAN_ERROR_INVALID_ARGUMENT, "profile is NULL");
    CHECK_FAILS(ttplan_profile_set_parameter(pr, NULL, "b"), TTPLAN_ERROR_INVALID_ARGUMENT, "name is NULL");
    CHECK_FAILS(ttplan_profile_set_parameter(pr, "a", NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "value is NULL");
    CHECK_FAILS(ttplan_profile_set_start(pr, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_start(NULL, "2027-01-04"), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_start_ymd(NULL, 2027, 1, 4), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_actual_start(pr, NULL, 0, "2027-01-04"), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_delay(NULL, "a", 0, 1), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_closed_weekday(NULL, 0, 1), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_add_holiday(pr, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_profile_set_shift(pr, NULL, "next"), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK(ttplan_profile_last_error(NULL, NULL, 0) == 0);

    ttplan_profile_destroy(&pr);
    ttplan_profile_destroy(&pr);
    ttplan_profile_destroy(NULL);
    CHECK(pr == NULL);
}

/* Plans the default protocol from 2027-01-04 with the given profile set-up applied. */
static ttplan_schedule* plan_default(ttplan_profile* pr) {
    ttplan_protocol* p = NULL;
    ttplan_schedule* s = NULL;
    CHECK_OK(ttplan_protocol_load_builtin(NULL, &p));
    CHECK_OK(ttplan_profile_set_start_ymd(pr, 2027, 1, 4));
    CHECK_OK(ttplan_plan(p, pr, &s));
    ttplan_protocol_destroy(&p);
    return s;
}

static const char* phase_start(const ttplan_schedule* s, const char* id) {
    size_t i;
    ttplan_phase_info info;
    for (i = 0; i < ttplan_schedule_phase_count(s); ++i) {
        if (ttplan_schedule_phase(s, i, &info) == TTPLAN_OK && strcmp(info.phase, id) == 0) return info.first;
    }
    return "";
}

static void test_planning(void) {
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_schedule *s = NULL, *moved = NULL;
    const char *start, *end;
    long total = 0;
    size_t i, n;
    int tki_span = 0;
    ttplan_phase_info phase;
    ttplan_event_info event;
    ttplan_span_info span;
    char message[512];

    CHECK_OK(ttplan_protocol_load_builtin(NULL, &p));
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_FAILS(ttplan_plan(p, pr, &s), TTPLAN_ERROR_INVALID_ARGUMENT, "no start date");
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));

    CHECK_OK(ttplan_profile_set_parameter(pr, "colour", "blue"));
    CHECK_FAILS(ttplan_plan(p, pr, &s), TTPLAN_ERROR_PARAMETER, "colour");
    CHECK(ttplan_protocol_last_error(p, message, sizeof message) > 0 && contains(message, "ph_positive"));
    ttplan_profile_destroy(&pr);

    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));
    CHECK_OK(ttplan_profile_set_parameter(pr, "tki", "aspirin"));
    CHECK_FAILS(ttplan_plan(p, pr, &s), TTPLAN_ERROR_PARAMETER, "dasatinib");
    CHECK(s == NULL);
    CHECK_OK(ttplan_profile_set_parameter(pr, "tki", "dasatinib"));
    CHECK_OK(ttplan_profile_set_parameter(pr, "ph_positive", "true"));
    CHECK_OK(ttplan_plan(p, pr, &s));

    CHECK_OK(ttplan_schedule_dates(s, &start, &end, &total));
    CHECK(strcmp(start, "2027-01-04") == 0 && strcmp(end, start) > 0 && total > 700);
    CHECK_OK(ttplan_schedule_dates(s, NULL, NULL, NULL));
    CHECK_OK(ttplan_schedule_possible_end(s, NULL, NULL));

    n = ttplan_schedule_phase_count(s);
    CHECK(n >= 6);
    for (i = 0; i < n; ++i) {
        CHECK_OK(ttplan_schedule_phase(s, i, &phase));
        CHECK(strcmp(phase.first, phase.last) <= 0 && phase.days >= 1 && phase.name[0] != '\0');
        CHECK(strcmp(phase.first, start) >= 0 && strcmp(phase.last, end) <= 0);
    }
    CHECK_OK(ttplan_schedule_phase(s, 0, &phase));
    CHECK(strcmp(phase.phase, "induction") == 0 && phase.cycle == 0 && strcmp(phase.first, "2027-01-04") == 0);
    CHECK_OK(ttplan_schedule_phase(s, n - 1, &phase));
    CHECK(strcmp(phase.phase, "maintenance") == 0 && phase.cycle > 1);

    n = ttplan_schedule_event_count(s);
    CHECK(n > 50);
    for (i = 0; i < n; ++i) {
        CHECK_OK(ttplan_schedule_event(s, i, &event));
        CHECK(strcmp(event.date, start) >= 0 && strcmp(event.date, end) <= 0);
        CHECK(event.category[0] != '\0' && event.activity[0] != '\0' && event.planned_date == NULL);
    }

    n = ttplan_schedule_span_count(s);
    CHECK(n >= 1);
    for (i = 0; i < n; ++i) {
        CHECK_OK(ttplan_schedule_span(s, i, &span));
        CHECK(strcmp(span.first, span.last) <= 0 && span.days >= 1);
        if (span.phase[0] == '\0' && contains(span.activity, "asatinib")) tki_span = 1;
    }
    CHECK(tki_span);

    CHECK_FAILS(ttplan_schedule_phase(s, 100000, &phase), TTPLAN_ERROR_INVALID_ARGUMENT, "out of range");
    CHECK_FAILS(ttplan_schedule_event(s, ttplan_schedule_event_count(s), &event), TTPLAN_ERROR_INVALID_ARGUMENT,
                "out of range");
    CHECK_FAILS(ttplan_schedule_span(s, 100000, &span), TTPLAN_ERROR_INVALID_ARGUMENT, "out of range");
    CHECK_FAILS(ttplan_schedule_span(s, 0, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK(ttplan_schedule_last_error(s, message, sizeof message) > 0 && contains(message, "NULL"));

    /* A delay moves the phase and everything after it; an actual start pins it. */
    CHECK_OK(ttplan_profile_set_delay(pr, "consolidation", 0, 7));
    CHECK_OK(ttplan_plan(p, pr, &moved));
    CHECK(strcmp(phase_start(s, "consolidation"), "2027-02-08") == 0);
    CHECK(strcmp(phase_start(moved, "consolidation"), "2027-02-15") == 0);
    CHECK(strcmp(phase_start(moved, "induction"), "2027-01-04") == 0);
    ttplan_schedule_destroy(&moved);
    ttplan_profile_destroy(&pr);

    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_actual_start(pr, "consolidation", 0, "2027-02-22"));
    moved = plan_default(pr);
    CHECK(strcmp(phase_start(moved, "consolidation"), "2027-02-22") == 0);
    ttplan_schedule_destroy(&moved);
    CHECK_OK(ttplan_profile_set_delay(pr, "no_such_phase", 0, 3));
    CHECK_FAILS(ttplan_plan(p, pr, &moved), TTPLAN_ERROR_PLANNING, "no_such_phase");
    ttplan_profile_destroy(&pr);

    CHECK_FAILS(ttplan_plan(NULL, pr, &moved), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_plan(p, NULL, &moved), TTPLAN_ERROR_INVALID_ARGUMENT, "profile is NULL");
    CHECK_FAILS(ttplan_plan(p, pr, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "output pointer");
    CHECK_FAILS(ttplan_schedule_dates(NULL, &start, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_schedule_phase(NULL, 0, &phase), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_schedule_event(NULL, 0, &event), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK(ttplan_schedule_phase_count(NULL) == 0 && ttplan_schedule_event_count(NULL) == 0 &&
          ttplan_schedule_span_count(NULL) == 0 && ttplan_schedule_last_error(NULL, NULL, 0) == 0);

    ttplan_schedule_destroy(&s);
    ttplan_schedule_destroy(&s);
    ttplan_schedule_destroy(NULL);
    CHECK(s == NULL);
    ttplan_protocol_destroy(&p);
}

static void test_clinic_calendar(void) {
    ttplan_profile* pr = NULL;
    ttplan_schedule* s;
    ttplan_event_info event;
    size_t i;
    int moved = 0, weekend = 0, first_day_moved = 0;

    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_closed_weekday(pr, 0, 1));
    CHECK_OK(ttplan_profile_set_closed_weekday(pr, 6, 1));
    CHECK_OK(ttplan_profile_add_holiday(pr, "2027-01-04"));
    CHECK_OK(ttplan_profile_set_shift(pr, "all", "next"));
    CHECK_OK(ttplan_profile_set_shift(pr, "hospital-stay", "keep"));
    s = plan_default(pr);
    for (i = 0; i < ttplan_schedule_event_count(s); ++i) {
        CHECK_OK(ttplan_schedule_event(s, i, &event));
        if (event.planned_date != NULL) {
            ++moved;
            CHECK(strcmp(event.planned_date, event.date) < 0);
            if (strcmp(event.planned_date, "2027-01-04") == 0 && strcmp(event.date, "2027-01-05") == 0) {
                first_day_moved = 1;
            }
        }
        if (weekday_of(event.date) == 0 || weekday_of(event.date) == 6) ++weekend;
    }
    CHECK(moved > 0);
    CHECK(first_day_moved);
    CHECK(weekend == 0);
    ttplan_schedule_destroy(&s);
    ttplan_profile_destroy(&pr);
}

static void test_output(void) {
    ttplan_profile* pr = NULL;
    ttplan_schedule* s;
    ttplan_render_options options;
    char *text = NULL, *again = NULL, *file_text, path[1024];
    size_t length = 0;

    CHECK_OK(ttplan_profile_create(&pr));
    s = plan_default(pr);

    CHECK_OK(ttplan_schedule_render(s, "text", NULL, &text, &length));
    CHECK(text != NULL && strlen(text) == length && contains(text, ttplan_disclaimer()));
    ttplan_free(text);
    CHECK_OK(ttplan_schedule_render(s, "json", NULL, &text, NULL));
    CHECK(contains(text, "\"start\": \"2027-01-04\""));
    ttplan_free(text);

    /* The summary, exactly as `ttplan summary --start 2027-01-04` prints it. */
    file_text = golden_text("all-overview.summary.txt");
    CHECK(file_text != NULL);
    CHECK_OK(ttplan_schedule_summary_text(s, &text, &length));
    CHECK(text != NULL && file_text != NULL && strcmp(text, file_text) == 0 && strlen(text) == length);
    free(file_text);
    ttplan_free(text);
    CHECK_FAILS(ttplan_schedule_summary_text(s, NULL, &length), TTPLAN_ERROR_INVALID_ARGUMENT,
                "output pointer");
    text = NULL;
    CHECK_FAILS(ttplan_schedule_summary_text(NULL, &text, NULL), TTPLAN_ERROR_INVALID_ARGUMENT,
                "schedule is NULL");
    CHECK(text == NULL);

    ttplan_render_options_init(&options);
    ttplan_render_options_init(NULL);
    CHECK(options.calendar_id == NULL && options.previous == NULL && options.has_timestamp == 0);
    options.calendar_id = "clinic-42";
    options.calendar_name = "Treatment plan";
    options.sequence = 3;
    options.has_timestamp = 1;
    options.timestamp = 1798761600; /* 2027-01-01T00:00:00Z */
    CHECK_OK(ttplan_schedule_render(s, "ics", &options, &text, &length));
    CHECK(contains(text, "BEGIN:VCALENDAR") && contains(text, "SEQUENCE:3") &&
          contains(text, "DTSTAMP:20270101T000000Z") && contains(text, "Treatment plan"));
    CHECK_OK(ttplan_schedule_render(s, "ics", &options, &again, NULL));
    CHECK(strcmp(text, again) == 0);
    ttplan_free(again);

    /* Written atomically, the file holds exactly what render gives. */
    path_in(path, sizeof path, scratch_dir, "plan.ics");
    CHECK_OK(ttplan_schedule_write(s, "ics", &options, path));
    file_text = read_file(path);
    CHECK(file_text != NULL && strcmp(file_text, text) == 0);
    free(file_text);
    ttplan_free(text);

    path_in(path, sizeof path, scratch_dir, "no-such-dir/plan.ics");
    CHECK_FAILS(ttplan_schedule_write(s, "ics", NULL, path), TTPLAN_ERROR_IO, "no-such-dir");
    CHECK(read_file(path) == NULL);
    CHECK_FAILS(ttplan_schedule_render(s, "docx", NULL, &text, NULL), TTPLAN_ERROR, "docx");
    CHECK(contains(ttplan_last_error(), "ics") && text == NULL);
    CHECK_FAILS(ttplan_schedule_write(s, "docx", NULL, path), TTPLAN_ERROR, "allowed");
    options.calendar_id = "has spaces";
    CHECK_FAILS(ttplan_schedule_render(s, "ics", &options, &text, NULL), TTPLAN_ERROR_VALUE, "calendar_id");
    options.calendar_id = "clinic-42";
    options.sequence = -1;
    CHECK_FAILS(ttplan_schedule_render(s, "ics", &options, &text, NULL), TTPLAN_ERROR_VALUE, "");

    CHECK_FAILS(ttplan_schedule_render(NULL, "text", NULL, &text, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_schedule_render(s, NULL, NULL, &text, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "format is NULL");
    CHECK_FAILS(ttplan_schedule_render(s, "text", NULL, NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_schedule_write(s, "text", NULL, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "path is NULL");
    CHECK_FAILS(ttplan_schedule_write(NULL, "text", NULL, path), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");

    ttplan_schedule_destroy(&s);
    ttplan_profile_destroy(&pr);
}

/* Times within a day reach C as read-only fields, and the time zone option reaches iCalendar. */
static void test_times(void) {
    static const char* text =
        "{\"format\": \"ttplan-protocol/2\", \"id\": \"timed\", \"title\": \"Timed\", \"phases\": [\n"
        " {\"id\": \"block\", \"name\": \"Block\", \"length\": \"7d\", \"activities\": [\n"
        "  {\"name\": \"MTX\", \"category\": \"chemotherapy\", \"days\": \"1\", \"every_hours\": 12,\n"
        "   \"times\": [\"10:00\", \"22:00\"], \"duration\": \"24h\"},\n"
        "  {\"name\": \"Rescue\", \"category\": \"chemotherapy\", \"after\": {\"activity\": \"MTX\", "
        "\"hours\": 42}},\n"
        "  {\"name\": \"Infusion\", \"category\": \"immunotherapy\", \"days\": \"1-7\", \"continuous\": "
        "true,\n"
        "   \"duration\": \"7d\"}]}]}";
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    ttplan_event_info e;
    ttplan_span_info t;
    ttplan_render_options options;
    char* ics = NULL;

    CHECK_OK(ttplan_protocol_parse(text, "timed.json", &p));
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_start(pr, "2027-03-27"));
    CHECK_OK(ttplan_plan(p, pr, &s));
    CHECK(ttplan_schedule_event_count(s) == 2);
    CHECK_OK(ttplan_schedule_event(s, 0, &e));
    CHECK(strcmp(e.activity, "MTX") == 0 && e.timing.per_day == 2 && e.timing.every_hours == 12);
    CHECK(strcmp(e.timing.times, "10:00,22:00") == 0 && e.timing.duration_minutes == 24 * 60);
    CHECK(e.timing.after_activity == NULL && e.timing.after_hours == 0);
    CHECK_OK(ttplan_schedule_event(s, 1, &e));
    /* 10:00 on 2027-03-27 + 42 hours = 04:00 on 2027-03-29. */
    CHECK(strcmp(e.activity, "Rescue") == 0 && strcmp(e.date, "2027-03-29") == 0 && e.day == 3);
    CHECK(strcmp(e.timing.times, "04:00") == 0 && e.timing.per_day == 0);
    CHECK(e.timing.after_activity != NULL && strcmp(e.timing.after_activity, "MTX") == 0 &&
          e.timing.after_hours == 42);
    CHECK_OK(ttplan_schedule_span(s, 0, &t));
    CHECK(t.timing.duration_minutes == 7 * 24 * 60 && strcmp(t.timing.times, "") == 0 &&
          t.timing.after_activity == NULL);

    ttplan_render_options_init(&options);
    CHECK(options.time_zone == NULL);
    options.time_zone = "Europe/Berlin";
    CHECK_OK(ttplan_schedule_render(s, "ics", &options, &ics, NULL));
    CHECK(contains(ics, "BEGIN:VTIMEZONE") && contains(ics, "DTSTART;TZID=Europe/Berlin:20270327T100000") &&
          contains(ics, "TZOFFSETTO:+0200"));
    ttplan_free(ics);
    ics = NULL;
    options.time_zone = "Mars/Olympus_Mons";
    CHECK_FAILS(ttplan_schedule_render(s, "ics", &options, &ics, NULL), TTPLAN_ERROR_VALUE,
                "Mars/Olympus_Mons");

    ttplan_schedule_destroy(&s);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&p);
}

/* The last day of the last occurrence of phase `id` of protocol `protocol` ("" if none). */
static const char* phase_end(const ttplan_schedule* s, const char* protocol, const char* id) {
    size_t i;
    const char* last = "";
    ttplan_phase_info info;
    for (i = 0; i < ttplan_schedule_phase_count(s); ++i) {
        if (ttplan_schedule_phase(s, i, &info) == TTPLAN_OK && strcmp(info.protocol, protocol) == 0 &&
            strcmp(info.phase, id) == 0 && strcmp(info.last, last) > 0) {
            last = info.last;
        }
    }
    return last;
}

/* Every item of an ordinary plan names its protocol; one segment, nothing cut by a switch. */
static void check_single_protocol(const ttplan_schedule* s, const char* id) {
    size_t i;
    ttplan_phase_info phase;
    ttplan_event_info event;
    ttplan_span_info span;
    ttplan_segment_info seg;
    for (i = 0; i < ttplan_schedule_phase_count(s); ++i) {
        CHECK_OK(ttplan_schedule_phase(s, i, &phase));
        CHECK(phase.protocol != NULL && strcmp(phase.protocol, id) == 0);
    }
    for (i = 0; i < ttplan_schedule_event_count(s); ++i) {
        CHECK_OK(ttplan_schedule_event(s, i, &event));
        CHECK(event.protocol != NULL && strcmp(event.protocol, id) == 0);
    }
    for (i = 0; i < ttplan_schedule_span_count(s); ++i) {
        CHECK_OK(ttplan_schedule_span(s, i, &span));
        CHECK(span.protocol != NULL && strcmp(span.protocol, id) == 0 && strcmp(span.ending, "none") == 0);
    }
    CHECK(ttplan_schedule_segment_count(s) == 1);
    CHECK_OK(ttplan_schedule_segment(s, 0, &seg));
    CHECK(strcmp(seg.protocol, id) == 0 && strcmp(seg.reason, "") == 0);
}

static void test_continuation(void) {
    ttplan_protocol *first = NULL, *blina = NULL, *hsct = NULL;
    ttplan_profile *pr = NULL, *next_pr = NULL, *bad_pr = NULL;
    ttplan_schedule *s = NULL, *relapse = NULL, *full = NULL, *after = NULL, *out = NULL;
    ttplan_segment_info seg;
    ttplan_phase_info phase;
    ttplan_event_info event;
    ttplan_span_info span;
    const char *name, *value, *relapse_end = NULL, *start = NULL;
    char *json = NULL, message[512], day_after[40], hsct_start[40]; /* 40: room for any int */
    size_t i;
    long total = 0;
    int cut_phases = 0, cut_spans = 0, hsct_events = 0, blina_phases = 0, blina_spans = 0, plain_cut = 0;

    CHECK_OK(ttplan_protocol_load_builtin("all-overview", &first));
    CHECK_OK(ttplan_protocol_load_builtin("blinatumomab", &blina));
    CHECK_OK(ttplan_protocol_load_builtin("allo-hsct", &hsct));
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));
    CHECK_OK(ttplan_plan(first, pr, &s));
    check_single_protocol(s, "all-overview");

    /* Relapse on 2028-05-02: blinatumomab (non-default setting, no start date needed), then a
     * transplant after the end of the plan so far. */
    CHECK_OK(ttplan_profile_create(&next_pr));
    CHECK_OK(ttplan_profile_set_parameter(next_pr, "setting", "mrd-positive"));
    CHECK_OK(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "2028-05-02", "relapse", blina, next_pr, &relapse));
    CHECK(relapse != NULL);
    CHECK_OK(ttplan_schedule_dates(relapse, NULL, &relapse_end, NULL));
    CHECK_OK(ttplan_schedule_continue(relapse, TTPLAN_SWITCH_AFTER_END, NULL, NULL, hsct, NULL, &full));
    CHECK(full != NULL);
    CHECK(ttplan_schedule_segment_count(s) == 1 && ttplan_schedule_segment_count(relapse) == 2);

    /* The summary names each protocol from its start, with the reason given, and tags the
     * phases of the later ones. */
    CHECK_OK(ttplan_schedule_summary_text(full, &json, NULL));
    CHECK(contains(json, "\nThen from 2028-05-02: ") && contains(json, "(blinatumomab), relapse\n") &&
          contains(json, " [allo-hsct] ") && !contains(json, "[all-overview]"));
    ttplan_free(json);
    json = NULL;

    CHECK_OK(ttplan_schedule_dates(full, &start, NULL, &total));
    CHECK(strcmp(start, "2027-01-04") == 0 && total > 500);

    CHECK(ttplan_schedule_segment_count(full) == 3);
    CHECK_OK(ttplan_schedule_segment(full, 0, &seg));
    CHECK(strcmp(seg.protocol, "all-overview") == 0 && strcmp(seg.start, "2027-01-04") == 0 &&
          strcmp(seg.reason, "") == 0 && seg.title[0] != '\0' && strcmp(seg.version, "2026.2") == 0);
    CHECK(seg.parameter_count == 4);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 0, 0, &name, &value));
    CHECK(strcmp(name, "cns_prophylaxis") == 0 && strcmp(value, "intrathecal") == 0);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 0, 1, &name, &value));
    CHECK(strcmp(name, "induction_response") == 0 && strcmp(value, "mrd_negative") == 0);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 0, 2, &name, &value));
    CHECK(strcmp(name, "ph_positive") == 0 && strcmp(value, "false") == 0);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 0, 3, &name, &value));
    CHECK(strcmp(name, "tki") == 0 && strcmp(value, "imatinib") == 0);

    CHECK_OK(ttplan_schedule_segment(full, 1, &seg));
    CHECK(strcmp(seg.protocol, "blinatumomab") == 0 && strcmp(seg.start, "2028-05-02") == 0 &&
          strcmp(seg.reason, "relapse") == 0 && strcmp(seg.version, "2") == 0 && seg.parameter_count == 1);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 1, 0, &name, &value));
    CHECK(strcmp(name, "setting") == 0 && strcmp(value, "mrd-positive") == 0);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 1, 0, NULL, NULL));

    /* After the end: the day after the plan so far ends, with ttplan's own reason and the
     * next protocol's defaults. */
    next_day(relapse_end, hsct_start, sizeof hsct_start);
    CHECK_OK(ttplan_schedule_segment(full, 2, &seg));
    CHECK(strcmp(seg.protocol, "allo-hsct") == 0 && strcmp(seg.start, hsct_start) == 0 &&
          contains(seg.reason, "after the end") && seg.parameter_count == 2);
    CHECK_OK(ttplan_schedule_segment_parameter(full, 2, 0, &name, &value));
    CHECK(strcmp(name, "conditioning") == 0 && strcmp(value, "chemotherapy") == 0);
    CHECK(strcmp(phase_start(full, "conditioning"), hsct_start) == 0);

    /* The first plan is cut on 2028-05-01; the later protocols follow, their items marked. */
    for (i = 0; i < ttplan_schedule_phase_count(full); ++i) {
        CHECK_OK(ttplan_schedule_phase(full, i, &phase));
        if (strcmp(phase.protocol, "all-overview") == 0) {
            CHECK(strcmp(phase.last, "2028-05-01") <= 0);
            if (ended_early(phase.ending)) {
                ++cut_phases;
                CHECK(strcmp(phase.first, "2028-05-02") < 0 && strcmp(phase.last, "2028-05-01") == 0);
                CHECK(strcmp(phase.ending, "switch") == 0);
            }
            CHECK(phase.segment == 0);
        } else if (strcmp(phase.protocol, "blinatumomab") == 0) {
            ++blina_phases;
            CHECK(strcmp(phase.first, "2028-05-02") >= 0 && strcmp(phase.last, hsct_start) < 0 &&
                  !ended_early(phase.ending) && phase.segment == 1);
        } else {
            CHECK(strcmp(phase.protocol, "allo-hsct") == 0 && strcmp(phase.first, hsct_start) >= 0);
        }
    }
    CHECK(cut_phases == 1 && blina_phases >= 1);
    for (i = 0; i < ttplan_schedule_event_count(full); ++i) {
        CHECK_OK(ttplan_schedule_event(full, i, &event));
        if (strcmp(event.protocol, "all-overview") == 0) {
            CHECK(strcmp(event.date, "2028-05-02") < 0);
        } else if (strcmp(event.protocol, "blinatumomab") == 0) {
            CHECK(strcmp(event.date, "2028-05-02") >= 0 && strcmp(event.date, hsct_start) < 0);
        } else if (strcmp(event.protocol, "allo-hsct") == 0) {
            ++hsct_events;
            CHECK(strcmp(event.date, hsct_start) >= 0);
        } else {
            CHECK(!"an event of an unknown protocol");
        }
    }
    CHECK(hsct_events > 0); /* blinatumomab for MRD has infusions (spans) but no events */
    for (i = 0; i < ttplan_schedule_span_count(full); ++i) {
        CHECK_OK(ttplan_schedule_span(full, i, &span));
        CHECK(span.protocol != NULL && span.protocol[0] != '\0');
        if (strcmp(span.protocol, "blinatumomab") == 0) {
            ++blina_spans;
            CHECK(strcmp(span.first, "2028-05-02") >= 0 && strcmp(span.last, hsct_start) < 0);
        }
        if (ended_early(span.ending)) {
            ++cut_spans;
            CHECK(strcmp(span.ending, "switch") == 0);
            CHECK(strcmp(span.protocol, "all-overview") == 0 && strcmp(span.first, "2028-05-02") < 0 &&
                  strcmp(span.last, "2028-05-01") == 0);
        }
    }
    CHECK(cut_spans >= 1 && blina_spans >= 1);

    CHECK_OK(ttplan_schedule_render(full, "json", NULL, &json, NULL));
    CHECK(contains(json, "\"segments\"") && contains(json, "\"reason\": \"relapse\"") &&
          contains(json, "\"protocol\": \"allo-hsct\""));
    ttplan_free(json);

    /* After a phase: the next protocol starts the day after its last occurrence ends, and
     * the phases after it are dropped. */
    CHECK_OK(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_PHASE, "consolidation", "", hsct, NULL, &after));
    next_day(phase_end(s, "all-overview", "consolidation"), day_after, sizeof day_after);
    CHECK(strcmp(phase_start(after, "conditioning"), day_after) == 0);
    CHECK(strcmp(phase_end(after, "all-overview", "consolidation"),
                 phase_end(s, "all-overview", "consolidation")) == 0);
    CHECK(strcmp(phase_end(after, "all-overview", "maintenance"), "") == 0);
    CHECK(ttplan_schedule_segment_count(after) == 2);
    CHECK_OK(ttplan_schedule_segment(after, 1, &seg));
    CHECK(strcmp(seg.start, day_after) == 0 && contains(seg.reason, "after") && contains(seg.reason, "all-overview"));
    ttplan_schedule_destroy(&after);

    /* A switch in the middle of a maintenance cycle (2028-02-07 to 2028-04-30) cuts it, and
     * its daily mercaptopurine, on the day before. */
    CHECK_OK(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "2028-03-20", NULL, hsct, NULL, &after));
    CHECK(strcmp(phase_end(after, "all-overview", "maintenance"), "2028-03-19") == 0);
    cut_phases = cut_spans = 0;
    for (i = 0; i < ttplan_schedule_phase_count(after); ++i) {
        CHECK_OK(ttplan_schedule_phase(after, i, &phase));
        if (ended_early(phase.ending)) {
            ++cut_phases;
            CHECK(strcmp(phase.first, "2028-02-07") == 0 && strcmp(phase.last, "2028-03-19") == 0);
            CHECK(strcmp(phase.ending, "switch") == 0);
        }
    }
    for (i = 0; i < ttplan_schedule_span_count(after); ++i) {
        CHECK_OK(ttplan_schedule_span(after, i, &span));
        if (ended_early(span.ending)) {
            ++cut_spans;
            CHECK(strcmp(span.ending, "switch") == 0);
            CHECK(strcmp(span.first, "2028-03-20") < 0 && strcmp(span.last, "2028-03-19") == 0);
            CHECK(contains(span.activity, "ercaptopurine") && strcmp(span.phase, "maintenance") == 0);
        }
    }
    CHECK(cut_phases == 1 && cut_spans == 1);
    CHECK_OK(ttplan_schedule_segment(after, 1, &seg));
    CHECK(strcmp(seg.reason, "switch on 2028-03-20") == 0);
    ttplan_schedule_destroy(&after);

    /* A date after the end of the plan leaves a gap and cuts nothing more than the plan's own
     * until limit did. */
    CHECK_OK(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "2035-01-01", NULL, hsct, NULL, &after));
    CHECK(strcmp(phase_start(after, "conditioning"), "2035-01-01") == 0);
    CHECK(ttplan_schedule_phase_count(after) == ttplan_schedule_phase_count(s) + 2);
    for (i = 0; i < ttplan_schedule_phase_count(s); ++i) {
        CHECK_OK(ttplan_schedule_phase(s, i, &phase));
        plain_cut += ended_early(phase.ending);
    }
    for (i = 0; i < ttplan_schedule_phase_count(after); ++i) {
        CHECK_OK(ttplan_schedule_phase(after, i, &phase));
        plain_cut -= ended_early(phase.ending);
        CHECK(strcmp(phase.ending, "switch") != 0); /* the until limit cut the last cycle, not the switch */
    }
    CHECK(plain_cut == 0);
    for (i = 0; i < ttplan_schedule_span_count(after); ++i) {
        CHECK_OK(ttplan_schedule_span(after, i, &span));
        CHECK(!ended_early(span.ending));
    }
    ttplan_schedule_destroy(&after);

    /* Errors: each leaves *out NULL and keeps its message in the so_far handle. */
    CHECK_FAILS(ttplan_schedule_continue(NULL, TTPLAN_SWITCH_AFTER_END, NULL, NULL, hsct, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "schedule so far is NULL");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_END, NULL, NULL, NULL, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "next protocol is NULL");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_END, NULL, NULL, hsct, NULL, NULL),
                TTPLAN_ERROR_INVALID_ARGUMENT, "output pointer");
    CHECK_FAILS(ttplan_schedule_continue(s, 3, "2028-05-02", NULL, hsct, NULL, &out), TTPLAN_ERROR_INVALID_ARGUMENT,
                "TTPLAN_SWITCH_ON_DATE");
    CHECK_FAILS(ttplan_schedule_continue(s, -1, NULL, NULL, hsct, NULL, &out), TTPLAN_ERROR_INVALID_ARGUMENT,
                "unknown switch kind -1");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_PHASE, NULL, NULL, hsct, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "phase to switch after is NULL");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_PHASE, "", NULL, hsct, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "phase to switch after is empty");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, NULL, NULL, hsct, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "switch date is NULL");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "", NULL, hsct, NULL, &out),
                TTPLAN_ERROR_INVALID_ARGUMENT, "switch date is empty");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "2028-02-30", NULL, hsct, NULL, &out),
                TTPLAN_ERROR_VALUE, "2028-02-30");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "soon", NULL, hsct, NULL, &out),
                TTPLAN_ERROR_VALUE, "soon");
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_ON_DATE, "2026-12-31", "relapse", hsct, NULL, &out),
                TTPLAN_ERROR_PLANNING, "before the plan starts on 2027-01-04");
    CHECK(ttplan_schedule_last_error(s, message, sizeof message) > 0 && contains(message, "2026-12-31"));
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_PHASE, "conditioning", NULL, hsct, NULL, &out),
                TTPLAN_ERROR_PLANNING, "\"conditioning\"");
    CHECK(contains(ttplan_last_error(), "induction") && contains(ttplan_last_error(), "maintenance"));
    CHECK(ttplan_schedule_last_error(s, message, sizeof message) > 0 && contains(message, "its phases"));
    CHECK_OK(ttplan_profile_create(&bad_pr));
    CHECK_OK(ttplan_profile_set_parameter(bad_pr, "setting", "sometimes"));
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_END, NULL, NULL, blina, bad_pr, &out),
                TTPLAN_ERROR_PARAMETER, "mrd-positive");
    ttplan_profile_destroy(&bad_pr);
    CHECK_OK(ttplan_profile_create(&bad_pr));
    CHECK_OK(ttplan_profile_set_parameter(bad_pr, "ph_positive", "true"));
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_END, NULL, NULL, blina, bad_pr, &out),
                TTPLAN_ERROR_PARAMETER, "ph_positive");
    ttplan_profile_destroy(&bad_pr);
    CHECK_OK(ttplan_profile_create(&bad_pr));
    CHECK_OK(ttplan_profile_set_delay(bad_pr, "maintenance", 0, 7));
    CHECK_FAILS(ttplan_schedule_continue(s, TTPLAN_SWITCH_AFTER_END, NULL, NULL, blina, bad_pr, &out),
                TTPLAN_ERROR_PLANNING, "maintenance");
    ttplan_profile_destroy(&bad_pr);
    CHECK(out == NULL);

    /* Segment getters: ranges and NULLs. */
    CHECK_FAILS(ttplan_schedule_segment(full, 3, &seg), TTPLAN_ERROR_INVALID_ARGUMENT,
                "segment index 3 is out of range");
    CHECK_FAILS(ttplan_schedule_segment(full, 0, NULL), TTPLAN_ERROR_INVALID_ARGUMENT, "NULL");
    CHECK_FAILS(ttplan_schedule_segment(NULL, 0, &seg), TTPLAN_ERROR_INVALID_ARGUMENT, "schedule is NULL");
    CHECK_FAILS(ttplan_schedule_segment_parameter(full, 3, 0, &name, &value), TTPLAN_ERROR_INVALID_ARGUMENT,
                "segment index 3");
    CHECK_FAILS(ttplan_schedule_segment_parameter(full, 1, 1, &name, &value), TTPLAN_ERROR_INVALID_ARGUMENT,
                "parameter index 1");
    CHECK_FAILS(ttplan_schedule_segment_parameter(NULL, 0, 0, &name, &value), TTPLAN_ERROR_INVALID_ARGUMENT,
                "schedule is NULL");
    CHECK(ttplan_schedule_last_error(full, message, sizeof message) > 0 && contains(message, "parameter index"));
    CHECK(ttplan_schedule_segment_count(NULL) == 0);

    /* Each schedule owns its strings: the continued ones outlive the plan they came from. */
    ttplan_schedule_destroy(&s);
    ttplan_schedule_destroy(&relapse);
    CHECK_OK(ttplan_schedule_segment(full, 1, &seg));
    CHECK(strcmp(seg.reason, "relapse") == 0);
    ttplan_schedule_destroy(&full);
    ttplan_schedule_destroy(&full);
    CHECK(s == NULL && relapse == NULL && full == NULL);
    ttplan_profile_destroy(&next_pr);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&hsct);
    ttplan_protocol_destroy(&blina);
    ttplan_protocol_destroy(&first);
}

/* One failure of each ttplan error family in one place: each arrives with its own status, and
 * no two families share one, so a caller can switch on the status alone. */
static void test_error_families(void) {
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    char* text = NULL;
    ttplan_status seen[7];
    size_t n = 0;
    size_t i, j;

    CHECK_FAILS(seen[n++] = ttplan_protocol_load_builtin("no-such-protocol", &p), TTPLAN_ERROR,
                "no-such-protocol");
    CHECK_FAILS(seen[n++] = ttplan_protocol_load_file("no-such-dir/p.json", &p), TTPLAN_ERROR_IO, "p.json");
    CHECK_FAILS(seen[n++] = ttplan_protocol_parse("[1, 2", NULL, &p), TTPLAN_ERROR_PARSE, "<string>");
    CHECK_FAILS(seen[n++] = ttplan_protocol_parse("{\"format\": \"ttplan-protocol/1\"}", NULL, &p),
                TTPLAN_ERROR_VALIDATION, "<string>");
    CHECK(p == NULL);

    CHECK_OK(ttplan_protocol_load_builtin(NULL, &p));
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_FAILS(seen[n++] = ttplan_profile_set_start(pr, "2027-02-30"), TTPLAN_ERROR_VALUE, "2027-02-30");
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));
    CHECK_OK(ttplan_profile_set_parameter(pr, "colour", "blue"));
    CHECK_FAILS(seen[n++] = ttplan_plan(p, pr, &s), TTPLAN_ERROR_PARAMETER, "colour");
    ttplan_profile_destroy(&pr);

    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));
    CHECK_OK(ttplan_profile_set_delay(pr, "no_such_phase", 0, 3));
    CHECK_FAILS(seen[n++] = ttplan_plan(p, pr, &s), TTPLAN_ERROR_PLANNING, "no_such_phase");
    CHECK(s == NULL);
    ttplan_profile_destroy(&pr);

    /* The generic family covers an unknown format too. */
    CHECK_OK(ttplan_profile_create(&pr));
    CHECK_OK(ttplan_profile_set_start(pr, "2027-01-04"));
    CHECK_OK(ttplan_plan(p, pr, &s));
    CHECK_FAILS(ttplan_schedule_render(s, "docx", NULL, &text, NULL), TTPLAN_ERROR, "docx");
    CHECK(text == NULL);

    CHECK(n == sizeof seen / sizeof seen[0]);
    for (i = 0; i < n; ++i) {
        CHECK(seen[i] < 0 && strcmp(ttplan_status_string(seen[i]), "unknown status") != 0);
        for (j = 0; j < i; ++j) CHECK(seen[i] != seen[j]);
    }
    ttplan_schedule_destroy(&s);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&p);
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SOURCE_DIR SCRATCH_DIR\n", argv[0]);
        return 2;
    }
    source_dir = argv[1];
    scratch_dir = argv[2];
    test_library();
    test_catalog();
    test_formats();
    test_protocols();
    test_profile_errors();
    test_planning();
    test_clinic_calendar();
    test_output();
    test_times();
    test_continuation();
    test_error_families();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
