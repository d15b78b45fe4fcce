#include <ttplan/text.hpp>

#include "utf8_text.hpp"

namespace ttplan {

std::string printable_line(std::string_view text) {
    return detail::one_line_text(text);
}

std::string printable_text(std::string_view text) {
    return detail::lines_text(text);
}

}  // namespace ttplan
