// A cohort file, one patient a row (CSV or JSON Lines), read and planned in chunks over threads:
// what `ttplan batch` and `ttplan load` share (docs/batch.md).
#pragma once

#include "commands.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ttplan::cli {

// The columns that are not parameters.
inline constexpr std::string_view id_column = "id";
inline constexpr std::string_view protocol_column = "protocol";
inline constexpr std::string_view start_column = "start";

// One patient as the cohort file gives it: where it is, and its cells by column name. An empty
// CSV cell is left out, so the parameter takes its default.
struct cohort_row {
    std::size_t line = 0;   // of the row's first character, from 1
    std::size_t index = 0;  // among the data rows, from 0
    std::map<std::string, std::string, std::less<>> cells;
    std::string problem;  // a row the file gives but that cannot be read; the others go on
};

// The rows of a cohort file: JSON Lines for a name ending .jsonl or .ndjson, else CSV with a
// header row. Throws io_error when it cannot be opened, value_error located at its file and
// line when it cannot be read on (a CSV quote not closed, a header row that names a column
// twice); a row that cannot be read but does not stop the others has its `problem` set.
class cohort_reader {
public:
    explicit cohort_reader(const std::string& path);
    ~cohort_reader();
    cohort_reader(const cohort_reader&) = delete;
    cohort_reader& operator=(const cohort_reader&) = delete;
    bool next(cohort_row& r);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// --shard K/N: the rows K, K+N, K+2N, ... (from 1) of the cohort.
struct cohort_shard {
    std::size_t k = 1, n = 1;
    bool has(const cohort_row& r) const { return r.index % n == k - 1; }
};
// "2/8"; usage_error located at --shard otherwise.
cohort_shard parse_shard(const std::string& text);

// A patient as the planner takes them.
struct cohort_patient {
    std::string id;
    std::string protocol;  // a built-in id or a file; the default protocol when the row gives none
    profile pr;
};
// value_error saying what is wrong with the row's id, start or parameters.
cohort_patient read_patient(const cohort_row& r);

// Each protocol a cohort names, loaded once; safe to call from several threads.
class protocol_cache {
public:
    const protocol& get(const std::string& name);

private:
    std::mutex mutex_;
    std::map<std::string, protocol> protocols_;
};

// The progress line on a terminal: "1,200/10,000 patients, 850/s, about 10 s to go".
class progress {
public:
    progress(bool shown, std::size_t total);
    void update(std::size_t done);
    // A row's problem on standard error, "ttplan: error: ...", over the progress line if shown;
    // as every message, it cannot drive the terminal (printable_line).
    void report(const std::string& problem);
    void done();

private:
    bool shown_;
    std::size_t total_;
    std::chrono::steady_clock::time_point began_;
};

// The rows of `path` in the shard, counted, for a progress line.
std::size_t count_rows(const std::string& path, const cohort_shard& shard);

// Reads the shard's rows in chunks; `admit` sees each row in cohort order as it is read (and
// may set its problem); `plan` runs on `jobs` threads, one row at a time; `take` gets each
// row's result in cohort order after its chunk. Memory holds one chunk at a time.
template <typename Result>
void for_each_patient(cohort_reader& in, const cohort_shard& shard, unsigned jobs,
                      const std::function<void(cohort_row&)>& admit,
                      const std::function<Result(const cohort_row&)>& plan,
                      const std::function<void(const cohort_row&, Result&)>& take) {
    std::vector<cohort_row> chunk;
    bool more = true;
    while (more) {
        chunk.clear();
        cohort_row r;
        while (chunk.size() < 64 * std::size_t{jobs} && (more = in.next(r))) {
            if (!shard.has(r)) continue;
            admit(r);
            chunk.push_back(std::move(r));
        }
        std::vector<Result> done(chunk.size());
        std::atomic<std::size_t> taken{0};
        const auto work = [&] {
            for (std::size_t i; (i = taken++) < chunk.size();) done[i] = plan(chunk[i]);
        };
        {
            std::vector<std::jthread> threads;
            for (unsigned t = 1; t < std::min<std::size_t>(jobs, chunk.size()); ++t)
                threads.emplace_back(work);
            work();
        }
        for (std::size_t i = 0; i < chunk.size(); ++i) take(chunk[i], done[i]);
    }
}

}  // namespace ttplan::cli
