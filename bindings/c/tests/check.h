/* What the C tests share: CHECK counts a failed condition and says where, with the library's
 * last error, and count() how often a text holds another. Each test includes it once. */
#ifndef TTPLAN_TEST_CHECK_H
#define TTPLAN_TEST_CHECK_H

#include <ttplan.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            ++failures;                                                                 \
            fprintf(stderr, "%s:%d: CHECK(%s) failed: %s\n", __FILE__, __LINE__, #cond, \
                    ttplan_last_error());                                               \
        }                                                                               \
    } while (0)

/* How many times `needle` starts in `text`, overlaps counted. */
static inline size_t count(const char* text, const char* needle) {
    size_t n = 0;
    const char* at;
    for (at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle)) ++n;
    return n;
}

#endif
