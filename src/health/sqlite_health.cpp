// SQLite: integrity, foreign keys, free pages, the WAL, planner statistics,
// journal mode; and the sizes --record keeps.
#include <fmt/format.h>

#include <filesystem>

#include "advisor/index_hygiene.h"
#include "connectors/sqlite/sqlite_db.h"
#include "health/check_support.h"
#include "health/engine_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

std::string file_of(const std::string& target) { return starts_with_ci(target, "sqlite:") ? target.substr(7) : target; }

double number(const std::vector<SqliteRow>& rows) { return rows.empty() || rows[0].empty() ? 0 : std::atof(rows[0][0].c_str()); }

void integrity(SqliteDb& db, const HealthOptions& options, HealthReport& report) {
    const char* pragma = options.deep ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)";
    auto rows = db.query(pragma);
    if (!rows) {
        report.notes.push_back(std::string(pragma) + " failed: " + rows.status().message());
        return;
    }
    mark_checked(report, "integrity");
    if (rows->size() == 1 && (*rows)[0][0] == "ok") return;
    std::vector<std::string> problems;
    for (const auto& r : *rows) problems.push_back(r[0]);
    report.findings.push_back({options.deep ? "integrity-check" : "quick-check", "integrity", HealthLevel::critical, "database file",
                               fmt::format("{} reports {} problem(s): {}", pragma, problems.size(), join(problems, "; ")),
                               "The file is damaged. Restore from a backup, or copy out what is readable with the "
                               "sqlite3 shell's .recover into a new file.",
                               "-- sqlite3 " + shell_quote(file_of(options.target)) + " .recover | sqlite3 recovered.db"});
}

void foreign_keys(SqliteDb& db, HealthReport& report) {
    auto rows = db.query("PRAGMA foreign_key_check");
    if (!rows) {
        report.notes.push_back("foreign_key_check failed: " + rows.status().message());
        return;
    }
    mark_checked(report, "schema");
    // table -> (parent, rowids)
    std::map<std::string, std::pair<std::string, std::vector<std::string>>> by_table;
    for (const auto& r : *rows) {
        auto& entry = by_table[r[0]];
        entry.first = r[2];
        entry.second.push_back(r[1].empty() ? "(no rowid)" : r[1]);
    }
    auto enforced = db.query("PRAGMA foreign_keys");
    bool on = enforced && number(*enforced) == 1;
    for (const auto& [table, entry] : by_table) {
        const auto& rowids = entry.second;
        std::vector<std::string> shown(rowids.begin(), rowids.begin() + std::min<size_t>(rowids.size(), 10));
        report.findings.push_back(
            {"foreign-key-violation", "schema", HealthLevel::critical, table,
             fmt::format("{} row(s) of {} point at missing rows of {} (rowid {}{})", rowids.size(), table, entry.first,
                         join(shown, ", "), rowids.size() > shown.size() ? ", …" : ""),
             std::string("SQLite enforces foreign keys only on connections that run PRAGMA foreign_keys = ON") +
                 (on ? "" : " (it is off unless a connection asks)") +
                 ", so some writer did not. Fix the rows, then turn the PRAGMA on in every connection.",
             "PRAGMA foreign_key_check(" + quote_ident(table) + ");  -- lists them: delete the orphans or insert their parents"});
    }
}

