// The index advisor: which indexes a workload needs on a live PostgreSQL,
// chosen by the planner's own what-if costs (HypoPG), in a read-only
// session; or on an SQLite file, by the method of its .expert.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advisor/candidates.h"
#include "advisor/index_hygiene.h"
#include "dbsage/status.h"

namespace dbsage {

struct AdviseOptions {
    std::string target;                       // libpq URL or conninfo
    std::vector<std::string> query_files;     // --queries
    std::vector<std::string> workload_files;  // --workload
    std::vector<std::string> log_files;       // --log
    std::vector<std::string> statements;      // SQL given inline, weight 1 each (dbsage explain asks about one)
    int max_columns = 3;
    std::uint64_t budget_bytes = 0;  // 0: no limit
    bool hygiene = true;             // also judge the existing indexes
    bool verify = false;             // measure on a scratch copy, withdraw what is not faster
    bool clone = false;              // cost on a scratch copy (GIN candidates built there; no hypopg needed in the database)
    std::uint64_t clone_max_bytes = 2ull << 30;
    std::uint64_t unused_min_bytes = 1u << 20;
};

struct AdvisedQuery {
    std::string origin, sql;
    double weight = 1;
    double cost_before = 0, cost_after = 0;  // planner cost units
    std::vector<std::string> tables{};       // "schema.table" it reads or writes
    std::string plan_before{}, plan_after{}; // SQLite: EXPLAIN QUERY PLAN, without and with the advice
    std::optional<double> measured_before_ms{}, measured_after_ms{};  // --verify
};

struct IndexAdvice {
    IndexCandidate index;
    std::uint64_t size_bytes = 0;  // HypoPG's estimate
    std::vector<size_t> serves;    // AdviceReport::queries it makes cheaper
};

struct StillCostly {
    size_t query = 0;  // into AdviceReport::queries
    std::string why;   // the query rules' findings, or what the costs say
};

struct AdviceReport {
    std::string target;  // masked
    bool sqlite = false;  // the target is an SQLite file
    std::vector<IndexAdvice> create;
    std::vector<HygieneItem> existing;  // existing indexes to drop or rebuild, FKs to index
    std::vector<IndexAdvice> withdrawn; // --verify: the planner liked them, the clock did not
    bool verified = false;
    std::string verify_note;            // what was measured, and how
    std::vector<AdvisedQuery> queries;
    std::vector<StillCostly> still_costly;  // what the advice did not fix, and why
    std::vector<IndexCandidate> uncosted;   // GIN candidates HypoPG cannot cost (no --clone)
    double cost_before = 0, cost_after = 0;  // weighted sums
    std::uint64_t bytes_added = 0;
    int candidates = 0;
    int planner_calls = 0;
    double seconds = 0;
    std::vector<std::string> notes;  // statements left out, and why
};

// Reads the workload and the schema, generates candidates and grows a
// configuration one index at a time (or one extended by a column),
// choosing by weighted cost saved per byte until nothing saves at least
// 0.5% of the workload's remaining cost or the budget is spent. Never writes: the
// indexes it tries are HypoPG's, in its own session.
Result<AdviceReport> advise_indexes(const AdviseOptions& options);

}  // namespace dbsage
