// Reads an SQLite database file's schema into a Workspace.
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/workspace.h"

struct sqlite3;

namespace dbsage {

// Opens target ("sqlite:PATH" or a path) read-only and fills ws.schema from
// sqlite_schema and the table_info / index_list / foreign_key_list PRAGMAs,
// plus a few sample values of text columns and foreign key violations.
Status read_sqlite_schema(const std::string& target, Workspace& ws);

// The same from a database the caller has open (an in-memory one, say);
// name is what messages call it.
Status read_sqlite_schema_from(sqlite3* db, const std::string& name, Workspace& ws);

}  // namespace dbsage
