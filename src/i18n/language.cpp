#include "i18n/language.hpp"

#include "i18n/catalog_data.hpp"

#include <ttplan/error.hpp>
#include <ttplan/format.hpp>

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>

#include <algorithm>
#include <locale>
#include <vector>

namespace ttplan {

const std::vector<language_info>& languages() {
    static const std::vector<language_info> all{{"en", "English"}, {"es", "Español"}, {"fr", "Français"}};
    return all;
}

namespace detail {

namespace {

using facet = boost::locale::message_format<char>;

struct language {
    std::string_view code;
    std::locale holder;               // owns the facet (its destructor is the locale's to call)
    const facet* messages = nullptr;  // null for English
};

// The facet for each language, made from its embedded catalog the first time one is needed.
// Boost.Locale asks for "<path>/<language>/LC_MESSAGES/<domain>.mo"; the callback answers from
// memory, so no file is read and the result is the same on every machine.
const std::vector<language>& all_languages() {
    static const std::vector<language> made = [] {
        std::vector<language> out;
        for (const language_info& info : languages()) {
            language l{info.code, std::locale::classic(), nullptr};
            if (info.code != "en") {
                const auto file =
                    std::find_if(catalog_files().begin(), catalog_files().end(),
                                 [&](const catalog_file& f) { return f.language == info.code; });
                if (file == catalog_files().end())
                    throw error("no message catalog was built for the language " + std::string(info.code));
                boost::locale::gnu_gettext::messages_info messages;
                messages.language = std::string(info.code);
                messages.encoding = "UTF-8";
                messages.domains.emplace_back("ttplan");
                messages.paths.emplace_back("embedded");
                const std::string wanted = "embedded/" + messages.language + "/LC_MESSAGES/ttplan.mo";
                const std::string_view mo = file->mo;
                messages.callback = [wanted, mo](const std::string& name, const std::string&) {
                    return name == wanted ? std::vector<char>(mo.begin(), mo.end()) : std::vector<char>{};
                };
                facet* catalog = boost::locale::gnu_gettext::create_messages_facet<char>(messages);
                l.holder = std::locale(std::locale::classic(), catalog);
                l.messages = catalog;
            }
            out.push_back(std::move(l));
        }
        return out;
    }();
    return made;
}

thread_local const language* current = nullptr;

}  // namespace

language_scope::language_scope(std::string_view code) : outer_(current) {
    if (code.empty()) code = "en";
    const auto& all = all_languages();
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const language& l) { return l.code == code; });
    if (found == all.end()) {
        std::string known;
        for (const language_info& info : languages()) {
            if (!known.empty()) known += ", ";
            known += info.code;
        }
        throw value_error("unknown language \"" + std::string(code) + "\"; languages: " + known,
                          location{"language", {}, 0, 0});
    }
    current = &*found;
}

language_scope::~language_scope() {
    current = static_cast<const language*>(outer_);
}

std::string_view current_language() {
    return current ? current->code : std::string_view("en");
}

const char* tr(const char* english) {
    if (!current || !current->messages) return english;
    const char* found = current->messages->get(0, nullptr, english);
    return found ? found : english;
}

const char* trc(const char* context, const char* english) {
    if (!current || !current->messages) return english;
    const char* found = current->messages->get(0, context, english);
    return found ? found : english;
}

const char* trn(const char* one, const char* many, long long n) {
    if (current && current->messages) {
        // The catalog's plural rule takes an int; counts in plans are far smaller.
        const int count = static_cast<int>(std::clamp<long long>(n, -1'000'000'000, 1'000'000'000));
        if (const char* found = current->messages->get(0, nullptr, one, count)) return found;
    }
    return n == 1 ? one : many;
}

}  // namespace detail
}  // namespace ttplan
