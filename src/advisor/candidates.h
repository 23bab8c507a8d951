// Index candidates read from the typed statement model: for each table a
// query reads, the columns its predicates, joins and sort could use, in the
// order a B-tree serves them (equality first, then one range or the sort);
// expression keys for conditions on lower(x), x ->> 'k', date(x); partial
// indexes for conditions on a constant (status = 'new', deleted_at IS NULL);
// INCLUDE columns that would let a query read the index alone; BRIN for a
// range on a large table whose column follows the rows' physical order;
// GIN for jsonb containment and key tests, full-text @@, arrays, and
// trigrams (pg_trgm) for LIKE '%x%'.
#pragma once

#include <string>
#include <vector>

namespace dbsage {

// The model is only named here: the advisor's results (advisor.h) carry
// candidates to reports and the CLI, which need none of it.
struct Query;
struct Schema;

struct IndexKeyColumn {
    std::string name;         // a column, or an expression's SQL text
    bool descending = false;
    bool expression = false;  // name is an expression (lower(email))
    std::string nulls{};      // "NULLS FIRST"/"NULLS LAST" where not the direction's default
    std::string opclass{};    // "jsonb_path_ops", "gin_trgm_ops"; empty: the type's default
    bool operator==(const IndexKeyColumn&) const = default;
};

struct IndexCandidate {
    std::string schema, table;
    std::vector<IndexKeyColumn> columns;
    std::string where{}; // a partial index's predicate, SQL text; empty: the whole table
    std::string reason{};  // which predicate or sort it serves
    std::vector<std::string> include{};  // INCLUDE columns: the rest the query selects (index-only scans)
    std::string method = "btree";      // or "brin", "gin"

    // HypoPG simulates B-tree and BRIN only: a GIN index must be built (on
    // a scratch copy) for the planner to cost it.
    bool needs_building() const { return method == "gin"; }
    // gin_trgm_ops: the pg_trgm extension must exist where it is built.
    bool needs_trigram() const;
    // "public.orders(customer_id,placed_at desc)": identity for sets and memos.
    std::string key() const;
    // table_col1_col2_idx (63 bytes at most), the name a migration gives it.
    std::string name() const;
    // "customer_id, placed_at DESC, (lower(email))": the keys as SQL (an
    // expression in parentheses, as CREATE INDEX needs it).
    std::string key_list(bool with_direction) const;
    // CREATE INDEX ON … for HypoPG; CONCURRENTLY and a name for a migration.
    std::string ddl(bool for_migration) const;
    // SQLite's spelling for a migration (no CONCURRENTLY there).
    std::string ddl_sqlite() const;
    // True when other's columns start with all of this one's (same table).
    bool is_prefix_of(const IndexCandidate& other) const;
};

// The candidates of one statement (all its query levels); max_columns
// bounds each index's width.
std::vector<IndexCandidate> index_candidates(const Query& query, const Schema& schema, int max_columns);

}  // namespace dbsage
