/* Treatment records from C99: create, add facts as text, save and load, plan after each
 * revision, the record's calendar and the changes since a revision; facts given to a profile;
 * every refusal leaving the record as it was. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The date of the first event of `activity` on `day` of `phase`, or "" (a static buffer). */
static const char* event_date(const ttplan_schedule* s, const char* phase, int day, const char* activity) {
    static char out[16];
    size_t i;
    out[0] = '\0';
    for (i = 0; i < ttplan_schedule_event_count(s); ++i) {
        ttplan_event_info e;
        CHECK(ttplan_schedule_event(s, i, &e) == TTPLAN_OK);
        if (strcmp(e.phase, phase) == 0 && e.day == day && strcmp(e.activity, activity) == 0) {
            snprintf(out, sizeof out, "%s", e.date);
            break;
        }
    }
    return out;
}

static const char* phase_first(const ttplan_schedule* s, const char* phase) {
    static char out[16];
    size_t i;
    out[0] = '\0';
    for (i = 0; i < ttplan_schedule_phase_count(s); ++i) {
        ttplan_phase_info p;
        CHECK(ttplan_schedule_phase(s, i, &p) == TTPLAN_OK);
        if (strcmp(p.phase, phase) == 0) {
            snprintf(out, sizeof out, "%s", p.first);
            break;
        }
    }
    return out;
}

/* 2027-01-04T09:00:00Z and a day later. */
#define JAN_4 1799053200
#define DAY 86400

