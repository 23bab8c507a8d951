// The existing indexes of a live PostgreSQL, judged: unused, invalid,
// bloated (estimated), duplicate or prefix-redundant, and foreign keys without one. Each item
// carries the SQL to act on it, which dbsage never runs itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "connectors/postgres/pg_connection.h"
#include "dbsage/status.h"

namespace dbsage {

struct HygieneItem {
    std::string kind;    // unused, invalid, bloated, duplicate-index, redundant-index, fk-without-index, made-redundant
    std::string object;  // schema.index or schema.table
    std::string what;    // the evidence, in one line
    std::string sql;     // what to run
    std::uint64_t bytes = 0;  // what dropping it frees, when known
};

// Reads pg_stat_user_indexes and pg_index through conn (read-only) and runs
// the lint rules that judge index sets (duplicate-index, redundant-index,
// fk-without-index) on target. unused_min_bytes: smaller unused indexes
// (and less bloat) are not worth a finding. Unreadable parts become notes, not errors.
std::vector<HygieneItem> index_hygiene(PgConnection& conn, const std::string& target, std::uint64_t unused_min_bytes,
                                       std::vector<std::string>& notes);

// The findings of the lint rules named in rules (duplicate-index,
// redundant-index, …) on target, any engine lint reads, as hygiene items of
// kind rule id. A target lint cannot read adds a note instead.
std::vector<HygieneItem> lint_index_rules(const std::string& target, const std::vector<std::string>& rules,
                                          std::vector<std::string>& notes);

}  // namespace dbsage
