// Reads an SQLite database file's schema into a Workspace.
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/workspace.h"

namespace dbsage {

// Opens target ("sqlite:PATH" or a path) read-only and fills ws.schema from
// sqlite_schema and the table_info / index_list / foreign_key_list PRAGMAs,
// plus a few sample values of text columns and foreign key violations.
Status read_sqlite_schema(const std::string& target, Workspace& ws);

}  // namespace dbsage
