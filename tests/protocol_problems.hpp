// Reading a protocol text for the problems it has, shared by the tests of the format's rules.
#pragma once

#include <ttplan/error.hpp>
#include <ttplan/protocol_io.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace protocol_problems {

// Every problem parse_protocol() reports for `text`, read as `file`; empty when it is valid.
inline std::vector<ttplan::problem> problems_of(const std::string& text, const std::string& file) {
    try {
        ttplan::parse_protocol(text, file);
    } catch (const ttplan::validation_error& e) {
        return e.problems();
    }
    return {};
}

// Whether a problem at `pointer`, located on a line of the file, says `text`.
inline bool has(const std::vector<ttplan::problem>& ps, const std::string& pointer, const std::string& text) {
    return std::any_of(ps.begin(), ps.end(), [&](const ttplan::problem& p) {
        return p.where.pointer == pointer && p.message.find(text) != std::string::npos && p.where.line > 0;
    });
}

// The problems one per line, for a failure message.
inline std::string listing(const std::vector<ttplan::problem>& ps) {
    std::string out;
    for (const auto& p : ps) out += p.to_string() + "\n";
    return out;
}

}  // namespace protocol_problems
