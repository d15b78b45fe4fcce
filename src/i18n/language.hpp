// Fixed texts in the reader's language. Every human format writes its headings, legends,
// lengths in words, date names and the safety line through these calls; xgettext finds them by
// name (po/README.md), and the translations come from the catalogs in po/ through Boost.Locale's
// gettext reader. English is the text in the source: it needs no catalog.
//
// The language is the calling thread's, set by a language_scope for the time a format is
// written (render() and every to_* that takes render_options open one), so the words every
// format shares need no extra argument. Private to the library.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace ttplan::detail {

// While it lives, fixed texts on this thread are in `language` ("" or "en": English; a
// language of languages()). Throws value_error at "language", listing the languages, for one it
// does not know.
// Scopes nest: the outer language comes back when an inner scope ends.
class language_scope {
public:
    explicit language_scope(std::string_view language);
    ~language_scope();
    language_scope(const language_scope&) = delete;
    language_scope& operator=(const language_scope&) = delete;

private:
    const void* outer_;
};

// Marks an English text for the catalogs where it is kept for later, in a table: the code that
// writes it passes it through tr().
constexpr const char* N_(const char* english) {
    return english;
}

// The language of this thread's fixed texts: "en", "es", ...
std::string_view current_language();

// The text in the current language; `english` when the catalog has no translation.
const char* tr(const char* english);
// The same for a text whose English is ambiguous ("May" the month), told apart by `context`.
const char* trc(const char* context, const char* english);
// A text that depends on a count: `one` or `many` in English, as the language's plural rule
// (the catalog's Plural-Forms) chooses for `n` in others.
const char* trn(const char* one, const char* many, long long n);

// A translated text with named {fields}, formatted: trf("Day {day}", fmt::arg("day", 8)). The
// catalog check (msgfmt --check, po/README.md) makes sure a translation has the same fields.
template <class... Args>
std::string trf(const char* english, const Args&... args) {
    return fmt::format(fmt::runtime(tr(english)), args...);
}
template <class... Args>
std::string trnf(const char* one, const char* many, long long n, const Args&... args) {
    return fmt::format(fmt::runtime(trn(one, many, n)), args...);
}

}  // namespace ttplan::detail
