/* The C API in five lines: plan the default protocol from 4 January 2027 and print it. */
#include <ttplan.h>

#include <stdio.h>

int main(void) {
    ttplan_protocol* protocol = NULL;
    ttplan_profile* profile = NULL;
    ttplan_schedule* plan = NULL;
    char* text = NULL;
    int ok;

    if (ttplan_protocol_load_builtin("all-overview", &protocol) == TTPLAN_OK &&
        ttplan_profile_create(&profile) == TTPLAN_OK &&
        ttplan_profile_set_parameter(profile, "ph_positive", "true") == TTPLAN_OK &&
        ttplan_profile_set_start(profile, "2027-01-04") == TTPLAN_OK &&
        ttplan_plan(protocol, profile, &plan) == TTPLAN_OK &&
        ttplan_schedule_render(plan, "text", NULL, &text, NULL) == TTPLAN_OK) {
        fputs(text, stdout);
    }
    ok = text != NULL;
    if (!ok) {
        fprintf(stderr, "ttplan: %s\n", ttplan_last_error());
    }
    ttplan_free(text);
    ttplan_schedule_destroy(&plan);
    ttplan_profile_destroy(&profile);
    ttplan_protocol_destroy(&protocol);
    return ok ? 0 : 1;
}
