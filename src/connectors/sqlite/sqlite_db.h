// A small SQLite session: open a file read-only (or borrow an open handle)
// and run a statement to rows of text. The schema reader, dbsage health and
// dbsage tune share it.
#pragma once

#include <string>
#include <vector>

#include "dbsage/status.h"

struct sqlite3;

namespace dbsage {

using SqliteRow = std::vector<std::string>;  // NULL reads as ""

class SqliteDb {
public:
    SqliteDb() = default;
    // Uses an open handle the caller keeps and closes.
    explicit SqliteDb(sqlite3* borrowed) : m_db(borrowed), m_owned(false) {}
    ~SqliteDb();
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    // Opens path with SQLITE_OPEN_READONLY: nothing this session runs can
    // change the file. Errors name the path and SQLite's reason.
    Status open(const std::string& path);
    // Runs one statement; errors carry SQLite's message.
    Result<std::vector<SqliteRow>> query(const std::string& sql);
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    bool m_owned = true;
};

}  // namespace dbsage
