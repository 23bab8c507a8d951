// A scratch PostgreSQL holding a copy of some tables of a live database:
// pg_dump through its read-only snapshot (the password passed in the PG*
// environment, never on a command line), loaded and analyzed. The advisor
// verifies on it (--verify) and costs on it when the database has no
// hypopg (--clone).
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "dbsage/status.h"
#include "sandbox/scratch_postgres.h"

namespace dbsage {

// tables: "schema.table". More than max_bytes of them in all is an error
// that says so. described: "a scratch copy of 2 tables (14.7 MB)".
Result<std::unique_ptr<ScratchPostgres>> clone_tables(const std::string& target, const std::set<std::string>& tables,
                                                       std::uint64_t max_bytes, std::string& described);

}  // namespace dbsage
