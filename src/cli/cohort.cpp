#include "cohort.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace ttplan::cli {

namespace {

// A row the cohort file cannot give: located at its file and line.
[[noreturn]] void bad_input(const std::string& file, std::size_t line, const std::string& what) {
    throw value_error(what, location{file, {}, static_cast<int>(std::min<std::size_t>(line, 2147483647)), 0});
}

// RFC 4180 CSV, read row by row: a header row names the columns; fields may be quoted, with
// quotes doubled and line breaks inside; CRLF or LF ends a row; a UTF-8 byte order mark is
// skipped; blank lines are skipped.
class csv_reader {
public:
    csv_reader(std::istream& in, std::string file) : in_(in), file_(std::move(file)) {
        if (in_.peek() == 0xEF) {
            char bom[3];
            in_.read(bom, 3);
            if (std::string_view(bom, 3) != "\xEF\xBB\xBF") bad_input(file_, 1, "the file is not UTF-8 text");
        }
        std::size_t at = 0;
        if (!fields(header_, at)) bad_input(file_, 1, "the file is empty: give a header row (id,start,...)");
        std::set<std::string, std::less<>> seen;
        for (const auto& name : header_) {
            if (name.empty()) bad_input(file_, at, "a column of the header row has no name");
            if (!seen.insert(name).second)
                bad_input(file_, at, fmt::format("the header row names the column \"{}\" twice", name));
        }
    }

    const std::vector<std::string>& header() const { return header_; }

    // The next data row, or false at the end.
    bool next(cohort_row& r) {
        std::vector<std::string> values;
        std::size_t at = 0;
        while (true) {
            if (!fields(values, at)) return false;
            if (!(values.size() == 1 && values[0].empty())) break;  // a blank line
        }
        r = cohort_row{at, index_++, {}, {}};
        if (values.size() != header_.size()) {
            r.problem =
                fmt::format("the row has {} fields, the header row {}", values.size(), header_.size());
            return true;
        }
        for (std::size_t i = 0; i < values.size(); ++i)
            if (!values[i].empty()) r.cells.emplace(header_[i], std::move(values[i]));
        return true;
    }

private:
    // One row's fields; `at` gets the line it starts on. False at the end of the input.
    bool fields(std::vector<std::string>& out, std::size_t& at) {
        out.clear();
        int c = in_.get();
        if (c == EOF) return false;
        at = line_;
        std::string field;
        bool quoted = false;
        bool was_quoted = false;
        while (true) {
            if (quoted) {
                if (c == EOF) bad_input(file_, at, "a quoted field is not closed before the end of the file");
                if (c == '"') {
                    if (in_.peek() == '"') {
                        in_.get();
                        field += '"';
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') ++line_;
                    field += static_cast<char>(c);
                }
            } else if (c == ',' || c == '\n' || c == EOF || (c == '\r' && in_.peek() == '\n')) {
                out.push_back(std::move(field));
                field.clear();
                was_quoted = false;
                if (c == '\r') c = in_.get();
                if (c == '\n') ++line_;
                if (c != ',') return true;
            } else if (c == '"') {
                if (!field.empty() || was_quoted)
                    bad_input(file_, line_, "a quote inside an unquoted field: quote the whole field");
                quoted = was_quoted = true;
            } else {
                if (was_quoted) bad_input(file_, line_, "text after a quoted field's closing quote");
                field += static_cast<char>(c);
            }
            c = in_.get();
        }
    }

    std::istream& in_;
    std::string file_;
    std::vector<std::string> header_;
    std::size_t line_ = 1;
    std::size_t index_ = 0;
};

// JSON Lines: one object a line, {"id": ..., "protocol": ..., "start": ..., "parameters": {...}}.
// Parameter values may be strings, booleans or integers; blank lines are skipped.
class jsonl_reader {
public:
    explicit jsonl_reader(std::istream& in) : in_(in) {}

