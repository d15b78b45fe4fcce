// The record file form: canonical writing, and reading with every problem located by file,
// JSON pointer and line (the pinned protocol copy's problems too).
#include <ttplan/error.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/record.hpp>

#include "json_pointer.hpp"
#include "json_scan.hpp"
#include "protocol_json.hpp"
#include "record_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <limits>

namespace ttplan {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
using keys = std::initializer_list<std::string_view>;

std::string expected_format() {
    return fmt::format("{}/{}", record_format, record_format_version);
}

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

void put_occurrence(ojson& out, const std::string& phase, std::optional<std::int32_t> cycle) {
    out["phase"] = phase;
    if (cycle) out["cycle"] = *cycle;
}

ojson fact_json(const record_fact& f) {
    ojson out;
    out["kind"] = std::string(kind_of(f));
    std::visit(overloaded{
                   [&](const actual_start& a) {
                       put_occurrence(out, a.phase, a.cycle);
                       if (a.start) out["start"] = format_date(*a.start);
                       if (!a.start || a.delay_days != 0) out["delay_days"] = a.delay_days;
                   },
                   [&](const event_moved& m) {
                       out["event"] = to_string(m.event);
                       out["date"] = format_date(m.date);
                   },
                   [&](const event_held& h) { out["event"] = to_string(h.event); },
                   [&](const event_added& a) {
                       put_occurrence(out, a.phase, a.cycle);
                       out["date"] = format_date(a.date);
                       out["activity"] = a.activity;
                       out["category"] = std::string(to_string(a.category));
                       if (!a.note.empty()) out["note"] = a.note;
                   },
                   [&](const phase_paused& p) {
                       put_occurrence(out, p.phase, p.cycle);
                       out["from"] = format_date(p.from);
                       out["days"] = p.days;
                   },
                   [&](const phase_stopped& s) {
                       put_occurrence(out, s.phase, s.cycle);
                       out["on"] = format_date(s.on);
                   },
                   [&](const track_changed& t) {
                       out["track"] = t.track;
                       out["change"] = t.what == track_changed::change::started ? "started" : "stopped";
                       out["date"] = format_date(t.date);
                   },
                   [&](const gate_resolved& g) {
                       out["phase"] = g.phase;
                       out["date"] = format_date(g.date);
                   },
                   [&](const decision_taken& d) {
                       out["parameter"] = d.parameter;
                       out["value"] = d.value;
                       out["date"] = format_date(d.date);
                       if (!d.decided_by.empty()) out["decided_by"] = d.decided_by;
                   },
                   [&](const protocol_repinned& p) {
                       out["from_version"] = p.from_version;
                       out["from_digest"] = p.from_digest;
                       out["to_version"] = p.to_version;
                       out["to_digest"] = p.to_digest;
                   },
               },
               f);
    return out;
}

std::optional<std::int64_t> parse_record_time(std::string_view text) {
    // Exactly "YYYY-MM-DDTHH:MM:SSZ": one spelling, so that writing it back gives the same text.
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    const auto two = [&](std::size_t at, int max) -> int {
        const char a = text[at];
        const char b = text[at + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        const int v = (a - '0') * 10 + (b - '0');
        return v <= max ? v : -1;
    };
    const int h = two(11, 23);
    const int m = two(14, 59);
    const int s = two(17, 59);
    if (h < 0 || m < 0 || s < 0) return std::nullopt;
    try {
        const day_point day = parse_date(text.substr(0, 10));
        const std::int64_t t = std::int64_t{day.time_since_epoch().count()} * 86400 + h * 3600 + m * 60 + s;
        if (!detail::valid_record_time(t)) return std::nullopt;
        return t;
    } catch (const value_error&) {
        return std::nullopt;
    }
}

// Reads the record document, noting every problem by JSON pointer so that one pass reports
// them all.
class reader {
public:
    explicit reader(std::vector<problem>& problems) : problems_(problems) {}

    treatment_record read(const json& doc) {
        treatment_record r;
        if (!object(doc, "", {"format", "calendar_id", "start", "parameters", "history", "protocol"},
                    {"format", "calendar_id", "start", "history", "protocol"}))
            return r;
        if (const json* id = string_member(doc, "", "calendar_id")) {
            r.calendar_id = id->get<std::string>();
            const bool hex = r.calendar_id.size() == 32 &&
                             std::all_of(r.calendar_id.begin(), r.calendar_id.end(), [](char c) {
                                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                             });
            if (!hex) fail("/calendar_id", "expected 32 lowercase hex digits (128 random bits)");
        }
        if (auto d = date_member(doc, "", "start")) r.start = *d;
        if (const json* values = member(doc, "parameters")) {
            if (!values->is_object()) {
                wrong_type("/parameters", "an object of parameter names and values");
            } else {
                for (const auto& [name, value] : values->items()) {
                    if (value.is_string()) {
                        r.values[name] = value.get<std::string>();
                    } else {
                        wrong_type("/parameters/" + detail::pointer_token(name), "a string");
                    }
                }
            }
        }
        read_history(doc, r);
        return r;
    }

    // The pinned copy, read as a protocol file is, its problems moved under /protocol/document.
    void read_pin(const json& doc, treatment_record& r) {
        const json* pin = member(doc, "protocol");
        if (pin == nullptr || !object(*pin, "/protocol", {"origin", "version", "digest", "document"},
                                      {"origin", "digest", "document"}))
            return;
        if (const json* o = string_member(*pin, "/protocol", "origin"))
            r.pinned.origin = o->get<std::string>();
        if (const json* v = string_member(*pin, "/protocol", "version"))
            r.pinned.version = v->get<std::string>();
        if (const json* d = string_member(*pin, "/protocol", "digest"))
            r.pinned.digest = d->get<std::string>();
        const json* document = member(*pin, "document");
        if (document == nullptr) return;
        std::vector<problem> found;
        detail::protocol_document read = detail::read_protocol_document(*document, found);
        for (problem& p : found) {
            p.where.pointer = "/protocol/document" + p.where.pointer;
            problems_.push_back(std::move(p));
        }
        if (!found.empty()) return;
        r.pinned.copy = std::move(read.value);
        const std::string digest = protocol_digest(r.pinned.copy);
        if (!r.pinned.digest.empty() && digest != r.pinned.digest) {
            fail("/protocol/digest",
                 fmt::format("the pinned protocol copy gives digest \"{}\", not \"{}\": the copy "
                             "was changed after the record was made (a record's protocol is "
                             "not edited; make a new record instead)",
                             digest, r.pinned.digest));
        }
        if (pin->contains("version") && r.pinned.version != r.pinned.copy.version) {
            fail("/protocol/version", fmt::format("\"{}\" is not the pinned copy's version \"{}\"",
                                                  r.pinned.version, r.pinned.copy.version));
        }
    }

private:
    void fail(std::string pointer, std::string message) {
        problems_.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    }

    void wrong_type(std::string pointer, std::string_view expected) {
        fail(std::move(pointer), fmt::format("expected {}", expected));
    }

    static std::string at(const std::string& ptr, std::string_view key) {
        return ptr + "/" + detail::pointer_token(key);
    }

    static const json* member(const json& j, std::string_view key) {
        auto it = j.find(key);
        return it == j.end() ? nullptr : &*it;
    }

    bool object(const json& j, const std::string& ptr, keys allowed, keys required) {
        if (!j.is_object()) {
            wrong_type(ptr, "an object");
            return false;
        }
        for (const auto& [key, value] : j.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                std::string names;
                for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
                fail(at(ptr, key), fmt::format("unknown key \"{}\" (allowed: {})", key, names));
            }
        }
        for (std::string_view r : required) {
            if (!j.contains(r)) fail(ptr, fmt::format("missing required key \"{}\"", r));
        }
        return true;
    }

    const json* string_member(const json& j, const std::string& ptr, std::string_view key) {
        const json* v = member(j, key);
        if (v == nullptr) return nullptr;
        if (!v->is_string()) {
            wrong_type(at(ptr, key), "a string");
            return nullptr;
        }
        return v;
    }

    std::optional<day_point> date_member(const json& j, const std::string& ptr, std::string_view key) {
        const json* v = string_member(j, ptr, key);
        if (v == nullptr) return std::nullopt;
        try {
            return parse_date(v->get<std::string>());
        } catch (const value_error& e) {
            fail(at(ptr, key), e.message());
            return std::nullopt;
        }
    }

    std::optional<std::int32_t> int_member(const json& j, const std::string& ptr, std::string_view key,
                                           std::int32_t min) {
        const json* v = member(j, key);
        if (v == nullptr) return std::nullopt;
        constexpr std::int64_t max = std::numeric_limits<std::int32_t>::max();
        if (!v->is_number_integer() ||
            (v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t{max}) ||
            (!v->is_number_unsigned() && (v->get<std::int64_t>() < min || v->get<std::int64_t>() > max))) {
            wrong_type(at(ptr, key), fmt::format("a whole number from {}", min));
            return std::nullopt;
        }
        return static_cast<std::int32_t>(v->get<std::int64_t>());
    }

    void read_history(const json& doc, treatment_record& r) {
        const json* history = member(doc, "history");
        if (history == nullptr) return;
        if (!history->is_array() || history->empty()) {
            wrong_type("/history", "a list of revisions, the first one the record's creation");
            return;
        }
        if (history->size() > max_record_revisions) {
            fail("/history", fmt::format("the record has {} revisions; a record holds at most {} (docs/limits.md)",
                                         history->size(), max_record_revisions));
            return;
        }
        std::size_t fact_count = 0;
        for (std::size_t i = 0; i < history->size(); ++i) {
            const std::string ptr = fmt::format("/history/{}", i);
            const json& rev = (*history)[i];
            revision out;
            if (!object(rev, ptr, {"revision", "recorded_at", "facts"},
                        {"revision", "recorded_at", "facts"})) {
                r.history.push_back(std::move(out));
                continue;
            }
            if (auto n = int_member(rev, ptr, "revision", 1)) {
                out.number = *n;
                if (*n != static_cast<std::int32_t>(i + 1)) {
                    fail(ptr + "/revision",
                         fmt::format("revision {} in place {}: revisions are numbered 1, 2, 3, "
                                     "... in the order they were recorded",
                                     *n, i + 1));
                }
            }
            if (const json* t = string_member(rev, ptr, "recorded_at")) {
                if (auto seconds = parse_record_time(t->get<std::string>())) {
                    out.recorded_at = *seconds;
                } else {
                    fail(ptr + "/recorded_at",
                         fmt::format("\"{}\" is not a UTC time such as \"2027-01-04T09:30:00Z\"",
                                     t->get<std::string>()));
                }
            }
            const json* facts_member = member(rev, "facts");
            const json& facts = facts_member != nullptr ? *facts_member : json::array();
            if (!facts.is_array()) {
                wrong_type(ptr + "/facts", "a list of facts");
            } else {
                fact_count += facts.size();
                if (fact_count > max_record_facts) {
                    fail(ptr + "/facts", fmt::format("the record has more than {} facts up to this revision; a "
                                                     "record holds at most {} in all (docs/limits.md)",
                                                     max_record_facts, max_record_facts));
                    return;
                }
                for (std::size_t k = 0; k < facts.size(); ++k) {
                    if (auto f = read_fact(facts[k], fmt::format("{}/facts/{}", ptr, k)))
                        out.facts.push_back(std::move(*f));
                }
            }
            r.history.push_back(std::move(out));
        }
    }

    std::optional<event_key> event_member(const json& j, const std::string& ptr) {
        const json* v = string_member(j, ptr, "event");
        if (v == nullptr) return std::nullopt;
        try {
            return parse_event_key(v->get<std::string>());
        } catch (const value_error& e) {
            fail(at(ptr, "event"), e.message());
            return std::nullopt;
        }
    }

    std::string text(const json& j, const std::string& ptr, std::string_view key) {
        const json* v = string_member(j, ptr, key);
        return v == nullptr ? std::string() : v->get<std::string>();
    }

    std::optional<record_fact> read_fact(const json& j, const std::string& ptr) {
        if (!j.is_object()) {
            wrong_type(ptr, "a fact object with a \"kind\"");
            return std::nullopt;
        }
        const json* kind = string_member(j, ptr, "kind");
        if (kind == nullptr) {
            if (!j.contains("kind")) fail(ptr, "missing required key \"kind\"");
            return std::nullopt;
        }
        const std::size_t before = problems_.size();
        const std::string k = kind->get<std::string>();
        const auto cycle = [&] { return int_member(j, ptr, "cycle", 1); };
        std::optional<record_fact> out;
        if (k == "actual_start") {
            if (!object(j, ptr, {"kind", "phase", "cycle", "start", "delay_days"}, {"phase"}))
                return std::nullopt;
            actual_start a{text(j, ptr, "phase"), cycle(), date_member(j, ptr, "start"), 0};
            if (auto d = int_member(j, ptr, "delay_days", -3650)) a.delay_days = *d;
            if (!j.contains("start") && !j.contains("delay_days"))
                fail(ptr, "give \"start\" (a date) or \"delay_days\"");
            out = a;
        } else if (k == "event_moved") {
            if (!object(j, ptr, {"kind", "event", "date"}, {"event", "date"})) return std::nullopt;
            auto e = event_member(j, ptr);
            auto d = date_member(j, ptr, "date");
            if (e && d) out = event_moved{*e, *d};
        } else if (k == "event_held") {
            if (!object(j, ptr, {"kind", "event"}, {"event"})) return std::nullopt;
            if (auto e = event_member(j, ptr)) out = event_held{*e};
        } else if (k == "event_added") {
            if (!object(j, ptr, {"kind", "phase", "cycle", "date", "activity", "category", "note"},
                        {"phase", "date", "activity", "category"}))
                return std::nullopt;
            event_added a;
            a.phase = text(j, ptr, "phase");
            a.cycle = cycle();
            if (auto d = date_member(j, ptr, "date")) a.date = *d;
            a.activity = text(j, ptr, "activity");
            const std::string c = text(j, ptr, "category");
            if (auto parsed = parse_category(c)) {
                a.category = *parsed;
            } else if (const json* given = member(j, "category"); given != nullptr && given->is_string()) {
                fail(ptr + "/category", fmt::format("unknown category \"{}\"", c));
            }
            a.note = text(j, ptr, "note");
            out = a;
        } else if (k == "phase_paused") {
            if (!object(j, ptr, {"kind", "phase", "cycle", "from", "days"}, {"phase", "from", "days"}))
                return std::nullopt;
            phase_paused p{text(j, ptr, "phase"), cycle(), {}, 1};
            if (auto d = date_member(j, ptr, "from")) p.from = *d;
            if (auto n = int_member(j, ptr, "days", 1)) p.days = *n;
            out = p;
        } else if (k == "phase_stopped") {
            if (!object(j, ptr, {"kind", "phase", "cycle", "on"}, {"phase", "on"})) return std::nullopt;
            phase_stopped s{text(j, ptr, "phase"), cycle(), {}};
            if (auto d = date_member(j, ptr, "on")) s.on = *d;
            out = s;
        } else if (k == "track_changed") {
            if (!object(j, ptr, {"kind", "track", "change", "date"}, {"track", "change", "date"}))
                return std::nullopt;
            track_changed t{text(j, ptr, "track"), track_changed::change::stopped, {}};
            const std::string change = text(j, ptr, "change");
            if (change == "started") {
                t.what = track_changed::change::started;
            } else if (const json* given = member(j, "change");
                       change != "stopped" && given != nullptr && given->is_string()) {
                fail(ptr + "/change", fmt::format("\"{}\" is neither \"started\" nor \"stopped\"", change));
            }
            if (auto d = date_member(j, ptr, "date")) t.date = *d;
            out = t;
        } else if (k == "gate_resolved") {
            if (!object(j, ptr, {"kind", "phase", "date"}, {"phase", "date"})) return std::nullopt;
            gate_resolved g{text(j, ptr, "phase"), {}};
            if (auto d = date_member(j, ptr, "date")) g.date = *d;
            out = g;
        } else if (k == "decision_taken") {
            if (!object(j, ptr, {"kind", "parameter", "value", "date", "decided_by"},
                        {"parameter", "value", "date"}))
                return std::nullopt;
            decision_taken d{
                text(j, ptr, "parameter"), text(j, ptr, "value"), {}, text(j, ptr, "decided_by")};
            if (auto day = date_member(j, ptr, "date")) d.date = *day;
            out = d;
        } else if (k == "protocol_repinned") {
            if (!object(j, ptr, {"kind", "from_version", "from_digest", "to_version", "to_digest"},
                        {"from_version", "from_digest", "to_version", "to_digest"}))
                return std::nullopt;
            out = protocol_repinned{text(j, ptr, "from_version"), text(j, ptr, "from_digest"),
                                    text(j, ptr, "to_version"), text(j, ptr, "to_digest")};
        } else {
            fail(ptr + "/kind",
                 fmt::format("unknown kind of fact \"{}\" (allowed: actual_start, event_moved, "
                             "event_held, event_added, phase_paused, phase_stopped, track_changed, "
                             "gate_resolved, decision_taken, protocol_repinned)",
                             k));
        }
        if (problems_.size() != before) return std::nullopt;
        return out;
    }

    std::vector<problem>& problems_;
};

// A problem explaining why `doc` is not a record this library reads, or nothing.
std::optional<problem> format_problem(const json& doc) {
    const auto bad = [](std::string pointer, std::string message) {
        return std::optional<problem>(problem{{"", std::move(pointer), 0, 0}, std::move(message)});
    };
    if (!doc.is_object()) {
        return bad("",
                   fmt::format("a record file is a JSON object with \"format\": \"{}\"", expected_format()));
    }
    const auto it = doc.find("format");
    if (it == doc.end())
        return bad("", fmt::format("missing \"format\" (expected \"{}\")", expected_format()));
    const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    const std::string prefix = fmt::format("{}/", record_format);
    if (!it->is_string() || !text.starts_with(prefix)) {
        return bad("/format", fmt::format("not a ttplan record: format is \"{}\" (expected \"{}\")", text,
                                          expected_format()));
    }
    if (text != expected_format()) {
        return bad("/format",
                   fmt::format("\"{}\": this ttplan reads records of format version {} only; a newer "
                               "version needs a newer ttplan",
                               text, record_format_version));
    }
    return std::nullopt;
}

}  // namespace

