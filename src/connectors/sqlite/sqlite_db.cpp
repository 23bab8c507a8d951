#include "connectors/sqlite/sqlite_db.h"

#include <sqlite3.h>

namespace dbsage {

SqliteDb::~SqliteDb() {
    if (m_owned && m_db) sqlite3_close(m_db);
}

Status SqliteDb::open(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK) return Status::error(path + ": cannot open SQLite database: " + sqlite3_errstr(rc));
    sqlite3_busy_timeout(m_db, 5000);
    return Status::ok();
}

Result<std::vector<SqliteRow>> SqliteDb::query(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return Status::error(sqlite3_errmsg(m_db));
    std::vector<SqliteRow> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        SqliteRow row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            auto* text = sqlite3_column_text(stmt, i);
            row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        rows.push_back(std::move(row));
    }
    std::string error = rc == SQLITE_DONE ? "" : sqlite3_errmsg(m_db);
    sqlite3_finalize(stmt);
    if (!error.empty()) return Status::error(error);
    return rows;
}

}  // namespace dbsage
