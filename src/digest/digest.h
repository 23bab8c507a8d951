// The slow-query log digest: per-fingerprint statistics of a workload.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

// Durations are kept in logarithmic buckets 1% apart, so percentiles are
// within 1% of the exact value and memory depends on the number of distinct
// fingerprints, not on the log's size. The buckets between the shortest and
// the longest duration are one array (about 230 buckets per tenfold range).
class DurationHistogram {
public:
    void add(double ms);
    void merge(const DurationHistogram& other);
    double percentile(double p) const;  // p in [0, 100]
    std::uint64_t count() const { return m_count; }

private:
    void widen(int bucket);  // makes room for bucket in m_counts
    int m_first_bucket = 0;  // the bucket of m_counts[0]
    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    double m_min = 0, m_max = 0;  // percentiles never leave the observed range
};

struct QueryStats {
    std::string query;         // normalized
    std::string example;       // the slowest execution, with its real constants
    std::uint64_t calls = 0;
    double total_ms = 0, min_ms = 0, max_ms = 0;
    std::string first, last;   // timestamps as logged
    DurationHistogram histogram;
    std::uint64_t rows_sent = 0, rows_examined = 0;  // where the log has them (MySQL)
    std::map<std::string, std::uint64_t, std::less<>> users, databases, applications;
};

struct NPlusOne {
    std::uint64_t fingerprint = 0;
    std::string session;
    std::uint64_t count = 0;
    double span_ms = 0;
    std::string example;
};

struct DigestOptions {
    int n_plus_one_min = 20;         // executions in a row by one session
    double n_plus_one_window_ms = 1000;
    // The server's log_line_prefix (e.g. "%m [%p] %q%u@%d "): fields are read
    // exactly from it. Empty: the timestamp, [pid] and user@db / user=,db=
    // are found by their usual shapes.
    std::string prefix;
    // Threads for stderr logs (their records can be split safely); 0: one per core.
    int threads = 0;
    std::size_t chunk_bytes = 8u << 20;  // read size; tests make it small to force many splits
    // A record longer than this (a run of continuation lines, a line without
    // its newline, a csv quote never closed) is cut or skipped rather than
    // held whole: broken input must not fill memory.
    std::size_t max_record_bytes = 64u << 20;
    // Called after each read with the bytes of the files read so far, of all
    // inputs (compressed bytes for compressed files).
    std::function<void(std::uint64_t bytes)> progress;
};

struct DigestReport {
    std::unordered_map<std::uint64_t, QueryStats> queries;
    std::uint64_t statements = 0;
    double total_ms = 0, parse_ms = 0, bind_ms = 0;
    std::string first, last;
    std::map<std::string, std::uint64_t> errors;      // by message with constants removed
    std::uint64_t lock_waits = 0, temp_files = 0, autovacuum = 0, autoanalyze = 0, checkpoints = 0;
    std::uint64_t connections = 0, disconnections = 0;
    std::uint64_t lines = 0, skipped_lines = 0;
    std::uint64_t records = 0;                        // lines or records read as log records of any kind
    std::vector<std::uint64_t> skipped_examples;      // first few skipped line numbers
    std::vector<NPlusOne> n_plus_one;
    std::map<std::string, std::pair<std::uint64_t, double>> per_minute;  // "YYYY-MM-DD HH:MM" -> calls, ms
    std::vector<std::string> files;
    std::vector<std::string> warnings;  // inputs read only in part (a truncated .gz, say)
    std::vector<std::string> notes;     // inputs left out on purpose (copies of one log)
    // log_duration lines with no log_statement line of their session before
    // them, and statements logged that never got a duration: not in queries.
    std::uint64_t unattributed_durations = 0;
    std::uint64_t unattributed_statements = 0;
};

// Reads PostgreSQL stderr logs (any log_line_prefix that ends before the
// "LOG:  " severity, with %m or %t first for timestamps and %p for sessions).
// Unreadable or empty input is an error only when nothing could be read.
Result<DigestReport> digest_logs(const std::vector<std::string>& paths, const DigestOptions& options);

// Adds a partial report (from another thread or file) into total.
void merge_reports(DigestReport& total, const DigestReport& part);

// Digests log text already in memory (name is used in messages).
void digest_text(std::string_view text, const DigestOptions& options, DigestReport& report);

}  // namespace dbsage
