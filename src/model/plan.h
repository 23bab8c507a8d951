// An execution plan as the engines report it, in one shape for all of them:
// a tree of nodes with the planner's estimates and, after EXPLAIN ANALYZE,
// what happened. Readers (src/explain/) fill it; analyses only read it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbsage {

struct PlanNode {
    std::string type;          // "Seq Scan", "Hash Join", "Sort", …
    std::string label;         // the engine's own words for the node when type, relation and index do not say it (SQLite)
    std::string relation;      // the table a scan reads ("" when none)
    std::string schema;
    std::string alias;
    std::string index;         // the index an index scan reads
    std::string parent_relationship;  // "Outer", "Inner", "SubPlan", "InitPlan", …
    std::string subplan_name;  // "SubPlan 1", "CTE x"
    std::string join_type;     // "Inner", "Left", "Semi", …
    std::string filter, index_cond, join_filter, hash_cond, recheck_cond;
    std::vector<std::string> sort_key;
    std::string access_type;   // MySQL/MariaDB: ALL, index, range, ref, eq_ref, const; SQLite: ALL, index, search
    double rows_examined = 0;  // MySQL/MariaDB: rows a table access reads per loop, before its condition
    bool temporary = false;    // materializes into a temporary table (MySQL/MariaDB) or a temp B-tree (SQLite)
    bool dependent = false;    // a subquery that depends on the outer row (run once per row unless cached)

    // The planner's estimates.
    double startup_cost = 0, total_cost = 0;
    double plan_rows = 0;
    int plan_width = 0;

    // EXPLAIN ANALYZE: per loop, as PostgreSQL reports them.
    bool analyzed = false;
    bool never_executed = false;
    double actual_startup_ms = 0, actual_total_ms = 0;
    double actual_rows = 0;
    double loops = 1;
    double rows_removed_by_filter = 0, rows_removed_by_join_filter = 0, rows_removed_by_recheck = 0;
    double heap_fetches = 0;
    double exact_heap_blocks = 0, lossy_heap_blocks = 0;
    std::string sort_method, sort_space_type;  // "external merge", "Disk"
    double sort_space_kb = 0;
    double hash_batches = 0, original_hash_batches = 0, peak_memory_kb = 0, disk_usage_kb = 0;
    int workers_planned = 0, workers_launched = 0;
    // BUFFERS: blocks.
    double shared_hit = 0, shared_read = 0, shared_dirtied = 0, shared_written = 0, temp_read = 0, temp_written = 0;

    // Derived by the analysis (explain/plan_metrics): the time and cost this
    // node spent itself, children subtracted, over all its loops.
    double total_ms = 0, exclusive_ms = 0, exclusive_cost = 0;

    std::vector<PlanNode> children;
};

// Deeper than this is no plan an engine made; readers refuse it so that no
// walk over the tree can exhaust the stack.
inline constexpr size_t k_max_plan_depth = 1000;

struct Plan {
    std::string source;   // file name or "the query"
    std::string format;   // "postgres-json", "postgres-text", …
    std::string query;    // the statement, when known
    PlanNode root;
    bool analyzed = false;
    std::optional<double> planning_ms, execution_ms, jit_ms;
    double trigger_ms = 0;
    std::vector<std::pair<std::string, std::string>> settings;  // EXPLAIN (SETTINGS): non-default ones
};

}  // namespace dbsage
