// What-if costs on a live PostgreSQL through HypoPG: hypothetical indexes
// live in dbsage's own read-only session (backend memory, no catalog
// write), so the planner's cost of a query under a configuration can be
// asked without building anything.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "advisor/candidates.h"
#include "connectors/postgres/pg_connection.h"
#include "dbsage/status.h"

namespace dbsage {

// The top of the plan EXPLAIN (FORMAT JSON) returned in rows: its first
// element ("Plan", "Execution Time", …), or an error when there is none.
Result<nlohmann::json> plan_of(const std::vector<PgRow>& rows);

// Adds the name of every index a plan (or a part of one) reads to out.
void index_names_in(const nlohmann::json& plan, std::set<std::string>& out);

class WhatIfPostgres {
public:
    // Connects read-only; an error with the exact fix when hypopg is not
    // installed in the database (dbsage never creates an extension).
    static Result<std::unique_ptr<WhatIfPostgres>> open(const std::string& conninfo);
    // Connects to a scratch copy dbsage started itself (hypopg created
    // there), where it may also build the indexes HypoPG cannot simulate.
    static Result<std::unique_ptr<WhatIfPostgres>> open_scratch(const std::string& conninfo);

    // False for a GIN candidate on a live database: it can only be costed
    // by building it, which dbsage does on a scratch copy alone.
    bool can_cost(const IndexCandidate& index) const { return m_scratch || !index.needs_building(); }

    // The planner's total cost of sql with the hypothetical indexes of
    // config added to the real ones (a generic plan when sql has $n
    // parameters). Memoized per (sql, config).
    Result<double> cost(const std::string& sql, const std::vector<const IndexCandidate*>& config);
    // The existing indexes the plan of sql under config reads (by name).
    Result<std::set<std::string>> indexes_read(const std::string& sql, const std::vector<const IndexCandidate*>& config);
    // The rows an INSERT/UPDATE/DELETE writes, as the planner estimates them
    // (without hypothetical indexes; read from the plan cost(sql, {}) made).
    Result<double> rows_written(const std::string& sql);
    // The size HypoPG estimates for the index (a built one's real size), in bytes.
    Result<std::uint64_t> size(const IndexCandidate& index);

    int planner_calls() const { return m_planner_calls; }
    PgConnection& connection() { return *m_conn; }

private:
    WhatIfPostgres(std::unique_ptr<PgConnection> conn, bool scratch) : m_conn(std::move(conn)), m_scratch(scratch) {}
    Status create(const std::vector<const IndexCandidate*>& config);
    // Builds the index on the scratch copy once, hidden from the planner
    // (pg_index.indisvalid off) until a plan's transaction shows it; its oid.
    Result<std::string> built(const IndexCandidate& index);
    // On a scratch copy: GIN, which HypoPG cannot simulate, and expression
    // keys, which HypoPG gives no statistics (the planner then guesses their
    // selectivity); built there, they get ANALYZE's.
    bool built_here(const IndexCandidate& index) const {
        return m_scratch && (index.needs_building() ||
                             std::any_of(index.columns.begin(), index.columns.end(), [](const IndexKeyColumn& c) { return c.expression; }));
    }
    Result<std::vector<PgRow>> explain(const std::string& sql);

    std::unique_ptr<PgConnection> m_conn;
    struct Planned {
        double cost = 0;
        double rows_written = 0;
        std::set<std::string> indexes;  // the names of the indexes it reads
    };
    Result<Planned> plan(const std::string& sql, const std::vector<const IndexCandidate*>& config);

    std::map<std::string, Planned> m_plans;  // per (sql, sorted index keys)
    std::map<std::string, std::uint64_t> m_sizes;
    std::map<std::string, std::string> m_built;  // key -> oid of the index built on the scratch copy
    int m_planner_calls = 0;
    bool m_scratch = false;
    bool m_generic_mode = false;
};

}  // namespace dbsage
