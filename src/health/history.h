// The history store: snapshots of a database's numbers in one SQLite file
// (no server), appended by dbsage health --record and read back for trends.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

// One number (or setting) of one object: kind "table_bytes", object
// "public.orders". text carries what a number needs to be shown (a
// statement's text, an index's table) or a setting's value.
struct SnapshotValue {
    std::string kind, object;
    double value = 0;
    std::string text;
};

struct Snapshot {
    std::int64_t taken_at = 0;  // unix seconds
    std::vector<SnapshotValue> values;
    // Whether a check should spend queries on what only the history reads
    // (no --record, no --trends and no history yet: it need not).
    bool wanted = true;
};

// Appends snapshot for target (a masked target string names the database)
// to the store at path, creating the file and its directory. Only dbsage's
// own file is written.
Status append_snapshot(const std::string& path, const std::string& target, const Snapshot& snapshot);

// The target's snapshots, oldest first; none when the file does not exist.
Result<std::vector<Snapshot>> read_snapshots(const std::string& path, const std::string& target);

}  // namespace dbsage
