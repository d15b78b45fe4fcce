// Escaping for the markup formats (HTML/SVG, Graphviz DOT, Mermaid, Markdown). Protocol text is
// untrusted input: every string any of these formats writes goes through one of these.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttplan::detail {

// Text made safe for XML and HTML, in element content and in quoted attribute values alike:
// & < > " ' become references, newlines and tabs numeric references, other controls and
// bidirectional controls what utf8_text.hpp's shown_as gives, and invalid UTF-8 and
// U+FFFE/U+FFFF U+FFFD.
std::string escape_xml(std::string_view text);

// The inside of a double-quoted DOT string: backslash and quote escaped, a newline as the
// label line break \n, invalid UTF-8 as U+FFFD, other controls as in every format.
std::string escape_dot(std::string_view text);

// The inside of a quoted Mermaid label (["..."] or |"..."|) or a %% comment: quote, #, %, &,
// <, >, | and backtick as Mermaid entity codes (#quot; ...), so no "%%{init}%%" directive can
// form; line breaks as spaces; invalid UTF-8 as U+FFFD and other controls as in every format
// (utf8_text.hpp).
std::string escape_mermaid(std::string_view text);

// Protocol text as inert Markdown: one line (utf8_text.hpp's one_line_text), no HTML, no
// emphasis, links or table breaks. Entities for < > & keep tags and entity references from
// forming; backslash escapes cover the punctuation CommonMark and GitHub tables give meaning
// to. ':' and the '.' after "www" are escaped so that "http://..." or "www...." stays text
// instead of becoming a GitHub autolink (e-mail addresses may still be linked by GitHub; a
// mailto link runs nothing). Invalid UTF-8 becomes U+FFFD.
std::string escape_markdown(std::string_view text);

// `text` within `max_columns` columns (wide characters count two, utf8_text.hpp), ending in
// "…" when shortened. Never splits a character.
std::string shorten(std::string_view text, std::size_t max_columns);

}  // namespace ttplan::detail
