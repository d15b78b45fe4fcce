#include "category_style.hpp"

#include <array>
#include <cstddef>

namespace ttplan::detail {

namespace {

// In declaration order of `category`. The white marks make categories differ in grey print too.
constexpr std::array<category_style, std::size(all_categories)> styles{{
    {'C', "CH", "#0b5fa5", ""},  // chemotherapy
    {'T', "TG", "#00704f", R"~(<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="#fff" stroke-width="1.5"/>)~"},
    {'I', "IT", "#b93b0b", R"~(<circle cx="4" cy="4" r="1.7" fill="#fff"/>)~"},
    {'R', "RT", "#9c2a6b", R"~(<path d="M0 4H8" stroke="#fff" stroke-width="2"/>)~"},
    {'U', "IM", "#8a5a00", R"~(<path d="M4 0V8" stroke="#fff" stroke-width="2"/>)~"},
    {'X', "CL", "#0e6e86", R"~(<path d="M0 4H8M4 0V8" stroke="#fff" stroke-width="1.5"/>)~"},
    {'S', "TX", "#6e1835", R"~(<path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke="#fff" stroke-width="1.5"/>)~"},
    {'A', "AS", "#5b3ba8", R"~(<path d="M0 0H4V4H0ZM4 4H8V8H4Z" fill="#fff" fill-opacity="0.6"/>)~"},
    {'H', "HS", "#6b4a2a", R"~(<path d="M0 0L8 8M0 8L8 0" stroke="#fff" stroke-width="1.2"/>)~"},
    {'N', "RS", "#4d4d4d", R"~(<path d="M0 2H8M0 6H8" stroke="#fff" stroke-width="1"/>)~"},
    {'M', "MS", "#111111", ""},  // milestone
}};

static_assert(all_categories[std::size(all_categories) - 1] == category::milestone,
              "styles follow the declaration order of category");

}  // namespace

const category_style& style_of(category c) {
    return styles[static_cast<std::size_t>(c)];
}

}  // namespace ttplan::detail
