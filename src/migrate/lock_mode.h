// PostgreSQL's table-level lock modes and their conflicts.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace dbsage {

// In increasing strength, as PostgreSQL's documentation lists them.
enum class LockMode {
    access_share, row_share, row_exclusive, share_update_exclusive,
    share, share_row_exclusive, exclusive, access_exclusive,
};

// PostgreSQL's name as pg_locks shows it: "AccessExclusiveLock".
std::string_view lock_name(LockMode mode);
std::optional<LockMode> parse_lock_name(std::string_view name);
bool lock_conflicts(LockMode a, LockMode b);
// The everyday operations a lock blocks: "SELECT", "INSERT/UPDATE/DELETE",
// "DDL" (other schema changes, VACUUM, CREATE INDEX CONCURRENTLY).
std::vector<std::string_view> blocked_operations(LockMode mode);

}  // namespace dbsage
