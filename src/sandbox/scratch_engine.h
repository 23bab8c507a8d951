// A scratch engine that executes a dialect file's statements so the engine's
// own grammar and rules judge them: an in-memory SQLite database or a
// scratch MariaDB (sqlite_scratch.cpp, mysql_scratch.cpp beside this file,
// next to the scratch servers they run on).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "dbsage/status.h"
#include "model/workspace.h"

namespace dbsage {

struct EngineError {
    std::string message;  // the engine's own words, one line
    bool syntax = false;  // the grammar rejected it (else valid syntax that failed)
    int offset = -1;      // byte offset in the statement the engine points at, when it does
    bool missing_table = false;  // the statement names a table that does not exist
};

class ScratchEngine {
public:
    virtual ~ScratchEngine() = default;
    // Runs one statement. Returns the error, if any.
    virtual std::optional<EngineError> run(const std::string& sql) = 0;
    // Every object now defined, as keys "table s.t", "column s.t.c",
    // "index s.t.i", "constraint s.t.k", "trigger s.t.x", "view s.v"
    // (names lower-case), to tell which statement made each.
    virtual Result<std::set<std::string>> objects() = 0;
    // Reads the schema as it stands into ws.schema.
    virtual Status read_schema(Workspace& ws) = 0;
    // "SQLite 3.40.1", "MariaDB 10.11.6".
    virtual std::string name() const = 0;
    // MySQL: a table's definition as it stands (name as written: "t" in the
    // current database, or "db.t"), the session's foreign_key_checks, and
    // the server's version (101106 for MariaDB 10.11.6).
    virtual std::optional<Table> find_table(const std::string& name) { return std::nullopt; }
    virtual bool foreign_key_checks() { return true; }
    virtual int version() const { return 0; }
};

// An in-memory SQLite database.
Result<std::unique_ptr<ScratchEngine>> open_sqlite_scratch();
// A scratch MariaDB server with an empty database `main` in use.
Result<std::unique_ptr<ScratchEngine>> open_mariadb_scratch();

}  // namespace dbsage
