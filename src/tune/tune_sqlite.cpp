// dbsage tune on SQLite: the PRAGMAs an application should set. Only
// journal_mode is stored in the file; the rest are per connection, so the
// "live" value is what every new connection starts with.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "connectors/sqlite/sqlite_db.h"
#include "tune/tune.h"
#include "util/strings.h"

namespace dbsage {

Result<TuneReport> tune_sqlite(const TuneOptions& options) {
    std::string path = starts_with_ci(options.target, "sqlite:") ? options.target.substr(7) : options.target;
    SqliteDb db;
    if (auto s = db.open(path); !s.is_ok()) return s;
    auto pragma = [&](const std::string& name) {
        auto rows = db.query("PRAGMA " + name);
        return rows && !rows->empty() && !(*rows)[0].empty() ? (*rows)[0][0] : std::string();
    };
    auto version = db.query("SELECT sqlite_version()");
    auto schema = db.query("SELECT count(*) FROM sqlite_schema");
    if (!version || !schema) return Status::error(path + ": not an SQLite database");
    TuneReport report;
    report.engine = "SQLite " + (*version)[0][0];
    report.target = path;
    double bytes = std::atof(pragma("page_count").c_str()) * std::atof(pragma("page_size").c_str());
    report.machine = fmt::format("database file of {}", human_bytes(static_cast<unsigned long long>(bytes)));
    // The page cache: the whole file up to 64 MB (negative: kB).
    double cache_kb = std::clamp(std::ceil(bytes / 1024.0 / 1024.0) * 1024.0, 2000.0, 65536.0);
    // Memory-mapped reads: the file up to 256 MB.
    double mmap = std::min(std::ceil(bytes / 1048576.0) * 1048576.0, 268435456.0);
    struct Want {
        std::string name, recommended, why;
        bool per_connection;
    };
    std::vector<Want> wants = {
        {"journal_mode", "wal", "readers go on while one writer commits; set once, it stays in the file", false},
        {"synchronous", "1", "NORMAL: with WAL a crash can lose the last commits but never corrupts the file, and commits skip an fsync",
         true},
        {"busy_timeout", "5000", "wait up to 5 s for a lock instead of failing at once with SQLITE_BUSY", true},
        {"cache_size", fmt::format("{:.0f}", -cache_kb),
         fmt::format("a page cache of {} (the default is 2 MB): the file is {}", human_bytes(static_cast<unsigned long long>(cache_kb * 1024)),
                     human_bytes(static_cast<unsigned long long>(bytes))),
         true},
        {"mmap_size", fmt::format("{:.0f}", mmap), "read pages through the OS cache without copying them", true},
        {"foreign_keys", "1", "SQLite enforces foreign keys only on connections that ask", true},
    };
    std::vector<std::string> lines;
    for (const auto& w : wants) {
        // This session set its own busy_timeout; a new connection starts at 0.
        std::string live = w.name == "busy_timeout" ? "0" : to_lower(pragma(w.name));
        ++report.settings_checked;
        if (live == w.recommended) continue;
        report.items.push_back({w.name, live + (w.per_connection ? " (each new connection)" : ""), w.recommended, w.why, false});
        std::string value = w.name == "synchronous" ? "NORMAL" : w.name == "foreign_keys" ? "ON" : w.name == "journal_mode" ? "WAL" : w.recommended;
        lines.push_back(fmt::format("PRAGMA {} = {};", w.name, value));
    }
    if (!lines.empty())
        report.apply = "-- run on every connection the application opens (journal_mode once is enough):\n" + join(lines, "\n") +
                       "\n-- and before closing long-lived connections:\nPRAGMA optimize;\n";
    return report;
}

}  // namespace dbsage
