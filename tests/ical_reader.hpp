// A reader of iCalendar text written apart from the writer, strict where clients are picky:
// every line ends in CRLF, components are VEVENTs (with their VALARMs) in one VCALENDAR, TEXT
// escapes are the four RFC 5545 allows. Shared by the iCalendar tests.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace ical_reader {

inline std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find("\r\n", pos);
        REQUIRE(end != std::string::npos);  // the last line ends in CRLF too
        lines.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return lines;
}

struct content_line {
    std::string name;
    std::string params;  // ";VALUE=DATE" etc., as written
    std::string value;
};

inline content_line split_line(const std::string& logical) {
    bool quoted = false;
    for (std::size_t i = 0; i < logical.size(); ++i) {
        if (logical[i] == '"') quoted = !quoted;
        if (logical[i] == ':' && !quoted) {
            const std::string head = logical.substr(0, i);
            const auto semi = head.find(';');
            return {head.substr(0, semi), semi == std::string::npos ? "" : head.substr(semi),
                    logical.substr(i + 1)};
        }
    }
    FAIL("no colon in content line: " << logical);
    return {};
}

struct component {
    std::vector<content_line> lines;
    std::vector<component> alarms;  // a VEVENT's VALARMs, in order

    std::vector<const content_line*> all(const std::string& name) const {
        std::vector<const content_line*> out;
        for (const auto& l : lines) {
            if (l.name == name) out.push_back(&l);
        }
        return out;
    }
    const content_line& one(const std::string& name) const {
        const auto found = all(name);
        REQUIRE(found.size() == 1);
        return *found.front();
    }
    std::string value(const std::string& name) const { return one(name).value; }
};

struct calendar {
    component header;
    std::vector<component> events;
};

inline calendar parse(const std::string& text) {
    std::vector<std::string> logical;
    for (const auto& line : physical_lines(text)) {
        if (!line.empty() && line[0] == ' ') {
            REQUIRE(!logical.empty());
            logical.back() += line.substr(1);
        } else {
            logical.push_back(line);
        }
    }
    calendar cal;
    REQUIRE(logical.front() == "BEGIN:VCALENDAR");
    REQUIRE(logical.back() == "END:VCALENDAR");
    component* current = nullptr;
    component* alarm = nullptr;  // within current
    for (std::size_t i = 1; i + 1 < logical.size(); ++i) {
        const content_line l = split_line(logical[i]);
        if (l.name == "BEGIN" && l.value == "VALARM") {
            REQUIRE(current != nullptr);
            REQUIRE(alarm == nullptr);
            current->alarms.emplace_back();
            alarm = &current->alarms.back();
        } else if (l.name == "END" && l.value == "VALARM") {
            REQUIRE(alarm != nullptr);
            alarm = nullptr;
        } else if (l.name == "BEGIN") {
            REQUIRE(l.value == "VEVENT");
            REQUIRE(current == nullptr);
            cal.events.emplace_back();
            current = &cal.events.back();
        } else if (l.name == "END") {
            REQUIRE(l.value == "VEVENT");
            REQUIRE(current != nullptr);
            REQUIRE(alarm == nullptr);
            current = nullptr;
        } else {
            (alarm ? alarm : current ? current : &cal.header)->lines.push_back(l);
        }
    }
    REQUIRE(current == nullptr);
    return cal;
}

// Inverse of TEXT escaping; any other backslash sequence is a failure.
inline std::string unescape(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] != '\\') {
            out += value[i];
            continue;
        }
        REQUIRE(i + 1 < value.size());
        const char next = value[++i];
        if (next == 'n' || next == 'N') {
            out += '\n';
        } else {
            REQUIRE((next == '\\' || next == ';' || next == ','));
            out += next;
        }
    }
    return out;
}

}  // namespace ical_reader
