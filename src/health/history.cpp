#include "health/history.h"

#include <sqlite3.h>

#include <filesystem>

namespace dbsage {
namespace {

constexpr const char* k_schema =
    "CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY, target TEXT NOT NULL, taken_at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS snapshot_target ON snapshot (target, taken_at);"
    "CREATE TABLE IF NOT EXISTS value (snapshot_id INTEGER NOT NULL REFERENCES snapshot (id), kind TEXT NOT NULL, "
    "  object TEXT NOT NULL, value REAL NOT NULL, text TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX IF NOT EXISTS value_snapshot ON value (snapshot_id);";

class Store {
public:
    ~Store() {
        if (m_db) sqlite3_close(m_db);
    }
    Status open(const std::string& path, bool create) {
        int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK)
            return Status::error(path + ": cannot open the history store: " + sqlite3_errmsg(m_db));
        sqlite3_busy_timeout(m_db, 10000);
        if (create) return exec(k_schema);
        return Status::ok();
    }
    Status exec(const char* sql) {
        char* error = nullptr;
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) == SQLITE_OK) return Status::ok();
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        return Status::error("history store: " + message);
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
        return stmt;
    }
    std::string error() const { return sqlite3_errmsg(m_db); }
    sqlite3* db() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

}  // namespace

Status append_snapshot(const std::string& path, const std::string& target, const Snapshot& snapshot) {
    std::error_code ec;
    auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    Store store;
    if (auto s = store.open(path, true); !s.is_ok()) return s;
    if (auto s = store.exec("BEGIN IMMEDIATE"); !s.is_ok()) return s;
    sqlite3_stmt* head = store.prepare("INSERT INTO snapshot (target, taken_at) VALUES (?, ?)");
    sqlite3_bind_text(head, 1, target.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(head, 2, snapshot.taken_at);
    int rc = sqlite3_step(head);
    sqlite3_finalize(head);
    if (rc != SQLITE_DONE) return Status::error(path + ": cannot write the history store: " + store.error());
    sqlite3_int64 id = sqlite3_last_insert_rowid(store.db());
    sqlite3_stmt* row = store.prepare("INSERT INTO value (snapshot_id, kind, object, value, text) VALUES (?, ?, ?, ?, ?)");
    for (const auto& v : snapshot.values) {
        sqlite3_bind_int64(row, 1, id);
        sqlite3_bind_text(row, 2, v.kind.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(row, 3, v.object.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(row, 4, v.value);
        sqlite3_bind_text(row, 5, v.text.c_str(), -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(row);
        sqlite3_reset(row);
        if (rc != SQLITE_DONE) break;
    }
    sqlite3_finalize(row);
    if (rc != SQLITE_DONE) {
        store.exec("ROLLBACK");
        return Status::error(path + ": cannot write the history store: " + store.error());
    }
    return store.exec("COMMIT");
}

Result<std::vector<Snapshot>> read_snapshots(const std::string& path, const std::string& target) {
    std::vector<Snapshot> out;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return out;
    Store store;
    if (auto s = store.open(path, false); !s.is_ok()) return s;
    sqlite3_stmt* stmt = store.prepare(
        "SELECT s.id, s.taken_at, v.kind, v.object, v.value, v.text FROM snapshot s JOIN value v ON v.snapshot_id = s.id "
        "WHERE s.target = ? ORDER BY s.taken_at, s.id");
    if (!stmt) return Status::error(path + ": not a dbsage history store: " + store.error());
    sqlite3_bind_text(stmt, 1, target.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_int64 last_id = -1;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(stmt, 0);
        if (id != last_id) {
            out.push_back({sqlite3_column_int64(stmt, 1), {}});
            last_id = id;
        }
        auto col = [&](int i) {
            auto* t = sqlite3_column_text(stmt, i);
            return std::string(t ? reinterpret_cast<const char*>(t) : "");
        };
        out.back().values.push_back({col(2), col(3), sqlite3_column_double(stmt, 4), col(5)});
    }
    std::string error = rc == SQLITE_DONE ? "" : store.error();
    sqlite3_finalize(stmt);
    if (!error.empty()) return Status::error(path + ": cannot read the history store: " + error);
    return out;
}

}  // namespace dbsage
