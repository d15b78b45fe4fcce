/* A re-planned calendar from C99: the calendar id derived when none is given, cancelled events
 * for what the previous revision had, and the change list between the two schedules. */
#include "check.h"

#include <stdio.h>
#include <string.h>

/* The default protocol from 2027-01-04 with delayed intensification `days` late: maintenance
 * runs to a limit counted from before it, so 84 days late drops its last cycle. */
static ttplan_schedule* plan(const ttplan_protocol* p, int days) {
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    CHECK(ttplan_profile_create(&pr) == TTPLAN_OK);
    CHECK(ttplan_profile_set_start(pr, "2027-01-04") == TTPLAN_OK);
    CHECK(ttplan_profile_set_delay(pr, "delayed_intensification", 0, days) == TTPLAN_OK);
    CHECK(ttplan_plan(p, pr, &s) == TTPLAN_OK);
    ttplan_profile_destroy(&pr);
    return s;
}

int main(void) {
    ttplan_protocol* p = NULL;
    ttplan_schedule* first;
    ttplan_schedule* second;
    ttplan_render_options options;
    char* derived = NULL;
    char* given = NULL;
    char* text = NULL;
    char* json = NULL;
    size_t length = 0;

    CHECK(ttplan_protocol_load_builtin("all-overview", &p) == TTPLAN_OK);
    first = plan(p, 0);
    second = plan(p, 84);

    ttplan_render_options_init(&options);
    CHECK(options.calendar_id == NULL && options.previous == NULL);
    /* Without an id the UIDs come from the plan: a 16-hex-digit id, not a constant. */
    CHECK(ttplan_schedule_render(first, "ics", &options, &derived, NULL) == TTPLAN_OK);
    options.calendar_id = "ttplan";
    CHECK(ttplan_schedule_render(first, "ics", &options, &given, NULL) == TTPLAN_OK);
    CHECK(derived != NULL && given != NULL && strcmp(derived, given) != 0);
    ttplan_free(derived);
    ttplan_free(given);

    options.calendar_id = "clinic-42";
    options.sequence = 1;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && count(text, "STATUS:CANCELLED") == 0);
    ttplan_free(text);
    options.previous = first;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_OK);

    CHECK(ttplan_schedule_changes(first, second, "clinic-42", "text", &json, &length) == TTPLAN_OK);
    CHECK(json != NULL && strlen(json) == length && strstr(json, "removed  ") != NULL);
    /* One cancelled event per removed item. */
    CHECK(text != NULL && count(text, "STATUS:CANCELLED") == count(json, "removed  "));
    CHECK(count(text, "STATUS:CANCELLED") > 0);
    /* One line per change; the last cycle's items moved or were removed, none was added. */
    CHECK(count(json, "moved    ") > 0 && count(json, "added    ") == 0);
    CHECK(count(json, "\n") == count(json, "removed  ") + count(json, "moved    "));
    ttplan_free(text);
    ttplan_free(json);

    CHECK(ttplan_schedule_changes(first, second, "clinic-42", "json", &json, NULL) == TTPLAN_OK);
    CHECK(json != NULL && strncmp(json, "{\n  \"format\": \"ttplan-changes/1\"", 32) == 0);
    ttplan_free(json);
    CHECK(ttplan_schedule_changes(first, first, NULL, "text", &json, NULL) == TTPLAN_OK);
    CHECK(json != NULL && strcmp(json, "No changes.\n") == 0);
    ttplan_free(json);

    json = NULL;
    CHECK(ttplan_schedule_changes(first, second, NULL, "csv", &json, NULL) == TTPLAN_ERROR_INVALID_ARGUMENT);
    CHECK(json == NULL && strstr(ttplan_last_error(), "json") != NULL);
    CHECK(ttplan_schedule_changes(first, NULL, NULL, "text", &json, NULL) == TTPLAN_ERROR_INVALID_ARGUMENT);
    CHECK(ttplan_schedule_changes(first, second, "has spaces", "text", &json, NULL) == TTPLAN_ERROR_VALUE);
    CHECK(strstr(ttplan_last_error(), "calendar_id") != NULL);

    ttplan_schedule_destroy(&first);
    ttplan_schedule_destroy(&second);
    ttplan_protocol_destroy(&p);
    if (failures != 0) fprintf(stderr, "%d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
