/* Decisions taken during treatment, windows and uncertain lengths, from C99: the default
 * protocol's end-of-induction MRD decision, pending and given, its pegaspargase window, windows
 * that list their dates ("Day 8 or Day 15", "or 1 or 2 weeks later"), and hyper-CVAD's courses
 * of "about 3-4 weeks". */
#include "check.h"

#include <stdio.h>
#include <string.h>

static ttplan_schedule* plan(const ttplan_protocol* p, const char* response) {
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    CHECK(ttplan_profile_create(&pr) == TTPLAN_OK);
    CHECK(ttplan_profile_set_start(pr, "2027-01-04") == TTPLAN_OK);
    if (response != NULL)
        CHECK(ttplan_profile_set_parameter(pr, "induction_response", response) == TTPLAN_OK);
    CHECK(ttplan_plan(p, pr, &s) == TTPLAN_OK);
    ttplan_profile_destroy(&pr);
    return s;
}

int main(void) {
    ttplan_protocol* p = NULL;
    ttplan_schedule* s;
    ttplan_decision_info d;
    ttplan_phase_info ph;
    ttplan_event_info ev;
    const char* option = NULL;
    size_t i;
    int after = 0;

    CHECK(ttplan_protocol_load_builtin("all-overview", &p) == TTPLAN_OK);

    s = plan(p, NULL);
    CHECK(ttplan_schedule_decision_count(s) == 1);
    CHECK(ttplan_schedule_decision(s, 0, &d) == TTPLAN_OK);
    CHECK(strcmp(d.parameter, "induction_response") == 0);
    CHECK(strcmp(d.date, "2027-02-01") == 0);
    CHECK(strcmp(d.phase, "induction") == 0 && d.day == 29 && d.cycle == 0);
    CHECK(d.pending == 1 && d.value == NULL);
    CHECK(strcmp(d.assumed, "mrd_negative") == 0);
    CHECK(strstr(d.decided_by, "MRD") != NULL);
    CHECK(d.option_count == 2);
    CHECK(ttplan_schedule_decision_option(s, 0, 1, &option) == TTPLAN_OK &&
          strcmp(option, "mrd_positive") == 0);
    CHECK(ttplan_schedule_decision_option(s, 0, 2, &option) == TTPLAN_ERROR_INVALID_ARGUMENT);
    CHECK(strstr(ttplan_last_error(), "option index 2") != NULL);
    CHECK(ttplan_schedule_decision(s, 1, &d) == TTPLAN_ERROR_INVALID_ARGUMENT);

    CHECK(ttplan_schedule_phase(s, 0, &ph) == TTPLAN_OK);
    CHECK(strcmp(ph.phase, "induction") == 0 && strcmp(ph.pending, "") == 0);
    CHECK(ph.start_earliest == NULL && ph.start_latest == NULL);
    CHECK(ph.start_dates != NULL && strcmp(ph.start_dates, "") == 0);
    CHECK(ttplan_schedule_phase(s, 1, &ph) == TTPLAN_OK);
    CHECK(strcmp(ph.phase, "consolidation") == 0 && strcmp(ph.pending, "induction_response") == 0);
    for (i = 0; i < ttplan_schedule_event_count(s); ++i) {
        CHECK(ttplan_schedule_event(s, i, &ev) == TTPLAN_OK);
        CHECK(strcmp(ev.pending, strcmp(ev.date, "2027-02-01") > 0 ? "induction_response" : "") == 0);
        after += strcmp(ev.date, "2027-02-01") > 0;
        /* Pegaspargase may be given on Day 4, 5 or 6; nothing else in induction moves. */
        if (strcmp(ev.activity, "Pegaspargase") == 0 && ev.day == 4 && strcmp(ev.phase, "induction") == 0) {
            CHECK(ev.window_earliest != NULL && strcmp(ev.window_earliest, "2027-01-07") == 0);
            CHECK(ev.window_latest != NULL && strcmp(ev.window_latest, "2027-01-09") == 0);
            CHECK(ev.window_dates != NULL && strcmp(ev.window_dates, "") == 0); /* a range */
        } else if (strcmp(ev.phase, "induction") == 0) {
            CHECK(ev.window_earliest == NULL && ev.window_latest == NULL);
            CHECK(ev.window_dates != NULL && strcmp(ev.window_dates, "") == 0);
        }
    }
    CHECK(after > 0);
    ttplan_schedule_destroy(&s);

    s = plan(p, "mrd_positive");
    CHECK(ttplan_schedule_decision(s, 0, &d) == TTPLAN_OK);
    CHECK(d.pending == 0 && d.value != NULL && strcmp(d.value, "mrd_positive") == 0);
    CHECK(ttplan_schedule_phase(s, 1, &ph) == TTPLAN_OK);
    CHECK(strcmp(ph.phase, "consolidation_augmented") == 0 && strcmp(ph.pending, "") == 0);
    ttplan_schedule_destroy(&s);

    ttplan_protocol_destroy(&p);

    /* Hyper-CVAD courses are 21 days, possibly 28: course 1 may end a week later, course 2 may
     * start a week later, and the plan's end moves by up to 8 weeks. */
    {
        ttplan_span_info sp;
        const char* end_earliest = "unset";
        const char* end_latest = "unset";
        int moving_events = 0;
        CHECK(ttplan_protocol_load_builtin("hyper-cvad", &p) == TTPLAN_OK);
        s = plan(p, NULL);
        CHECK(ttplan_schedule_phase(s, 0, &ph) == TTPLAN_OK);
        CHECK(ph.cycle == 1 && ph.earliest_start == NULL && ph.latest_start == NULL);
        CHECK(ph.earliest_end != NULL && strcmp(ph.earliest_end, "2027-01-24") == 0);
        CHECK(ph.latest_end != NULL && strcmp(ph.latest_end, "2027-01-31") == 0);
        CHECK(ttplan_schedule_phase(s, 1, &ph) == TTPLAN_OK);
        CHECK(ph.cycle == 2 && ph.tentative == 1);
        CHECK(ph.earliest_start != NULL && strcmp(ph.earliest_start, "2027-01-25") == 0);
        CHECK(ph.latest_start != NULL && strcmp(ph.latest_start, "2027-02-01") == 0);
        for (i = 0; i < ttplan_schedule_event_count(s); ++i) {
            CHECK(ttplan_schedule_event(s, i, &ev) == TTPLAN_OK);
            CHECK((ev.earliest_date == NULL) == (ev.latest_date == NULL));
            if (ev.cycle == 1 && strcmp(ev.phase, "courses") == 0) CHECK(ev.earliest_date == NULL);
            moving_events += ev.earliest_date != NULL;
        }
        CHECK(moving_events > 0);
        for (i = 0; i < ttplan_schedule_span_count(s); ++i) {
            CHECK(ttplan_schedule_span(s, i, &sp) == TTPLAN_OK);
            CHECK((sp.earliest_end == NULL) == (sp.latest_end == NULL));
        }
        CHECK(ttplan_schedule_possible_end(s, &end_earliest, &end_latest) == TTPLAN_OK);
        CHECK(end_earliest != NULL && strcmp(end_earliest, "2029-06-20") == 0);
        CHECK(end_latest != NULL && strcmp(end_latest, "2029-08-15") == 0);
        CHECK(ttplan_schedule_possible_end(NULL, &end_earliest, &end_latest) ==
              TTPLAN_ERROR_INVALID_ARGUMENT);
        ttplan_schedule_destroy(&s);
        ttplan_protocol_destroy(&p);
    }

    /* A protocol without uncertain lengths: nothing moves. */
    {
        const char* end_earliest = "unset";
        const char* end_latest = "unset";
        CHECK(ttplan_protocol_load_builtin("cranial-radiation", &p) == TTPLAN_OK);
        s = plan(p, NULL);
        CHECK(ttplan_schedule_possible_end(s, &end_earliest, &end_latest) == TTPLAN_OK);
        CHECK(end_earliest == NULL && end_latest == NULL);
        CHECK(ttplan_schedule_possible_end(s, NULL, NULL) == TTPLAN_OK);
        ttplan_schedule_destroy(&s);
        ttplan_protocol_destroy(&p);
    }

    /* Vincristine on Day 8 or Day 15 (2027-01-11 or 2027-01-18); consolidation 1 or 2 weeks
     * after induction may start too. */
    CHECK(ttplan_protocol_parse(
              "{\"format\": \"ttplan-protocol/2\", \"id\": \"allowed\", \"title\": \"Allowed\", "
              "\"phases\": [{\"id\": \"induction\", \"name\": \"Induction\", \"length\": \"29d\", "
              "\"activities\": [{\"name\": \"Vincristine\", \"category\": \"chemotherapy\", \"days\": \"8\", "
              "\"window\": {\"alternatives\": [7]}}]}, "
              "{\"id\": \"consolidation\", \"name\": \"Consolidation\", \"length\": \"4w\", "
              "\"activities\": [{\"name\": \"Cytarabine\", \"category\": \"chemotherapy\", \"days\": "
              "\"1\"}]}], "
              "\"dependencies\": [{\"from\": \"induction\", \"to\": \"consolidation\", "
              "\"window\": [\"1w\", \"2w\"]}]}",
              "allowed.json", &p) == TTPLAN_OK);
    s = plan(p, NULL);
    CHECK(ttplan_schedule_event_count(s) == 2);
    CHECK(ttplan_schedule_event(s, 0, &ev) == TTPLAN_OK);
    CHECK(strcmp(ev.date, "2027-01-11") == 0);
    CHECK(ev.window_earliest != NULL && strcmp(ev.window_earliest, "2027-01-11") == 0);
    CHECK(ev.window_latest != NULL && strcmp(ev.window_latest, "2027-01-18") == 0);
    CHECK(ev.window_dates != NULL && strcmp(ev.window_dates, "2027-01-11,2027-01-18") == 0);
    CHECK(ttplan_schedule_phase(s, 1, &ph) == TTPLAN_OK);
    CHECK(ph.start_earliest != NULL && strcmp(ph.start_earliest, "2027-02-02") == 0);
    CHECK(ph.start_latest != NULL && strcmp(ph.start_latest, "2027-02-16") == 0);
    CHECK(ph.start_dates != NULL && strcmp(ph.start_dates, "2027-02-02,2027-02-09,2027-02-16") == 0);
    ttplan_schedule_destroy(&s);
    ttplan_protocol_destroy(&p);

    if (failures > 0) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures > 0 ? 1 : 0;
}
