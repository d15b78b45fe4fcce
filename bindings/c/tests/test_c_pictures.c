/* Pictures from C99: PNG and PDF bytes (with NUL bytes inside, so read by length), binary
 * formats marked, the one-page summary's paper and orientation, checked by name, and the
 * language of the human formats. */
#include "check.h"

#include <stdio.h>
#include <string.h>

static int format_index(const char* name) {
    size_t i;
    for (i = 0; i < ttplan_format_count(); ++i) {
        const char* n = NULL;
        CHECK(ttplan_format_info(i, &n, NULL, NULL) == TTPLAN_OK);
        if (strcmp(n, name) == 0) return (int)i;
    }
    return -1;
}

/* Whether `needle` occurs in the first `length` bytes of `bytes` (which may hold NUL bytes). */
static int contains(const char* bytes, size_t length, const char* needle) {
    const size_t n = strlen(needle);
    size_t i;
    for (i = 0; i + n <= length; ++i) {
        if (memcmp(bytes + i, needle, n) == 0) return 1;
    }
    return 0;
}

int main(void) {
    ttplan_protocol* p = NULL;
    ttplan_profile* pr = NULL;
    ttplan_schedule* s = NULL;
    ttplan_render_options options;
    char* out = NULL;
    size_t length = 0;
    const char* name = NULL;

    CHECK(ttplan_protocol_load_builtin(NULL, &p) == TTPLAN_OK);
    CHECK(ttplan_profile_create(&pr) == TTPLAN_OK);
    CHECK(ttplan_profile_set_start(pr, "2027-01-04") == TTPLAN_OK);
    CHECK(ttplan_plan(p, pr, &s) == TTPLAN_OK);

    CHECK(ttplan_format_is_binary((size_t)format_index("png")) == 1);
    CHECK(ttplan_format_is_binary((size_t)format_index("page")) == 1);
    CHECK(ttplan_format_is_binary((size_t)format_index("svg")) == 0);
    CHECK(ttplan_format_is_binary(ttplan_format_count()) == -1);
    CHECK(ttplan_format_for_path("plan.png", &name) == TTPLAN_OK && name != NULL && strcmp(name, "png") == 0);

    CHECK(ttplan_schedule_render(s, "png", NULL, &out, &length) == TTPLAN_OK);
    CHECK(out != NULL && length > 1000 && memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0);
    /* Binary: the length, not strlen, says where it ends. */
    CHECK(strlen(out) < length);
    ttplan_free(out);

    ttplan_render_options_init(&options);
    CHECK(options.paper == NULL && options.orientation == NULL);
    options.paper = "letter";
    options.orientation = "portrait";
    CHECK(ttplan_schedule_render(s, "page", &options, &out, &length) == TTPLAN_OK);
    CHECK(out != NULL && memcmp(out, "%PDF-", 5) == 0);
    /* One Letter page upright: 612 x 792 points. */
    CHECK(contains(out, length, "/MediaBox [ 0 0 612 792 ]"));
    ttplan_free(out);

    out = NULL;
    options.paper = "a5";
    CHECK(ttplan_schedule_render(s, "page", &options, &out, &length) == TTPLAN_ERROR_VALUE);
    CHECK(out == NULL && strstr(ttplan_last_error(), "paper") != NULL && strstr(ttplan_last_error(), "a5") != NULL);
    options.paper = "a4";
    options.orientation = "sideways";
    CHECK(ttplan_schedule_render(s, "page", &options, &out, &length) == TTPLAN_ERROR_VALUE);
    CHECK(strstr(ttplan_last_error(), "orientation") != NULL);
    /* The sheet is the page's alone. */
    options.orientation = NULL;
    CHECK(ttplan_schedule_render(s, "pdf", &options, &out, &length) == TTPLAN_ERROR_VALUE);
    CHECK(strstr(ttplan_last_error(), "paper") != NULL);

    /* Languages: the fixed texts and the default protocol's own texts in Spanish, a page that says
     * so, English for NULL, and an unknown code refused at "language". */
    ttplan_render_options_init(&options);
    CHECK(options.language == NULL);
    options.language = "es";
    CHECK(ttplan_schedule_render(s, "text", &options, &out, &length) == TTPLAN_OK);
    CHECK(strstr(out, "lun 4 ene 2027") != NULL && strstr(out, "Inducción") != NULL);
    ttplan_free(out);
    CHECK(ttplan_schedule_render(s, "svg", &options, &out, &length) == TTPLAN_OK);
    CHECK(strstr(out, "Inducción") != NULL);
    ttplan_free(out);
    options.language = NULL;
    CHECK(ttplan_schedule_render(s, "text", &options, &out, &length) == TTPLAN_OK);
    CHECK(strstr(out, "Mon 4 Jan 2027") != NULL && strstr(out, "Inducción") == NULL);
    ttplan_free(out);
    options.language = "de";
    out = NULL;
    CHECK(ttplan_schedule_render(s, "text", &options, &out, &length) == TTPLAN_ERROR_VALUE);
    CHECK(out == NULL && strstr(ttplan_last_error(), "en, es, fr") != NULL);
    {
        const char* file = NULL;
        ttplan_last_error_location(&file, NULL, NULL, NULL);
        CHECK(file != NULL && strcmp(file, "language") == 0);
    }

    ttplan_schedule_destroy(&s);
    ttplan_profile_destroy(&pr);
    ttplan_protocol_destroy(&p);
    if (failures != 0) fprintf(stderr, "%d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
