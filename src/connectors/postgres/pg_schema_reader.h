// Reads a live PostgreSQL schema from its catalogs into a Workspace.
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/workspace.h"

namespace dbsage {

// Connects read-only to target and fills ws.schema (plus row estimates,
// sizes, index scan counts, column statistics and a few sample values of
// text columns). The catalog is turned into the DDL pg_dump would write and
// replayed through the same front end as SQL files, so rules cannot tell
// the two sources apart.
Status read_postgres_schema(const std::string& target, Workspace& ws);

}  // namespace dbsage
