// Reads a MySQL/MariaDB schema from information_schema into a Workspace.
#pragma once

#include <string>
#include <vector>

#include "dbsage/status.h"
#include "model/workspace.h"

namespace dbsage {

class MysqlConnection;

struct MysqlReadOptions {
    // Databases to read; empty: the session's current database, or every
    // database but the system ones when there is none.
    std::vector<std::string> databases;
    // A user's server: also read statistics (TABLE_ROWS, sizes, cardinality,
    // AUTO_INCREMENT), index use from performance_schema, sample values of
    // text columns and sql_mode. Off for scratch servers reading files.
    bool live = true;
    // Only these tables (and their views' none); empty: all.
    std::vector<std::string> tables;
};

// Fills ws.schema (dialect mysql; a table's schema is its database) from
// information_schema: tables with engine and collation, columns with type,
// UNSIGNED, charset/collation, generated and AUTO_INCREMENT, indexes with
// prefix lengths, FULLTEXT/SPATIAL and invisible ones, foreign keys, CHECK
// constraints, triggers, views and partitioning.
Status read_mysql_schema_from(MysqlConnection& conn, const MysqlReadOptions& options, Workspace& ws);

// Opens url read-only (MysqlConnection::open_read_only) and reads its schema.
Status read_mysql_schema(const std::string& url, Workspace& ws);

// The definitions of the URL's database as a script (SHOW CREATE TABLE and
// SHOW CREATE VIEW through the read-only session, foreign key checks off so
// order does not matter): the schema before a migration, to be run on a
// scratch server. Nothing is written to the user's server.
Result<std::string> mysql_definitions(const std::string& url);

// 'text' as a MySQL string literal (backslashes and quotes escaped).
std::string mysql_literal(const std::string& text);
// `name` as a MySQL identifier.
std::string mysql_ident(const std::string& name);

}  // namespace dbsage
