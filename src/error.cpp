#include <ttplan/error.hpp>

#include <fmt/format.h>

namespace ttplan {

std::string location::to_string() const {
    std::string out = file;
    if (line > 0) {
        out += fmt::format(":{}", line);
        if (column > 0) out += fmt::format(":{}", column);
    }
    if (!pointer.empty()) {
        if (!out.empty()) out += ": ";
        out += pointer;
    }
    return out;
}

std::string problem::to_string() const {
    const std::string where_text = where.to_string();
    return where_text.empty() ? message : where_text + ": " + message;
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

}  // namespace

error::error(std::string message, location where)
    : std::runtime_error(located(message, where)), where_(std::move(where)), message_(std::move(message)) {}

error::error(std::string what_text, std::string message, location where)
    : std::runtime_error(what_text), where_(std::move(where)), message_(std::move(message)) {}

validation_error::validation_error(std::vector<problem> problems)
    // what() lists every problem, not only the first.
    : error(joined(problems),
            problems.size() == 1 ? problems.front().message
                                 : fmt::format("{} problems", problems.size()),
            first_location(problems)),
      problems_(std::move(problems)) {}

}  // namespace ttplan
