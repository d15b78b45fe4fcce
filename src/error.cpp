#include <ttplan/error.hpp>

#include "utf8_text.hpp"

#include <fmt/format.h>

namespace ttplan {

// Error texts quote protocol text and end up on terminals and in logs, so they are written as
// one line under the UTF-8 policy of utf8_text.hpp: no escape sequence can travel in a name.
std::string location::to_string() const {
    std::string out = detail::one_line_text(file);
    if (line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) out += fmt::format(":{}", column);
    }
    if (!pointer.empty()) {
        if (!out.empty()) out += ": ";
        out += detail::one_line_text(pointer);
    }
    return out;
}

std::string problem::to_string() const {
    const std::string where_text = where.to_string();
    const std::string text = detail::one_line_text(message);
    return where_text.empty() ? text : where_text + ": " + text;
}

namespace {

std::string located(const std::string& message, const location& where) {
    return problem{where, message}.to_string();
}

std::string joined(const std::vector<problem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.to_string();
    }
    return out;
}

location first_location(const std::vector<problem>& problems) {
    return problems.empty() ? location{} : problems.front().where;
}

std::vector<problem> one_line_messages(std::vector<problem> problems) {
    for (auto& p : problems) p.message = detail::one_line_text(p.message);
    return problems;
}

}  // namespace

std::string_view to_string(error_code code) noexcept {
    // No default: a new code does not build until it has a name here.
    switch (code) {
    case error_code::generic: return "generic";
    case error_code::io: return "io";
    case error_code::parse: return "parse";
    case error_code::validation: return "validation";
    case error_code::parameter: return "parameter";
    case error_code::planning: return "planning";
    case error_code::value: return "value";
    }
    return "unknown";
}

error::error(std::string message, location where)
    : error(error_code::generic, std::move(message), std::move(where)) {}

error::error(error_code code, std::string message, location where)
    : std::runtime_error(located(message, where)),
      code_(code),
      where_(std::move(where)),
      message_(detail::one_line_text(message)) {}

error::error(error_code code, std::string what_text, std::string message, location where)
    : std::runtime_error(what_text),
      code_(code),
      where_(std::move(where)),
      message_(detail::one_line_text(message)) {}

validation_error::validation_error(std::vector<problem> problems)
    // what() lists every problem, not only the first.
    : error(error_code::validation, joined(problems),
            problems.size() == 1 ? problems.front().message
                                 : fmt::format("{} problems", problems.size()),
            first_location(problems)),
      problems_(one_line_messages(std::move(problems))) {}

}  // namespace ttplan
