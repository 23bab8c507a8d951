// Generates a realistic corpus of mixed DDL and queries for benchmarks.
#pragma once

#include <cstddef>
#include <string>

namespace dbsage::bench {

// Returns SQL text of about target_bytes: CREATE TABLE/INDEX/ALTER migrations,
// psql meta-commands, and application queries with joins, subqueries and CTEs.
std::string make_corpus(size_t target_bytes, unsigned seed = 42);

}  // namespace dbsage::bench
