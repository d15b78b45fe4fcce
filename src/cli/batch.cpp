// ttplan batch: a cohort, one patient a row, planned and written file by file (docs/batch.md).
#include "commands.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace ttplan::cli {

namespace {

namespace fs = std::filesystem;

// The columns that are not parameters.
constexpr std::string_view id_column = "id";
constexpr std::string_view protocol_column = "protocol";
constexpr std::string_view start_column = "start";

// One patient as the cohort file gives it: where it is, and its cells by column name. An empty
// CSV cell is left out, so the parameter takes its default.
struct row {
    std::size_t line = 0;   // of the row's first character, from 1
    std::size_t index = 0;  // among the data rows, from 0
    std::map<std::string, std::string, std::less<>> cells;
    std::string problem;  // a row the file gives but that cannot be read; the others go on
};

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
    bool next(row& r) {
        std::vector<std::string> values;
        std::size_t at = 0;
        while (true) {
            if (!fields(values, at)) return false;
            if (!(values.size() == 1 && values[0].empty())) break;  // a blank line
        }
        r = row{at, index_++, {}, {}};
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

    bool next(row& r) {
        std::string text;
        while (std::getline(in_, text)) {
            ++line_;
            if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
            r = row{line_, index_++, {}, {}};
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
    static void read(const std::string& text, row& r) {
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

// What every row is planned and written with.
struct batch_setup {
    std::string cohort;                // the file, for messages
    fs::path out;                      // directory of per-patient files; empty: none
    std::vector<std::string> formats;  // render() names
    render_options options;
    std::optional<std::int64_t> epoch;  // $SOURCE_DATE_EPOCH, for the formats with a timestamp
    std::size_t shard = 1, shards = 1;  // --shard K/N
};

// A patient id as a file name: letters, digits, '-', '_' and '.' kept, anything else '_'; no
// leading dot, so no hidden file and no "..".
std::string file_stem(const std::string& id) {
    std::string out;
    for (unsigned char c : id)
        out += (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') ? static_cast<char>(c) : '_';
    if (!out.empty() && out.front() == '.') out.front() = '_';
    return out;
}

// A CSV cell as the csv format writes its text cells: a leading formula character made text,
// quoted when it holds a separator, quote or line break.
std::string csv_cell(const std::string& text) {
    std::string out = text;
    if (!out.empty() && std::string_view("=+-@\t\r").find(out.front()) != std::string_view::npos)
        out = "'" + out;
    if (out.find_first_of(",;\"\r\n") == std::string::npos) return out;
    std::string quoted = "\"";
    for (char c : out) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// The outcome of one row: its table rows, or what was wrong with it.
struct outcome {
    std::string table;
    std::string problem;
};

class cohort_planner {
public:
    // `table`: whether rows for the table are wanted, and `table_jsonl` in which form.
    cohort_planner(const batch_setup& setup, bool table, bool table_jsonl)
        : setup_(setup), table_(table), table_jsonl_(table_jsonl) {}

    outcome run(const row& r) {
        outcome o;
        if (!r.problem.empty()) {
            o.problem = fmt::format("{}:{}: {}", setup_.cohort, r.line, r.problem);
            return o;
        }
        try {
            o.table = plan_row(r);
        } catch (const error& e) {
            o.problem = fmt::format("{}:{}: {}", setup_.cohort, r.line, e.what());
        }
        return o;
    }

private:
    const protocol& protocol_of(const std::string& name) {
        const std::lock_guard lock(mutex_);
        auto it = protocols_.find(name);
        if (it == protocols_.end()) it = protocols_.emplace(name, load_protocol_input(name)).first;
        return it->second;
    }

    std::string plan_row(const row& r) {
        const auto cell = [&](std::string_view name) {
            const auto it = r.cells.find(name);
            return it == r.cells.end() ? std::string() : it->second;
        };
        const std::string id = cell(id_column);
        if (id.empty()) throw value_error("column \"id\": every patient needs an id");
        const std::string start_text = cell(start_column);
        if (start_text.empty())
            throw value_error(fmt::format("patient \"{}\": column \"start\" is empty", id));
        profile pr;
        try {
            pr.start = parse_date(start_text);
        } catch (const value_error& e) {
            throw value_error(fmt::format("patient \"{}\": column \"start\": {}", id, e.message()));
        }
        for (const auto& [name, value] : r.cells) {
            if (name != id_column && name != protocol_column && name != start_column) pr.values[name] = value;
        }
        const std::string protocol_name = cell(protocol_column);
        const protocol& p =
            protocol_of(protocol_name.empty() ? std::string(default_protocol_id()) : protocol_name);
        schedule s;
        try {
            s = make_schedule(p, pr);
        } catch (const error& e) {
            throw value_error(fmt::format("patient \"{}\": {}", id, e.what()));
        }
        if (!setup_.out.empty()) {
            const std::string stem = file_stem(id);
            for (const auto& name : setup_.formats) {
                render_options o = setup_.options;
                if ((name == "ics" || name == "pdf" || name == "page") && !o.timestamp)
                    o.timestamp = setup_.epoch;
                const auto info = std::find_if(formats().begin(), formats().end(),
                                               [&](const format_info& f) { return f.name == name; });
                const std::string suffix =
                    info->suffixes.empty() ? "." + name : std::string(info->suffixes.front());
                write_file_atomic(setup_.out / (stem + suffix), render(s, name, o), file_sync::later);
            }
        }
        return table_ ? table_rows(id, s) : std::string();
    }

    // The patient's events as table rows: the csv format's rows with the patient id first, or
    // the json format's events with "patient" added, one a line.
    std::string table_rows(const std::string& id, const schedule& s) const {
        std::string out;
        if (table_jsonl_) {
            const auto j = nlohmann::json::parse(render(s, "json", setup_.options));
            for (auto e : j.at("events")) {
                nlohmann::json line = {{"patient", id}};
                line.update(e);
                out += line.dump() + "\n";
            }
            return out;
        }
        // Rows end at a CRLF outside quotes: a quoted cell keeps its line breaks (text-safety.md).
        const std::string csv = render(s, "csv", setup_.options);
        const std::string cell = csv_cell(id) + ",";
        bool quoted = false;
        bool header = true;
        std::size_t begin = 0;
        for (std::size_t i = 0; i + 1 < csv.size(); ++i) {
            if (csv[i] == '"') quoted = !quoted;
            if (quoted || csv[i] != '\r' || csv[i + 1] != '\n') continue;
            if (!header) out += cell + csv.substr(begin, i + 2 - begin);
            header = false;
            begin = i + 2;
        }
        return out;
    }

    const batch_setup& setup_;
    bool table_;
    bool table_jsonl_;
    std::mutex mutex_;
    std::map<std::string, protocol> protocols_;
};

// The file names of the rows read so far, claimed in cohort order: two ids that read as the
// same file name are a mistake in the cohort for the later row, not a file to overwrite. (One
// short string a patient: the only memory that grows with the cohort.)
class file_names {
public:
    void claim(row& r) {
        const auto it = r.cells.find(id_column);
        if (!r.problem.empty() || it == r.cells.end()) return;
        const auto [at, fresh] = lines_.emplace(file_stem(it->second), r.line);
        if (!fresh) {
            r.problem = fmt::format("id \"{}\" gives the file name \"{}\" that line {} already gives",
                                    it->second, at->first, at->second);
        }
    }

private:
    std::map<std::string, std::size_t> lines_;
};

// "--shard 2/8": the second of eight.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
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

// The progress line on a terminal: "1,200/10,000 patients, 850/s, about 10 s to go".
class progress {
public:
    progress(bool shown, std::size_t total) : shown_(shown), total_(total) {}
    void update(std::size_t done) {
        if (!shown_) return;
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        std::string line =
            total_ > 0 ? fmt::format("{}/{} patients", done, total_) : fmt::format("{} patients", done);
        line += fmt::format(", {:.0f}/s", rate);
        if (total_ > done && rate > 0)
            line += fmt::format(", about {:.0f} s to go", static_cast<double>(total_ - done) / rate);
        std::fprintf(stderr, "\r%s\033[K", line.c_str());
    }
    void done() {
        if (shown_) std::fputs("\n", stderr);
    }

private:
    bool shown_;
    std::size_t total_;
    std::chrono::steady_clock::time_point began_ = std::chrono::steady_clock::now();
};

// A file written as it goes and put in place at the end: a temporary file beside it, renamed
// over it once complete, removed when the run ends first; nothing half-written is ever seen
// under its name.
class growing_file {
public:
    explicit growing_file(const std::string& path) : path_(path) {
        const fs::path target(path);
        const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
        tmp_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
        const int fd = ::mkstemp(tmp_.data());
        if (fd < 0) throw io_error("cannot create a temporary file beside it", location{path_, {}, 0, 0});
        file_ = ::fdopen(fd, "wb");
        if (file_ == nullptr) {
            ::close(fd);
            ::unlink(tmp_.c_str());
            throw io_error("cannot open a temporary file beside it", location{path_, {}, 0, 0});
        }
    }
    growing_file(const growing_file&) = delete;
    growing_file& operator=(const growing_file&) = delete;
    ~growing_file() {
        if (file_ != nullptr) {
            std::fclose(file_);
            ::unlink(tmp_.c_str());
        }
    }
    void write(std::string_view text) {
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size())
            throw io_error("cannot write", location{path_, {}, 0, 0});
    }
    void commit() {
        const bool ok =
            std::fflush(file_) == 0 && ::fchmod(::fileno(file_), 0644) == 0 && ::fsync(::fileno(file_)) == 0;
        const bool closed = std::fclose(file_) == 0;
        file_ = nullptr;
        if (!ok || !closed || ::rename(tmp_.c_str(), path_.c_str()) != 0) {
            ::unlink(tmp_.c_str());
            throw io_error("cannot write", location{path_, {}, 0, 0});
        }
    }

private:
    std::string path_;
    std::string tmp_;
    std::FILE* file_ = nullptr;
};

void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw io_error("cannot open the directory to flush it", location{dir.string(), {}, 0, 0});
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw io_error("cannot flush the directory", location{dir.string(), {}, 0, 0});
}

}  // namespace

void add_batch(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand(
        "batch", "Plan a cohort, one patient a row of a CSV or JSON Lines file, into files and a table");
    auto cohort = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto formats_text = std::make_shared<std::string>();
    auto table = std::make_shared<std::string>();
    auto shard = std::make_shared<std::string>();
    auto jobs = std::make_shared<unsigned>(0);
    auto timestamp = std::make_shared<std::string>();
    auto today = std::make_shared<std::string>();
    auto options = std::make_shared<render_options>();
    cmd->add_option("cohort", *cohort,
                    "CSV (header row: id,start[,protocol][,PARAMETER...]) or JSON Lines (.jsonl, .ndjson: "
                    "{\"id\", \"start\", \"protocol\", \"parameters\": {...}} a line)")
        ->required()
        ->check(not_empty("a cohort file"));
    cmd->add_option("--out", *out, "Directory of one file per patient and format, named after the patient id")
        ->check(not_empty("a directory"));
    cmd->add_option("-f,--format", *formats_text,
                    "Formats of the per-patient files, comma-separated, such as ics,json (default: ics)")
        ->check(not_empty("format names, such as ics,json"));
    cmd->add_option("--table", *table,
                    "Also one table of every patient's events: CSV (patient,date,...) or, for a .jsonl file, "
                    "JSON Lines")
        ->check(not_empty("a file name"));
    cmd->add_option("--shard", *shard, "Plan only shard K of N (rows K, K+N, K+2N, ...), such as 1/4");
    cmd->add_option("-j,--jobs", *jobs, "Patients planned at once (default: the number of cores)")
        ->check(CLI::Range(1u, 256u));
    cmd->add_option("--timestamp", *timestamp,
                    "iCalendar: DTSTAMP, as seconds since 1970 (default: $SOURCE_DATE_EPOCH, else each "
                    "patient's start date)");
    cmd->add_option("--today", *today,
                    "Text, md and html: the day to show \"What's next\" for, YYYY-MM-DD, or none (default: "
                    "today, local time)")
        ->check(not_empty("a date YYYY-MM-DD, or none"));
    add_language_option(*cmd, options->language);
    cmd->callback([&st, cohort, out, formats_text, table, shard, jobs, timestamp, today, options] {
        st.run = [cohort, out, formats_text, table, shard, jobs, timestamp, today, options] {
            batch_setup setup;
            // As for ttplan plan: the reader's day, for the formats that show it.
            if (*today != "none") {
                try {
                    options->today = today->empty() ? local_today() : parse_date(*today);
                } catch (const value_error& e) {
                    throw usage_error(e.message(), location{"--today", {}, 0, 0});
                }
            }
            setup.cohort = *cohort;
            setup.options = *options;
            if (!timestamp->empty())
                setup.options.timestamp = parse_epoch_seconds(*timestamp, "--timestamp");
            else
                setup.epoch = source_date_epoch();
            if (out->empty() && table->empty()) {
                throw usage_error(
                    "nothing to write: give --out DIR for per-patient files, --table FILE, or both");
            }
            std::string list = formats_text->empty() ? std::string("ics") : *formats_text;
            for (std::size_t at = 0; at <= list.size();) {
                const std::size_t end = std::min(list.find(',', at), list.size());
                const std::string name = list.substr(at, end - at);
                const auto names = format_names();
                if (std::find(names.begin(), names.end(), name) == names.end()) {
                    throw usage_error(fmt::format("unknown format \"{}\"", name),
                                      location{"--format", {}, 0, 0});
                }
                if (std::find(setup.formats.begin(), setup.formats.end(), name) == setup.formats.end())
                    setup.formats.push_back(name);
                at = end + 1;
            }
            if (out->empty() && !formats_text->empty()) {
                throw usage_error("per-patient formats need --out DIR to write them to",
                                  location{"--format", {}, 0, 0});
            }
            if (!shard->empty()) std::tie(setup.shard, setup.shards) = parse_shard(*shard);
            const bool jsonl_table = table->ends_with(".jsonl") || table->ends_with(".ndjson");
            if (!out->empty()) {
                setup.out = *out;
                std::error_code ec;
                fs::create_directories(setup.out, ec);
                if (ec || !fs::is_directory(setup.out))
                    throw io_error("cannot make the directory", location{*out, {}, 0, 0});
            }
            std::ifstream file(*cohort, std::ios::binary);
            if (!file) throw io_error("cannot open", location{*cohort, {}, 0, 0});
            const bool jsonl = cohort->ends_with(".jsonl") || cohort->ends_with(".ndjson");

            // Rows are read and planned in chunks, so memory stays flat in the cohort's size;
            // the table gets each chunk's rows in cohort order.
            std::optional<csv_reader> csv;
            std::optional<jsonl_reader> lines;
            if (jsonl)
                lines.emplace(file);
            else
                csv.emplace(file, *cohort);
            const auto next = [&](row& r) { return jsonl ? lines->next(r) : csv->next(r); };
            std::optional<growing_file> table_file;
            if (!table->empty()) {
                table_file.emplace(*table);
                if (!jsonl_table)
                    table_file->write(
                        "patient,date,weekday,phase,phase_name,cycle,day,activity,category,"
                        "tentative,protocol\r\n");
            }
            cohort_planner planner(setup, !table->empty(), jsonl_table);
            const unsigned workers = *jobs != 0 ? *jobs : std::max(1u, std::thread::hardware_concurrency());
            // On a terminal, a first pass counts the rows, for the time still to go.
            const bool shown = ::isatty(STDERR_FILENO) != 0;
            std::size_t total = 0;
            if (shown) {
                std::ifstream again(*cohort, std::ios::binary);
                row r;
                if (jsonl) {
                    jsonl_reader count(again);
                    while (count.next(r)) total += r.index % setup.shards == setup.shard - 1;
                } else {
                    csv_reader count(again, *cohort);
                    while (count.next(r)) total += r.index % setup.shards == setup.shard - 1;
                }
            }
            progress bar(shown, total);
            std::size_t planned = 0, failed = 0;
            std::vector<row> chunk;
            file_names names;
            bool more = true;
            while (more) {
                chunk.clear();
                row r;
                while (chunk.size() < 64 * workers && (more = next(r))) {
                    if (r.index % setup.shards != setup.shard - 1) continue;
                    if (!setup.out.empty()) names.claim(r);
                    chunk.push_back(std::move(r));
                }
                std::vector<outcome> done(chunk.size());
                std::atomic<std::size_t> taken{0};
                const auto work = [&] {
                    for (std::size_t i; (i = taken++) < chunk.size();) done[i] = planner.run(chunk[i]);
                };
                std::vector<std::jthread> threads;
                for (unsigned t = 1; t < std::min<std::size_t>(workers, chunk.size()); ++t)
                    threads.emplace_back(work);
                work();
                threads.clear();
                for (const outcome& o : done) {
                    if (o.problem.empty()) {
                        ++planned;
                        if (table_file) table_file->write(o.table);
                    } else {
                        ++failed;
                        std::fprintf(stderr, "%sttplan: error: %s\n",
                                     ::isatty(STDERR_FILENO) ? "\r\033[K" : "", o.problem.c_str());
                    }
                }
                bar.update(planned + failed);
            }
            bar.done();
            if (!setup.out.empty()) sync_directory(setup.out);
            if (table_file) table_file->commit();
            if (failed > 0) {
                std::fprintf(stderr, "ttplan: %zu of %zu patients planned; %zu rows failed\n", planned,
                             planned + failed, failed);
                return 1;
            }
            return 0;
        };
    });
}

}  // namespace ttplan::cli
