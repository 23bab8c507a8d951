#include "model/lock_mode.h"

namespace dbsage {
namespace {

constexpr std::string_view k_names[] = {
    "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
    "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
};

// PostgreSQL's conflict table (explicit-locking.html), one bit per mode.
constexpr unsigned k_conflicts[] = {
    /* access_share */ 1u << 7,
    /* row_share */ (1u << 6) | (1u << 7),
    /* row_exclusive */ (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7),
    /* share_update_exclusive */ (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7),
    /* share */ (1u << 2) | (1u << 3) | (1u << 5) | (1u << 6) | (1u << 7),
    /* share_row_exclusive */ (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7),
    /* exclusive */ 0xFEu,
    /* access_exclusive */ 0xFFu,
};

}  // namespace

std::string_view lock_name(LockMode mode) { return k_names[static_cast<int>(mode)]; }

std::optional<LockMode> parse_lock_name(std::string_view name) {
    for (int i = 0; i < 8; ++i)
        if (k_names[i] == name) return static_cast<LockMode>(i);
    return std::nullopt;
}

bool lock_conflicts(LockMode a, LockMode b) {
    return (k_conflicts[static_cast<int>(a)] >> static_cast<int>(b)) & 1u;
}

std::vector<std::string_view> blocked_operations(LockMode mode) {
    std::vector<std::string_view> out;
    if (lock_conflicts(mode, LockMode::access_share)) out.push_back("SELECT");
    if (lock_conflicts(mode, LockMode::row_exclusive)) out.push_back("INSERT/UPDATE/DELETE");
    if (lock_conflicts(mode, LockMode::share_update_exclusive)) out.push_back("DDL");
    return out;
}

}  // namespace dbsage
