// ttplan batch: a cohort, one patient a row, planned and written file by file (docs/batch.md).
#include "cohort.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

namespace ttplan::cli {

namespace {

namespace fs = std::filesystem;

// What every row is planned and written with.
struct batch_setup {
    std::string cohort;                // the file, for messages
    fs::path out;                      // directory of per-patient files; empty: none
    std::vector<std::string> formats;  // render() names
    render_options options;
    std::optional<std::int64_t> epoch;  // $SOURCE_DATE_EPOCH, for the formats with a timestamp
    cohort_shard shard;
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

// A CSV cell as the csv format writes its text cells: on one line that cannot drive a terminal,
// a leading formula character made text, quoted when it holds a separator or quote.
std::string csv_cell(const std::string& text) {
    std::string out = printable_line(text);
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

    outcome run(const cohort_row& r) {
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
    std::string plan_row(const cohort_row& r) {
        const cohort_patient patient = read_patient(r);
        const std::string& id = patient.id;
        const protocol& p = protocols_.get(patient.protocol);
        schedule s;
        try {
            s = make_schedule(p, patient.pr);
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
    protocol_cache protocols_;
};

// The file names of the rows read so far, claimed in cohort order: two ids that read as the
// same file name are a mistake in the cohort for the later row, not a file to overwrite. (One
// short string a patient: the only memory that grows with the cohort.)
class file_names {
public:
    void claim(cohort_row& r) {
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
            if (!shard->empty()) setup.shard = parse_shard(*shard);
            const bool jsonl_table = table->ends_with(".jsonl") || table->ends_with(".ndjson");
            if (!out->empty()) {
                setup.out = *out;
                std::error_code ec;
                fs::create_directories(setup.out, ec);
                if (ec || !fs::is_directory(setup.out))
                    throw io_error("cannot make the directory", location{*out, {}, 0, 0});
            }
            cohort_reader rows(*cohort);
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
            progress bar(shown, shown ? count_rows(*cohort, setup.shard) : 0);
            std::size_t planned = 0, failed = 0;
            file_names names;
            for_each_patient<outcome>(
                rows, setup.shard, workers,
                [&](cohort_row& r) {
                    if (!setup.out.empty()) names.claim(r);
                },
                [&](const cohort_row& r) { return planner.run(r); },
                [&](const cohort_row&, outcome& o) {
                    if (o.problem.empty()) {
                        ++planned;
                        if (table_file) table_file->write(o.table);
                    } else {
                        ++failed;
                        bar.report(o.problem);
                    }
                    bar.update(planned + failed);
                });
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
