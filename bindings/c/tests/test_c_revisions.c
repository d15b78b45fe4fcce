/* A re-planned calendar from C99: the calendar id derived when none is given, cancelled events
 * for what the previous revision had, the change list between the two schedules, and reminders
 * on the treatment days (none on cancelled events). */
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

/* Whether any cancelled event of `text` carries an alarm: its VALARMs would come after STATUS. */
static int cancelled_with_alarm(const char* text) {
    const char* at;
    for (at = strstr(text, "STATUS:CANCELLED"); at != NULL; at = strstr(at + 1, "STATUS:CANCELLED")) {
        const char* end = strstr(at, "END:VEVENT");
        const char* alarm = strstr(at, "BEGIN:VALARM");
        if (alarm != NULL && (end == NULL || alarm < end)) return 1;
    }
    return 0;
}

static void test_reminders(const ttplan_schedule* first, const ttplan_schedule* second) {
    const char* remind[] = {"2h", "1d"};
    const char* bad[] = {"1d", "0d"};
    const char* null_length[] = {"1d", NULL};
    ttplan_render_options options;
    char* text = NULL;

    ttplan_render_options_init(&options);
    CHECK(options.remind == NULL && options.remind_count == 0);
    options.calendar_id = "clinic-42";
    options.sequence = 1;
    options.previous = first;
    options.remind = remind;
    options.remind_count = 2;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && count(text, "BEGIN:VALARM") > 0);
    CHECK(count(text, "TRIGGER:-P1D\r\n") == count(text, "TRIGGER:-PT2H\r\n"));
    CHECK(count(text, "BEGIN:VALARM") == 2 * count(text, "TRIGGER:-P1D\r\n"));
    CHECK(count(text, "ACTION:DISPLAY\r\n") == count(text, "BEGIN:VALARM"));
    /* Longest first, whatever the order given. */
    CHECK(strstr(text, "TRIGGER:-P1D") < strstr(text, "TRIGGER:-PT2H"));
    CHECK(count(text, "STATUS:CANCELLED") > 0 && !cancelled_with_alarm(text));
    ttplan_free(text);

    text = NULL;
    options.remind = bad;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_ERROR_VALUE);
    CHECK(text == NULL && strstr(ttplan_last_error(), "remind[1]") != NULL && strstr(ttplan_last_error(), "0d") != NULL);
    options.remind = null_length;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(ttplan_last_error(), "remind[1]") != NULL);
    options.remind = NULL;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_ERROR_INVALID_ARGUMENT);
    options.remind_count = 0;
    CHECK(ttplan_schedule_render(second, "ics", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && count(text, "VALARM") == 0);
    ttplan_free(text);
    /* Only iCalendar carries them: another format refuses rather than drop them. */
    text = NULL;
    options.remind = remind;
    options.remind_count = 1;
    CHECK(ttplan_schedule_render(second, "csv", &options, &text, NULL) == TTPLAN_ERROR_VALUE);
    CHECK(text == NULL && strstr(ttplan_last_error(), "remind") != NULL);
}

/* The reader's day: a What's next section in text, md and html, a today line in html, nothing
 * in the machine formats; NULL (the default) shows none, a bad date names the field. */
static void test_today(const ttplan_schedule* s) {
    ttplan_render_options options;
    char* text = NULL;
    char* plain = NULL;

    ttplan_render_options_init(&options);
    CHECK(options.today == NULL);
    CHECK(ttplan_schedule_render(s, "html", &options, &plain, NULL) == TTPLAN_OK);
    CHECK(plain != NULL && strstr(plain, "What's next") == NULL && strstr(plain, "class=\"today\"") == NULL);
    ttplan_free(plain);
    plain = NULL;
    options.today = "2027-01-11";
    CHECK(ttplan_schedule_render(s, "html", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && strstr(text, "<g class=\"today\" data-date=\"2027-01-11\">") != NULL);
    CHECK(strstr(text, "Today is Day 8 of Induction.") != NULL);
    ttplan_free(text);
    text = NULL;
    CHECK(ttplan_schedule_render(s, "text", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && strstr(text, "What's next (today: Mon 11 Jan 2027)") != NULL);
    ttplan_free(text);
    text = NULL;
    options.today = "2026-12-25";
    CHECK(ttplan_schedule_render(s, "md", &options, &text, NULL) == TTPLAN_OK);
    CHECK(text != NULL && strstr(text, "Treatment starts in 10 days, on Mon 4 Jan 2027.") != NULL);
    ttplan_free(text);
    text = NULL;
    /* JSON is the same whatever the day. */
    CHECK(ttplan_schedule_render(s, "json", &options, &text, NULL) == TTPLAN_OK);
    options.today = NULL;
    CHECK(ttplan_schedule_render(s, "json", &options, &plain, NULL) == TTPLAN_OK);
    CHECK(text != NULL && plain != NULL && strcmp(text, plain) == 0);
    ttplan_free(text);
    ttplan_free(plain);
    text = NULL;
    options.today = "2027-02-30";
    CHECK(ttplan_schedule_render(s, "html", &options, &text, NULL) == TTPLAN_ERROR_VALUE);
    CHECK(text == NULL && strstr(ttplan_last_error(), "today") != NULL);
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
    test_today(first);

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

    test_reminders(first, second);

    ttplan_schedule_destroy(&first);
    ttplan_schedule_destroy(&second);
    ttplan_protocol_destroy(&p);
    if (failures != 0) fprintf(stderr, "%d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
