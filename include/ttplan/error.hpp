// Errors: one family rooted in ttplan::error, each carrying where the problem is.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ttplan {

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
    explicit error(std::string message, location where = {});
    const location& where() const noexcept { return where_; }
    // The message without the location.
    const std::string& message() const noexcept { return message_; }

protected:
    // For errors whose what() text is more than "<location>: <message>".
    error(std::string what_text, std::string message, location where);

private:
    location where_;
    std::string message_;
};

// A file that cannot be read or written.
class io_error : public error {
public:
    using error::error;
};

// Text that is not JSON at all (syntax error, with line and column).
class parse_error : public error {
public:
    using error::error;
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
    using error::error;
};

// Planning failed for these inputs: an unknown actual-date phase, a date past 9999-12-31,
// a repeat with no applicable bound.
class planning_error : public error {
public:
    using error::error;
};

// A date or length string that does not parse ("2027-02-30", "3 parsecs").
class value_error : public error {
public:
    using error::error;
};

}  // namespace ttplan
