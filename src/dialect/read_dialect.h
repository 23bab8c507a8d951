// Reads SQL files written in MySQL's or SQLite's dialect, which PostgreSQL's
// grammar cannot read, by executing them in a scratch engine of that dialect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect/mysql_online_ddl.h"
#include "model/workspace.h"

namespace dbsage {

struct DialectChoice {
    Dialect dialect = Dialect::postgres;
    // What decided it, for a note: "backticks at schema.sql:6"; empty when given.
    std::string reason;
};

// Looks for an unmistakable marker in the first megabyte of each file (8 MB
// in all), in order: backticks, ENGINE=, AUTO_INCREMENT, UNSIGNED, DELIMITER and /*!…*/
// mean MySQL; AUTOINCREMENT, STRICT, WITHOUT ROWID and PRAGMA mean SQLite.
// No marker: PostgreSQL.
DialectChoice detect_dialect(const std::vector<std::string>& files);

// Parses "postgres"/"postgresql"/"pg", "mysql"/"mariadb", "sqlite".
std::optional<Dialect> parse_dialect(const std::string& name);

// Splits each file as its engine's client does and executes its schema
// statements one by one in a scratch engine (an in-memory SQLite database,
// a scratch MariaDB), then reads the schema back into ws.schema, each object
// located at the statement that made it. Data statements (INSERT, REPLACE,
// LOAD DATA, LOCK TABLES) are counted, never run or held in memory. SELECT,
// WITH, UPDATE and DELETE are not run but parsed for the query rules (with
// PostgreSQL's grammar; what it cannot read is counted in a note); other
// statements that change no schema (CALL, GRANT, CREATE USER, SET GLOBAL,
// ATTACH) are not run either. A statement the engine rejects becomes
// an invalid statement carrying the engine's message: node "syntax" when the
// grammar rejected it, "fails" when valid syntax failed (a missing table).
struct DialectReadOptions {
    // Files run first and never reported: the schema the files change (--schema).
    std::vector<std::string> context;
    // Scripts given as text, run before the context files: (name, SQL), e.g.
    // the definitions read from a live database (--db).
    std::vector<std::pair<std::string, std::string>> context_texts;
    // MySQL: the server the online DDL is predicted for; default: the scratch
    // MariaDB's own version.
    std::optional<MysqlTarget> target;
};

// MySQL ALTER TABLE, CREATE INDEX and DROP INDEX statements on existing
// tables get their online DDL predicted and observed (Statement::online_ddl).
void read_dialect_files(const std::vector<std::string>& files, Dialect dialect, Workspace& ws,
                        const DialectReadOptions& options = {});

}  // namespace dbsage
