// The in-memory SQLite database that reads SQLite-dialect files.
#include <sqlite3.h>

#include "connectors/sqlite/sqlite_schema_reader.h"
#include "sandbox/scratch_engine.h"
#include "util/strings.h"

namespace dbsage {
namespace {

class SqliteScratch final : public ScratchEngine {
public:
    explicit SqliteScratch(sqlite3* db) : m_db(db) {}
    ~SqliteScratch() override { sqlite3_close(m_db); }

    std::optional<EngineError> run(const std::string& sql) override {
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &stmt, &tail) != SQLITE_OK)
            return error(sql);
        if (!stmt) return std::nullopt;  // only a comment
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) return error(sql);
        return std::nullopt;
    }

    Result<std::set<std::string>> objects() override {
        static const char* k_sql =
            "SELECT 'table main.' || lower(name) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "UNION ALL SELECT 'view main.' || lower(name) FROM sqlite_master WHERE type = 'view' "
            "UNION ALL SELECT type || ' main.' || lower(tbl_name) || '.' || lower(name) FROM sqlite_master "
            "WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' "
            "UNION ALL SELECT 'column main.' || lower(m.name) || '.' || lower(p.name) FROM sqlite_master m "
            "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, k_sql, -1, &stmt, nullptr) != SQLITE_OK) return Status::error(sqlite3_errmsg(m_db));
        std::set<std::string> out;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            if (auto* text = sqlite3_column_text(stmt, 0)) out.insert(reinterpret_cast<const char*>(text));
        sqlite3_finalize(stmt);
        return out;
    }

    Status read_schema(Workspace& ws) override { return read_sqlite_schema_from(m_db, "SQLite", ws); }

    std::string name() const override { return std::string("SQLite ") + sqlite3_libversion(); }

private:
    EngineError error(const std::string& sql) {
        EngineError e;
        e.message = one_line(sqlite3_errmsg(m_db));
        e.syntax = e.message.find("syntax error") != std::string::npos || e.message.find("incomplete input") != std::string::npos ||
                   e.message.find("unrecognized token") != std::string::npos;
        int offset = sqlite3_error_offset(m_db);
        if (offset >= 0 && static_cast<size_t>(offset) < sql.size()) e.offset = offset;
        return e;
    }

    sqlite3* m_db;
};

}  // namespace

Result<std::unique_ptr<ScratchEngine>> open_sqlite_scratch() {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return Status::error("cannot open an in-memory SQLite database");
    }
    // A file's ATTACH must not reach the disk; the scratch database is all it may change.
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    return std::unique_ptr<ScratchEngine>(new SqliteScratch(db));
}

}  // namespace dbsage