void space(SqliteDb& db, const HealthOptions& options, HealthReport& report, Snapshot& snapshot) {
    auto pages = db.query("PRAGMA page_count");
    auto free = db.query("PRAGMA freelist_count");
    auto size = db.query("PRAGMA page_size");
    if (!pages || !free || !size) return;
    mark_checked(report, "space");
    double total = number(*pages), unused = number(*free), page = number(*size);
    double percent = total > 0 ? 100.0 * unused / total : 0;
    report.metrics.push_back({"free_pages_percent", percent, "%", options.limits.sqlite_free_percent, 0});
    snapshot.values.push_back({"database_size", "", total * page, ""});
    // Counting rows reads every table: only when the history will keep it.
    auto tables = snapshot.wanted ? db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                                  : Result<std::vector<SqliteRow>>(std::vector<SqliteRow>{});
    if (tables)
        for (const auto& t : *tables)
            if (auto n = db.query("SELECT count(*) FROM " + quote_ident(t[0]))) snapshot.values.push_back({"table_rows", t[0], number(*n), ""});
    std::vector<std::string> largest;
    // dbstat walks every page: on files up to 1 GB, or when the history keeps it.
    bool walk = snapshot.wanted || total * page <= 1073741824.0;
    if (auto rows = walk ? db.query("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 5")
                         : Result<std::vector<SqliteRow>>(std::vector<SqliteRow>{})) {
        for (const auto& r : *rows) {
            largest.push_back(r[0] + " " + human_bytes(std::stoull(r[1].empty() ? "0" : r[1])));
            snapshot.values.push_back({"table_bytes", r[0], std::atof(r[1].c_str()), ""});
        }
    }
    report.findings.push_back({"database-size", "space", HealthLevel::info, "database file",
                               fmt::format("{} ({:.0f} pages of {:.0f} bytes){}", bytes_text(total * page),
                                           total, page, largest.empty() ? "" : "; largest: " + join(largest, ", ")),
                               "", ""});
    if (percent >= options.limits.sqlite_free_percent && unused > 0)
        report.findings.push_back({"free-pages", "space", HealthLevel::warning, "database file",
                                   fmt::format("{:.0f} of {:.0f} pages are free ({:.0f}%, {})", unused, total, percent,
                                               bytes_text(unused * page)),
                                   "Deleted data left its pages on the freelist: the file keeps its size and reads "
                                   "skip over the holes. VACUUM rewrites the file compactly (it needs as much free disk "
                                   "and locks out writers while it runs).",
                                   "VACUUM;"});
    std::error_code ec;
    std::string wal = file_of(options.target) + "-wal";
    if (std::filesystem::exists(wal, ec)) {
        double bytes = static_cast<double>(std::filesystem::file_size(wal, ec));
        if (!ec && bytes >= options.limits.sqlite_wal_bytes)
            report.findings.push_back({"wal-size", "space", HealthLevel::warning, wal,
                                       fmt::format("the WAL file is {}", bytes_text(bytes)),
                                       "A WAL that large is not being checkpointed: a reader that never finishes, or "
                                       "wal_autocheckpoint off. Reads slow down as it grows.",
                                       "PRAGMA wal_checkpoint(TRUNCATE);"});
    }
}

void statistics_and_mode(SqliteDb& db, HealthReport& report) {
    mark_checked(report, "settings");
    auto stat = db.query("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'");
    auto indexes = db.query("SELECT count(*) FROM sqlite_schema WHERE type = 'index'");
    if (stat && indexes && number(*stat) == 0 && number(*indexes) > 0)
        report.findings.push_back({"missing-statistics", "indexes", HealthLevel::warning, "sqlite_stat1",
                                   fmt::format("{:.0f} indexes and no sqlite_stat1: ANALYZE has never run", number(*indexes)),
                                   "Without statistics the planner guesses which index is selective, and with several "
                                   "candidate indexes it can pick the worst. PRAGMA optimize keeps them current cheaply.",
                                   "ANALYZE;  -- then PRAGMA optimize; before each connection closes"});
    if (stat && indexes) mark_checked(report, "indexes");
    auto mode = db.query("PRAGMA journal_mode");
    if (mode && !mode->empty() && to_lower((*mode)[0][0]) != "wal")
        report.findings.push_back({"journal-mode", "settings", HealthLevel::info, "journal_mode",
                                   "journal_mode is " + (*mode)[0][0] + ": a writer blocks every reader for its commit",
                                   "With several connections (a web app, a worker) WAL lets readers go on during writes; "
                                   "it is a property of the file once set. dbsage tune lists the per-connection PRAGMAs.",
                                   "PRAGMA journal_mode = WAL;"});
}

// The index set through the lint rules every engine shares.
void index_set(const HealthOptions& options, HealthReport& report) {
    auto items = lint_index_rules(options.target, {"duplicate-index", "redundant-index", "fk-without-index"}, report.notes);
    for (const auto& item : items)
        report.findings.push_back({item.kind, "indexes", HealthLevel::warning, item.object, item.what,
                                   item.kind == "fk-without-index" ? "Deleting or updating a parent row scans the child table."
                                                                   : "It costs every write and buys nothing.",
                                   item.sql});
}

}  // namespace

Status check_sqlite_health(const HealthOptions& options, HealthReport& report, Snapshot& snapshot) {
    std::string path = file_of(options.target);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return Status::error(path + ": no such SQLite file");
    SqliteDb db;
    if (auto s = db.open(path); !s.is_ok()) return s;
    auto version = db.query("SELECT sqlite_version()");
    if (!version) return Status::error(path + ": not an SQLite database: " + version.status().message());
    auto schema = db.query("SELECT count(*) FROM sqlite_schema");
    if (!schema) return Status::error(path + ": not an SQLite database: " + schema.status().message());
    report.engine = "SQLite " + (*version)[0][0];
    integrity(db, options, report);
    foreign_keys(db, report);
    space(db, options, report, snapshot);
    statistics_and_mode(db, report);
    index_set(options, report);
    return Status::ok();
}

}  // namespace dbsage