    bool next(cohort_row& r) {
        std::string text;
        while (std::getline(in_, text)) {
            ++line_;
            if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
            r = cohort_row{line_, index_++, {}, {}};
            try {
                read(text, r);
            } catch (const std::invalid_argument& e) {
                r.cells.clear();
                r.problem = e.what();
            }
            return true;
        }
        return false;
    }

private:
    // One line's object into r's cells; std::invalid_argument saying what is wrong.
    static void read(const std::string& text, cohort_row& r) {
        using bad = std::invalid_argument;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            throw bad(fmt::format("not JSON: {}", e.what()));
        }
        if (!j.is_object()) throw bad("each line must be a JSON object");
        for (const auto& [key, value] : j.items()) {
            if (key == "parameters") {
                if (!value.is_object()) throw bad("\"parameters\" must be an object");
                for (const auto& [name, v] : value.items()) {
                    if (v.is_string())
                        r.cells[name] = v.get<std::string>();
                    else if (v.is_boolean() || v.is_number_integer())
                        r.cells[name] = v.dump();
                    else
                        throw bad(fmt::format(
                            "parameter \"{}\": give a string, true, false or a whole number", name));
                }
            } else if (key == id_column || key == protocol_column || key == start_column) {
                if (!value.is_string()) throw bad(fmt::format("\"{}\" must be a string", key));
                r.cells[key] = value.get<std::string>();
            } else {
                throw bad(fmt::format("unknown key \"{}\" (keys: id, protocol, start, parameters)", key));
            }
        }
    }

    std::istream& in_;
    std::size_t line_ = 0;
    std::size_t index_ = 0;
};

}  // namespace

struct cohort_reader::impl {
    std::ifstream file;
    std::optional<csv_reader> csv;
    std::optional<jsonl_reader> lines;
};

cohort_reader::cohort_reader(const std::string& path) : impl_(std::make_unique<impl>()) {
    impl_->file.open(path, std::ios::binary);
    if (!impl_->file) throw io_error("cannot open", location{path, {}, 0, 0});
    if (path.ends_with(".jsonl") || path.ends_with(".ndjson"))
        impl_->lines.emplace(impl_->file);
    else
        impl_->csv.emplace(impl_->file, path);
}

cohort_reader::~cohort_reader() = default;

bool cohort_reader::next(cohort_row& r) {
    return impl_->lines ? impl_->lines->next(r) : impl_->csv->next(r);
}

cohort_patient read_patient(const cohort_row& r) {
    const auto cell = [&](std::string_view name) {
        const auto it = r.cells.find(name);
        return it == r.cells.end() ? std::string() : it->second;
    };
    cohort_patient p;
    p.id = cell(id_column);
    if (p.id.empty()) throw value_error("column \"id\": every patient needs an id");
    const std::string start_text = cell(start_column);
    if (start_text.empty()) throw value_error(fmt::format("patient \"{}\": column \"start\" is empty", p.id));
    try {
        p.pr.start = parse_date(start_text);
    } catch (const value_error& e) {
        throw value_error(fmt::format("patient \"{}\": column \"start\": {}", p.id, e.message()));
    }
    for (const auto& [name, value] : r.cells) {
        if (name != id_column && name != protocol_column && name != start_column) p.pr.values[name] = value;
    }
    p.protocol = cell(protocol_column);
    if (p.protocol.empty()) p.protocol = std::string(default_protocol_id());
    return p;
}

const protocol& protocol_cache::get(const std::string& name) {
    const std::lock_guard lock(mutex_);
    auto it = protocols_.find(name);
    if (it == protocols_.end()) it = protocols_.emplace(name, load_protocol_input(name)).first;
    return it->second;
}

std::size_t count_rows(const std::string& path, const cohort_shard& shard) {
    cohort_reader in(path);
    cohort_row r;
    std::size_t n = 0;
    while (in.next(r)) n += shard.has(r);
    return n;
}

// "--shard 2/8": the second of eight.
cohort_shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    std::size_t k = 0, n = 0;
    const auto number = [](std::string_view s, std::size_t& v) {
        if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string_view::npos)
            return false;
        v = std::stoul(std::string(s));
        return true;
    };
    if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), k) ||
        !number(std::string_view(text).substr(slash + 1), n) || n == 0 || k == 0 || k > n) {
        throw usage_error(fmt::format("\"{}\" is not a shard: give K/N, 1 <= K <= N, such as 1/4", text),
                          location{"--shard", {}, 0, 0});
    }
    return {k, n};
}

progress::progress(bool shown, std::size_t total)
    : shown_(shown), total_(total), began_(std::chrono::steady_clock::now()) {}

void progress::update(std::size_t done) {
    if (!shown_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    std::string line =
        total_ > 0 ? fmt::format("{}/{} patients", done, total_) : fmt::format("{} patients", done);
    line += fmt::format(", {:.0f}/s", rate);
    if (total_ > done && rate > 0)
        line += fmt::format(", about {:.0f} s to go", static_cast<double>(total_ - done) / rate);
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
}

void progress::report(const std::string& problem) {
    std::fprintf(stderr, "%sttplan: error: %s\n", shown_ ? "\r\033[K" : "", printable_line(problem).c_str());
}

void progress::done() {
    if (shown_) std::fputs("\n", stderr);
}

}  // namespace ttplan::cli
