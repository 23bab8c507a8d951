#include "advisor/verify_sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "advisor/verify.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr int k_timed_runs = 3;

using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Result<Handle> open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    Handle handle(db, sqlite3_close);
    if (rc != SQLITE_OK) return Status::error(path + ": " + (db ? sqlite3_errmsg(db) : "cannot open"));
    return handle;
}

Status exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return Status::ok();
    std::string message = error ? error : "failed";
    sqlite3_free(error);
    return Status::error(message);
}

// One run to the last row, in ms.
Result<double> run_once(sqlite3* db, const std::string& sql) {
    auto start = std::chrono::steady_clock::now();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return Status::error(sqlite3_errmsg(db));
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(st, sqlite3_finalize);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) return Status::error(sqlite3_errmsg(db));
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<double> measure_sqlite_query(sqlite3* db, const std::string& sql, std::set<std::string>& used) {
    std::vector<double> times;
    for (int run = 0; run <= k_timed_runs; ++run) {
        if (Status s = exec(db, "SAVEPOINT dbsage_verify"); !s.is_ok()) return s;
        auto ms = run_once(db, sql);
        exec(db, "ROLLBACK TO dbsage_verify; RELEASE dbsage_verify");
        if (!ms) return ms.status();
        if (run > 0) times.push_back(*ms);
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            auto* detail = sqlite3_column_text(st, 3);
            std::string text = detail ? reinterpret_cast<const char*>(detail) : "";
            // "SEARCH orders USING INDEX name (customer_id=?)", "… USING COVERING INDEX name …"
            if (auto at = text.find("INDEX "); at != std::string::npos) {
                std::string name = text.substr(at + 6);
                used.insert(name.substr(0, name.find(' ')));
            }
        }
    }
    sqlite3_finalize(st);
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

Status verify_sqlite(const std::string& path, AdviceReport& report) {
    if (report.create.empty()) return Status::ok();
    char pattern[] = "/tmp/dbsage-verify-XXXXXX";
    if (!mkdtemp(pattern)) return Status::error("--verify: cannot make a temporary directory");
    std::string dir = pattern;
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code ignored;
            std::filesystem::remove_all(dir, ignored);
        }
    } cleanup{dir};
    std::string copy_path = dir + "/copy.db";
    auto source = open(path, SQLITE_OPEN_READONLY);
    if (!source) return Status::error("--verify: " + source.status().message());
    auto copy = open(copy_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!copy) return Status::error("--verify: " + copy.status().message());
    sqlite3_backup* backup = sqlite3_backup_init(copy->get(), "main", source->get(), "main");
    if (!backup) return Status::error("--verify: copying " + path + ": " + sqlite3_errmsg(copy->get()));
    sqlite3_backup_step(backup, -1);
    if (sqlite3_backup_finish(backup) != SQLITE_OK)
        return Status::error("--verify: copying " + path + ": " + sqlite3_errmsg(copy->get()));
    source->reset();

    std::vector<std::set<std::string>> used(report.queries.size());
    auto measure_all = [&](bool after) -> Status {
        for (size_t i = 0; i < report.queries.size(); ++i) {
            auto& q = report.queries[i];
            if (q.weight <= 0) continue;
            used[i].clear();
            auto ms = measure_sqlite_query(copy->get(), q.sql, used[i]);
            if (!ms) return Status::error("--verify: " + q.origin + ": " + ms.status().message());
            (after ? q.measured_after_ms : q.measured_before_ms) = *ms;
        }
        return Status::ok();
    };
    if (Status before = measure_all(false); !before.is_ok()) return before;
    for (const auto& advice : report.create)
        if (Status built = exec(copy->get(), advice.index.ddl_sqlite()); !built.is_ok())
            return Status::error("--verify: " + advice.index.ddl_sqlite() + ": " + built.message());
    if (Status analyzed = exec(copy->get(), "ANALYZE"); !analyzed.is_ok()) return analyzed;
    if (Status after = measure_all(true); !after.is_ok()) return after;
    withdraw_unproven(report, used);
    report.verified = true;
    report.verify_note = fmt::format("measured on a copy of {}, median of {} runs after a warm-up", path, k_timed_runs);
    return Status::ok();
}

}  // namespace dbsage
