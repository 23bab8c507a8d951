// What a B-tree will take on disk, from the table's statistics: HypoPG's
// estimate knows neither deduplication (PostgreSQL 13+: one entry per
// distinct key with a list of row pointers) nor the real entry layout, and
// on the benchmark's tables it was 1.4–3.7 times the built size.
#pragma once

#include <cstdint>

#include "advisor/candidates.h"
#include "model/schema.h"

namespace dbsage {

// The smaller of hypopg_bytes and dbsage's own estimate where it can make
// one (a B-tree on plain columns with pg_stats widths, no WHERE); else
// hypopg_bytes.
std::uint64_t corrected_index_size(const IndexCandidate& index, const Schema& schema, std::uint64_t hypopg_bytes);

}  // namespace dbsage
