// TTPLAN_API: what the shared library exports. The library is built with hidden visibility, so
// only the public headers' declarations (each header opens `namespace TTPLAN_API ttplan`) are
// visible to programs that link it; everything in ttplan::detail stays private, and no private
// helper can clash with a program's symbols.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define TTPLAN_API [[gnu::visibility("default")]]
#else
#define TTPLAN_API
#endif
