// Errors: one family rooted in ttplan::error, each carrying where the problem is.
#pragma once

#include <ttplan/export.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace TTPLAN_API ttplan {

// The family of an error, one per class below; the C API and Python look their status and
// exception class up by it in one table each, so a family is never told by type or message.
enum class error_code {
    generic,     // a ttplan::error of no narrower family: an unknown format or built-in id
    io,          // io_error
    parse,       // parse_error
    validation,  // validation_error
    parameter,   // parameter_error
    planning,    // planning_error
    value,       // value_error
};

// How many error codes there are: the size of every table indexed by one. A new code makes
// to_string() fail to build until named, and the error tests fail until this count moves.
inline constexpr std::size_t error_code_count = 7;

// Returns: the code's name as Python and messages spell it ("generic", "io", "parse",
// "validation", "parameter", "planning", "value"); "unknown" for a value outside the enum.
std::string_view to_string(error_code code) noexcept;

// Where a problem sits: a file (or "<string>", "builtin:<id>", "--set"), a JSON pointer,
// and a line/column when the parser knows them (0 = unknown).
struct location {
    std::string file;
    std::string pointer;
    int line = 0;
    int column = 0;

    // "file:line:column: /pointer" with the unknown parts left out.
    std::string to_string() const;
};

struct problem {
    location where;
    std::string message;

    // "<location>: <message>"
    std::string to_string() const;
};

// Remarks: what(), message(), problem::to_string() and location::to_string() are safe to print
// on a terminal: the protocol text they quote is one line, with control characters (C0, DEL
// and C1) as spaces and invalid UTF-8 as U+FFFD (a validation_error's what() has one line
// per problem). location's fields themselves are kept as given.
class error : public std::runtime_error {
public:
    // An error of code generic.
    explicit error(std::string message, location where = {});
    error_code code() const noexcept { return code_; }
    const location& where() const noexcept { return where_; }
    // The message without the location.
    const std::string& message() const noexcept { return message_; }

protected:
    // For the families: each subclass names its own code.
    error(error_code code, std::string message, location where);
    // For errors whose what() text is more than "<location>: <message>".
    error(error_code code, std::string what_text, std::string message, location where);

private:
    error_code code_ = error_code::generic;
    location where_;
    std::string message_;
};

// A file that cannot be read or written.
class io_error : public error {
public:
    explicit io_error(std::string message, location where = {})
        : error(error_code::io, std::move(message), std::move(where)) {}
};

// Text that is not JSON at all (syntax error, with line and column).
class parse_error : public error {
public:
    explicit parse_error(std::string message, location where = {})
        : error(error_code::parse, std::move(message), std::move(where)) {}
};

// A protocol (or schedule input) that is JSON but breaks the format's rules. Carries every
// problem found, not only the first; what() lists them all, one per line.
class validation_error : public error {
public:
    explicit validation_error(std::vector<problem> problems);
    const std::vector<problem>& problems() const noexcept { return problems_; }

private:
    std::vector<problem> problems_;
};

// A parameter name or value the protocol does not declare; the message lists what is allowed.
class parameter_error : public error {
public:
    explicit parameter_error(std::string message, location where = {})
        : error(error_code::parameter, std::move(message), std::move(where)) {}
};

// Planning failed for these inputs: an unknown actual-date phase, a date past 9999-12-31,
// a repeat with no applicable bound. Located by JSON pointer when the protocol is at fault.
class planning_error : public error {
public:
    explicit planning_error(std::string message, location where = {})
        : error(error_code::planning, std::move(message), std::move(where)) {}
};

// A date or length string that does not parse ("2027-02-30", "3 parsecs").
class value_error : public error {
public:
    explicit value_error(std::string message, location where = {})
        : error(error_code::value, std::move(message), std::move(where)) {}
};

}  // namespace ttplan
