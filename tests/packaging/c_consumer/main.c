/* A C program that uses an installed ttplan: plans the default protocol from the date given as
 * the first argument and prints its first and last dates under the label given as the second.
 * It then asks for a protocol that does not exist: the library throws and catches a C++
 * exception inside, so this also runs the C++ runtime's unwinding that the link must carry. */
#include <ttplan.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
    const char* start = argc > 1 ? argv[1] : "2027-01-04";
    const char* label = argc > 2 ? argv[2] : "C consumer";
    ttplan_protocol* protocol = NULL;
    ttplan_protocol* unknown = NULL;
    ttplan_profile* profile = NULL;
    ttplan_schedule* plan = NULL;
    ttplan_phase_info first;
    ttplan_phase_info last;
    size_t phases = 0;
    int ok = 0;

    if (ttplan_protocol_load_builtin("all-overview", &protocol) == TTPLAN_OK &&
        ttplan_profile_create(&profile) == TTPLAN_OK &&
        ttplan_profile_set_start(profile, start) == TTPLAN_OK &&
        ttplan_plan(protocol, profile, &plan) == TTPLAN_OK) {
        phases = ttplan_schedule_phase_count(plan);
        ok = phases > 0 && ttplan_schedule_phase(plan, 0, &first) == TTPLAN_OK &&
             ttplan_schedule_phase(plan, phases - 1, &last) == TTPLAN_OK;
    }
    if (!ok) {
        fprintf(stderr, "%s: %s\n", label, ttplan_last_error());
    } else if (ttplan_protocol_load_builtin("no-such-protocol", &unknown) != TTPLAN_ERROR ||
               unknown != NULL || strstr(ttplan_last_error(), "no-such-protocol") == NULL) {
        fprintf(stderr, "%s: an unknown protocol was not refused with its name: %s\n", label,
                ttplan_last_error());
        ok = 0;
    } else {
        printf("%s: %s to %s, %zu phases; an unknown protocol is refused\n", label, first.first, last.last,
               phases);
    }
    ttplan_schedule_destroy(&plan);
    ttplan_profile_destroy(&profile);
    ttplan_protocol_destroy(&protocol);
    return ok ? 0 : 1;
}