std::string format_record_time(std::int64_t seconds) {
    const date::sys_seconds t{std::chrono::seconds{seconds}};
    const day_point day = date::floor<date::days>(t);
    const date::hh_mm_ss<std::chrono::seconds> time{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(day), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string to_json(const treatment_record& r) {
    ojson doc;
    doc["format"] = expected_format();
    doc["calendar_id"] = r.calendar_id;
    doc["start"] = format_date(r.start);
    ojson values = ojson::object();
    for (const auto& [name, value] : r.values) values[name] = value;
    doc["parameters"] = std::move(values);
    ojson history = ojson::array();
    for (const revision& rev : r.history) {
        ojson facts = ojson::array();
        for (const record_fact& f : rev.facts) facts.push_back(fact_json(f));
        ojson entry;
        entry["revision"] = rev.number;
        entry["recorded_at"] = format_record_time(rev.recorded_at);
        entry["facts"] = std::move(facts);
        history.push_back(std::move(entry));
    }
    doc["history"] = std::move(history);
    // The copy comes last: a reader opening the file sees the patient's facts first.
    ojson pin;
    pin["origin"] = r.pinned.origin;
    pin["version"] = r.pinned.version;
    pin["digest"] = r.pinned.digest;
    pin["document"] = detail::write_protocol(r.pinned.copy);
    doc["protocol"] = std::move(pin);
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

treatment_record parse_record(std::string_view json_text, std::string_view origin) {
    detail::scanned_json scanned = detail::scan_json(json_text, origin);
    std::vector<problem> problems = std::move(scanned.problems);
    treatment_record r;
    if (auto bad = format_problem(scanned.value)) {
        problems.push_back(std::move(*bad));
    } else {
        reader read(problems);
        r = read.read(scanned.value);
        read.read_pin(scanned.value, r);
    }
    if (!problems.empty()) {
        for (problem& p : problems) {
            p.where.file = std::string(origin);
            if (p.where.line == 0) p.where.line = detail::line_of(scanned.lines, p.where.pointer);
        }
        std::stable_sort(problems.begin(), problems.end(),
                         [](const problem& a, const problem& b) { return a.where.line < b.where.line; });
        throw validation_error(std::move(problems));
    }
    return r;
}

treatment_record load_record_file(const std::filesystem::path& path) {
    return parse_record(detail::read_text_file(path, "record file"), path.string());
}

bool is_record_file(const std::filesystem::path& path) {
    try {
        return is_record_text(detail::read_text_file(path, "record file"));
    } catch (const error&) {
        return false;
    }
}

bool is_record_text(std::string_view json_text) {
    try {
        const detail::scanned_json scanned = detail::scan_json(json_text, "");
        const auto it = scanned.value.is_object() ? scanned.value.find("format") : scanned.value.end();
        return it != scanned.value.end() && it->is_string() &&
               it->get<std::string>().starts_with(fmt::format("{}/", record_format));
    } catch (const error&) {
        return false;
    }
}

}  // namespace ttplan
