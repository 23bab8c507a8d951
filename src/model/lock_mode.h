// PostgreSQL's table-level lock modes and their conflicts: shared by the lock
// predictor (migrate) and the lock tracer (connectors), so neither needs the other.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbsage {

// In increasing strength, as PostgreSQL's documentation lists them.
enum class LockMode {
    access_share, row_share, row_exclusive, share_update_exclusive,
    share, share_row_exclusive, exclusive, access_exclusive,
};

// A table and the lock a statement takes on it.
struct TableLock {
    std::string table;  // schema-qualified: public.orders
    LockMode mode = LockMode::access_share;
    bool operator==(const TableLock&) const = default;
};

// PostgreSQL's name as pg_locks shows it: "AccessExclusiveLock".
std::string_view lock_name(LockMode mode);
std::optional<LockMode> parse_lock_name(std::string_view name);
bool lock_conflicts(LockMode a, LockMode b);
// The everyday operations a lock blocks: "SELECT", "INSERT/UPDATE/DELETE",
// "DDL" (other schema changes, VACUUM, CREATE INDEX CONCURRENTLY).
std::vector<std::string_view> blocked_operations(LockMode mode);

}  // namespace dbsage