static void record_life(const char* dir) {
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_record* r = NULL;
    ttplan_record* again = NULL;
    ttplan_schedule* s = NULL;
    char* json = NULL;
    char* json_again = NULL;
    char* text = NULL;
    char path[4096];
    const char* id = NULL;
    const char* protocol_id = NULL;
    const char* origin = NULL;
    const char* start = NULL;
    const char* message = (const char*)1;
    int32_t revision = 0;
    const char* kinds[] = {"hold", "decide"};
    const char* texts[] = {"induction:22:Vincristine", "induction_response=mrd_positive@2027-02-01"};
    const char* delay_kind[] = {"delay"};
    const char* delay_text[] = {"interim_maintenance_1=7"};

    CHECK(ttplan_protocol_load_builtin("all-overview", &p) == TTPLAN_OK);
    CHECK(ttplan_profile_create(&pr) == TTPLAN_OK);
    CHECK(ttplan_profile_set_start(pr, "2027-01-04") == TTPLAN_OK);
    CHECK(ttplan_record_create(p, pr, JAN_4, &r) == TTPLAN_OK);
    CHECK(ttplan_record_info(r, &id, &protocol_id, NULL, &origin, &start, &revision) == TTPLAN_OK);
    CHECK(id != NULL && strlen(id) == 32 && strspn(id, "0123456789abcdef") == 32);
    CHECK(strcmp(protocol_id, "all-overview") == 0 && strcmp(origin, "builtin:all-overview") == 0);
    CHECK(strcmp(start, "2027-01-04") == 0 && revision == 1);
    CHECK(ttplan_record_builtin_changed(r, &message) == TTPLAN_OK && message == NULL);

    /* Revision 2: a held dose and the end-of-induction decision, in one call. */
    CHECK(ttplan_record_add(r, 2, kinds, texts, "bone-marrow MRD", JAN_4 + 28 * DAY) == TTPLAN_OK);
    CHECK(ttplan_record_info(r, NULL, NULL, NULL, NULL, NULL, &revision) == TTPLAN_OK && revision == 2);
    CHECK(ttplan_record_plan(r, 0, NULL, &s) == TTPLAN_OK);
    CHECK(strcmp(event_date(s, "induction", 22, "Vincristine"), "") == 0);
    CHECK(strcmp(phase_first(s, "consolidation_augmented"), "2027-02-08") == 0);
    CHECK(strcmp(phase_first(s, "consolidation"), "") == 0);
    ttplan_schedule_destroy(&s);
    /* Revision 1's plan is still there to compare with. */
    CHECK(ttplan_record_plan(r, 1, NULL, &s) == TTPLAN_OK);
    CHECK(strcmp(event_date(s, "induction", 22, "Vincristine"), "2027-01-25") == 0);
    ttplan_schedule_destroy(&s);
    CHECK(ttplan_record_plan(r, 3, NULL, &s) == TTPLAN_ERROR_VALUE && s == NULL);
    CHECK(strstr(ttplan_last_error(), "revisions are 1 to 2") != NULL);

    /* Revision 3: interim maintenance I a week late. */
    CHECK(ttplan_record_add(r, 1, delay_kind, delay_text, NULL, JAN_4 + 100 * DAY) == TTPLAN_OK);

    /* Saved and loaded, it is the same record, byte for byte. */
    snprintf(path, sizeof path, "%s/c-record.json", dir);
    CHECK(ttplan_record_save(r, path) == TTPLAN_OK);
    CHECK(ttplan_record_load_file(path, &again) == TTPLAN_OK);
    CHECK(ttplan_record_to_json(r, &json, NULL) == TTPLAN_OK);
    CHECK(ttplan_record_to_json(again, &json_again, NULL) == TTPLAN_OK);
    CHECK(json != NULL && json_again != NULL && strcmp(json, json_again) == 0);
    CHECK(strstr(json, "\"format\": \"ttplan-record/1\"") != NULL);
    ttplan_free(json_again);
    ttplan_record_destroy(&again);
    CHECK(ttplan_record_parse(json, "patient.json", &again) == TTPLAN_OK);
    ttplan_record_destroy(&again);
    CHECK(again == NULL);

    /* The calendar: the record's sequence, and the held dose cancelled. */
    CHECK(ttplan_record_render(r, "ics", NULL, NULL, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && count(text, "SEQUENCE:3\r\n") == count(text, "BEGIN:VEVENT"));
    CHECK(count(text, "STATUS:CANCELLED") > 0);
    ttplan_free(text);
    {
        ttplan_render_options o;
        ttplan_render_options_init(&o);
        o.calendar_id = "clinic-42";
        CHECK(ttplan_record_render(r, "ics", &o, NULL, &text, NULL) == TTPLAN_ERROR_VALUE && text == NULL);
        CHECK(strstr(ttplan_last_error(), "calendar's id") != NULL);
    }
    snprintf(path, sizeof path, "%s/c-record.ics", dir);
    CHECK(ttplan_record_write(r, "ics", NULL, NULL, path) == TTPLAN_OK);

    /* The changes since revision 2 (the default: the one before the last) are the week's move. */
    CHECK(ttplan_record_changes(r, 0, NULL, "text", &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && count(text, "moved    ") > 0 && count(text, "removed  ") == 0);
    ttplan_free(text);
    CHECK(ttplan_record_changes(r, 1, NULL, "json", &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && strstr(text, "\"kind\": \"removed\"") != NULL);
    ttplan_free(text);

    CHECK(ttplan_record_describe(r, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && strstr(text, "induction:22:Vincristine") != NULL);
    ttplan_free(text);

    /* Refusals leave the record exactly as it was. */
    {
        const char* bad_kind[] = {"hold", "postpone"};
        const char* bad_text[] = {"induction:22:Vincristine", "induction=3"};
        const char* unknown[] = {"hold"};
        const char* unknown_text[] = {"induction:23:Vincristine"};
        const char* not_decided[] = {"decide"};
        const char* not_decided_text[] = {"ph_positive=true@2027-02-01"};
        const char* file = NULL;
        const char* pointer = NULL;
        char buffer[256];

        CHECK(ttplan_record_add(r, 2, bad_kind, bad_text, NULL, JAN_4 + 101 * DAY) == TTPLAN_ERROR_VALUE);
        ttplan_last_error_location(&file, NULL, NULL, NULL);
        CHECK(strcmp(file, "facts[1]") == 0);
        CHECK(strstr(ttplan_last_error(), "\"postpone\" is not a kind of fact") != NULL);
        CHECK(ttplan_record_last_error(r, buffer, sizeof buffer) > 0 && strstr(buffer, "postpone") != NULL);

        CHECK(ttplan_record_add(r, 1, unknown, unknown_text, NULL, JAN_4 + 101 * DAY) == TTPLAN_ERROR_PLANNING);
        ttplan_last_error_location(NULL, &pointer, NULL, NULL);
        CHECK(strcmp(pointer, "/history/3/facts/0") == 0);
        CHECK(ttplan_record_add(r, 1, not_decided, not_decided_text, NULL, JAN_4 + 101 * DAY) ==
              TTPLAN_ERROR_PARAMETER);
        CHECK(strstr(ttplan_last_error(), "ph_positive") != NULL);
        CHECK(ttplan_record_add(r, 0, unknown, unknown_text, NULL, JAN_4) == TTPLAN_ERROR_INVALID_ARGUMENT);
        CHECK(ttplan_record_add(r, 1, NULL, unknown_text, NULL, JAN_4) == TTPLAN_ERROR_INVALID_ARGUMENT);

        CHECK(ttplan_record_to_json(r, &json_again, NULL) == TTPLAN_OK);
        CHECK(json_again != NULL && strcmp(json, json_again) == 0);
        ttplan_free(json_again);
    }
    ttplan_free(json);

    /* A record is made from a profile with a start only. */
    {
        ttplan_profile* empty = NULL;
        CHECK(ttplan_profile_create(&empty) == TTPLAN_OK);
        CHECK(ttplan_record_create(p, empty, JAN_4, &again) == TTPLAN_ERROR_INVALID_ARGUMENT && again == NULL);
        CHECK(ttplan_profile_set_parameter(empty, "ph_positive", "perhaps") == TTPLAN_OK);
        CHECK(ttplan_profile_set_start(empty, "2027-01-04") == TTPLAN_OK);
        CHECK(ttplan_record_create(p, empty, JAN_4, &again) == TTPLAN_ERROR_PARAMETER && again == NULL);
        ttplan_profile_destroy(&empty);
    }
    snprintf(path, sizeof path, "%s/no-such-record.json", dir);
    CHECK(ttplan_record_load_file(path, &again) == TTPLAN_ERROR_IO && again == NULL);
    CHECK(ttplan_record_parse("{\"format\": \"ttplan-record/1\"}", "broken.json", &again) ==
          TTPLAN_ERROR_VALIDATION);

    ttplan_record_destroy(&r);
    ttplan_record_destroy(NULL);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&p);
}

/* Facts as text on a plain profile: the same forms, planned without a record. */
static void profile_facts(void) {
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    CHECK(ttplan_protocol_load_builtin("all-overview", &p) == TTPLAN_OK);
    CHECK(ttplan_profile_create(&pr) == TTPLAN_OK);
    CHECK(ttplan_profile_set_start(pr, "2027-01-04") == TTPLAN_OK);
    CHECK(ttplan_profile_add_fact(pr, "given", "induction:22:Vincristine=2027-01-26") == TTPLAN_OK);
    CHECK(ttplan_profile_add_fact(pr, "omit", "induction:15:Vincristine") == TTPLAN_OK);
    CHECK(ttplan_profile_add_fact(pr, "decide", "induction_response=mrd_positive@2027-02-01") ==
          TTPLAN_ERROR_VALUE);
    CHECK(strstr(ttplan_last_error(), "set the parameter instead") != NULL);
    CHECK(ttplan_profile_add_fact(pr, "pause", "induction=2027-01-20") == TTPLAN_ERROR_VALUE);
    CHECK(strstr(ttplan_last_error(), "phase[#cycle]=YYYY-MM-DD+days") != NULL);
    CHECK(ttplan_plan(p, pr, &s) == TTPLAN_OK);
    CHECK(strcmp(event_date(s, "induction", 22, "Vincristine"), "2027-01-26") == 0);
    CHECK(strcmp(event_date(s, "induction", 15, "Vincristine"), "") == 0);
    CHECK(strcmp(event_date(s, "induction", 8, "Vincristine"), "2027-01-11") == 0);
    ttplan_schedule_destroy(&s);
    /* A fact naming what the plan does not have is the planner's to refuse. */
    CHECK(ttplan_profile_add_fact(pr, "hold", "induction:23:Vincristine") == TTPLAN_OK);
    CHECK(ttplan_plan(p, pr, &s) == TTPLAN_ERROR_PLANNING && s == NULL);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&p);
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCRATCH_DIR\n", argv[0]);
        return 2;
    }
    record_life(argv[1]);
    profile_facts();
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    puts("all record checks passed");
    return 0;
}
