#include "advisor/whatif_postgres.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "advisor/parameter_values.h"
#include "util/strings.h"

namespace dbsage {

namespace {

Status require_hypopg(PgConnection& conn) {
    auto installed = conn.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'");
    if (!installed) return installed.status();
    if (installed->empty())
        return Status::error(
            "the hypopg extension is not installed in this database, and the index advisor needs it for what-if "
            "costs; its owner can run: CREATE EXTENSION hypopg;  (Debian: apt-get install postgresql-15-hypopg). "
            "dbsage never creates an extension itself; or give --clone to work on a scratch copy of the workload's tables");
    return Status::ok();
}

}  // namespace

Result<std::unique_ptr<WhatIfPostgres>> WhatIfPostgres::open(const std::string& conninfo) {
    auto conn = PgConnection::open_read_only(conninfo);
    if (!conn) return conn.status();
    if (Status ok = require_hypopg(**conn); !ok.is_ok()) return ok;
    return std::unique_ptr<WhatIfPostgres>(new WhatIfPostgres(std::move(*conn), false));
}

Result<std::unique_ptr<WhatIfPostgres>> WhatIfPostgres::open_scratch(const std::string& conninfo) {
    auto conn = PgConnection::open_for_changes(conninfo);
    if (!conn) return conn.status();
    if (Status ok = require_hypopg(**conn); !ok.is_ok())
        return Status::error("the scratch server has no hypopg (Debian: apt-get install postgresql-15-hypopg)");
    return std::unique_ptr<WhatIfPostgres>(new WhatIfPostgres(std::move(*conn), true));
}

// Built for real and then marked not valid, which the planner skips: a
// plan that should see it flips the flag inside a transaction it rolls back.
// The table is analyzed after, so an expression's statistics exist.
Result<std::string> WhatIfPostgres::built(const IndexCandidate& index) {
    if (auto it = m_built.find(index.key()); it != m_built.end()) return it->second;
    std::string name = "dbsage_built_" + std::to_string(m_built.size() + 1);
    std::string ddl = index.ddl(false);
    ddl.insert(std::string("CREATE INDEX ").size(), quote_ident(name) + " ");
    std::string table = quote_ident(index.schema) + "." + quote_ident(index.table);
    if (auto made = m_conn->query(ddl); !made) return Status::error(ddl + ": " + made.status().message());
    if (auto analyzed = m_conn->query("ANALYZE " + table); !analyzed) return analyzed.status();
    auto oid = m_conn->query("SELECT to_regclass(" + quote_literal(quote_ident(index.schema) + "." + quote_ident(name)) +
                             ")::oid, pg_relation_size(to_regclass(" +
                             quote_literal(quote_ident(index.schema) + "." + quote_ident(name)) + "))");
    if (!oid) return oid.status();
    if (oid->empty() || !(*oid)[0][0]) return Status::error(ddl + ": the built index is not in the catalog");
    std::string id = *(*oid)[0][0];
    if (auto hidden = m_conn->query("UPDATE pg_index SET indisvalid = false WHERE indexrelid = " + id); !hidden)
        return hidden.status();
    m_sizes[index.key()] = (*oid)[0][1] ? std::stoull(*(*oid)[0][1]) : 0;
    m_built.emplace(index.key(), id);
    return id;
}

Status WhatIfPostgres::create(const std::vector<const IndexCandidate*>& config) {
    if (auto reset = m_conn->query("SELECT hypopg_reset()"); !reset) return reset.status();
    for (const auto* index : config)
        if (auto made = m_conn->query("SELECT indexrelid FROM hypopg_create_index(" + quote_literal(index->ddl(false)) + ")");
            !made)
            return Status::error(index->ddl(false) + ": " + made.status().message());
    return Status::ok();
}

Result<nlohmann::json> plan_of(const std::vector<PgRow>& rows) {
    if (rows.empty() || rows[0].empty() || !rows[0][0]) return Status::error("EXPLAIN returned no plan");
    auto json = nlohmann::json::parse(*rows[0][0], nullptr, false);
    if (json.is_discarded() || !json.is_array() || json.empty()) return Status::error("EXPLAIN returned an unreadable plan");
    return json[0];
}

void index_names_in(const nlohmann::json& node, std::set<std::string>& out) {
    if (node.is_object()) {
        if (node.contains("Index Name") && node["Index Name"].is_string()) out.insert(node["Index Name"].get<std::string>());
        for (const auto& [key, value] : node.items()) index_names_in(value, out);
    } else if (node.is_array()) {
        for (const auto& item : node) index_names_in(item, out);
    }
}

Result<WhatIfPostgres::Planned> WhatIfPostgres::plan(const std::string& sql, const std::vector<const IndexCandidate*>& config) {
    std::vector<std::string> keys;
    for (const auto* index : config) keys.push_back(index->key());
    std::sort(keys.begin(), keys.end());
    std::string memo = sql + "\n" + join(keys, ";");
    if (auto it = m_plans.find(memo); it != m_plans.end()) return it->second;
    std::vector<const IndexCandidate*> hypothetical;
    std::string shown;  // oids of built indexes the plan may see
    for (const auto* index : config) {
        if (!built_here(*index)) {
            hypothetical.push_back(index);
            continue;
        }
        auto oid = built(*index);
        if (!oid) return oid.status();
        shown += (shown.empty() ? "" : ", ") + *oid;
    }
    if (Status made = create(hypothetical); !made.is_ok()) return made;
    ++m_planner_calls;
    if (!shown.empty()) {
        if (auto begin = m_conn->query("BEGIN"); !begin) return begin.status();
        if (auto shown_now = m_conn->query("UPDATE pg_index SET indisvalid = true WHERE indexrelid IN (" + shown + ")"); !shown_now) {
            m_conn->query("ROLLBACK");
            return shown_now.status();
        }
    }
    auto rows = explain(sql);
    if (!shown.empty()) m_conn->query("ROLLBACK");
    if (!rows) return rows.status();
    auto top = plan_of(*rows);
    if (!top) return top.status();
    const auto& node = (*top)["Plan"];
    Planned planned;
    planned.cost = node.value("Total Cost", 0.0);
    // ModifyTable's own row estimate is 0; what it writes is its input's.
    if (node.value("Node Type", "") == "ModifyTable" && node.contains("Plans") && !node["Plans"].empty())
        planned.rows_written = node["Plans"][0].value("Plan Rows", 0.0);
    index_names_in(node, planned.indexes);
    m_plans.emplace(std::move(memo), planned);
    return planned;
}

Result<double> WhatIfPostgres::cost(const std::string& sql, const std::vector<const IndexCandidate*>& config) {
    auto planned = plan(sql, config);
    if (!planned) return planned.status();
    return planned->cost;
}

Result<std::set<std::string>> WhatIfPostgres::indexes_read(const std::string& sql,
                                                           const std::vector<const IndexCandidate*>& config) {
    auto planned = plan(sql, config);
    if (!planned) return planned.status();
    return planned->indexes;
}

Result<double> WhatIfPostgres::rows_written(const std::string& sql) {
    auto planned = plan(sql, {});
    if (!planned) return planned.status();
    return planned->rows_written;
}

// A statement with $n parameters and no values (pg_stat_statements keeps
// none) is planned as a generic plan: prepared, and explained under
// plan_cache_mode = force_generic_plan, which plans without the values, so
// NULL arguments do not matter. Prepared anew each time: a cached plan
// would not see HypoPG's indexes change.
Result<std::vector<PgRow>> WhatIfPostgres::explain(const std::string& sql) {
    int parameters = highest_parameter(sql);
    if (parameters == 0) return m_conn->query("EXPLAIN (FORMAT JSON) " + sql);
    if (!m_generic_mode) {
        if (auto set = m_conn->query("SET plan_cache_mode = force_generic_plan"); !set) return set.status();
        m_generic_mode = true;
    }
    std::string body = sql;
    while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.pop_back();
    if (auto prepared = m_conn->query("PREPARE dbsage_whatif AS " + body); !prepared) return prepared.status();
    std::string nulls;
    for (int i = 0; i < parameters; ++i) nulls += i ? ", NULL" : "NULL";
    auto plan = m_conn->query("EXPLAIN (FORMAT JSON) EXECUTE dbsage_whatif(" + nulls + ")");
    m_conn->query("DEALLOCATE dbsage_whatif");
    return plan;
}

Result<std::uint64_t> WhatIfPostgres::size(const IndexCandidate& index) {
    if (auto it = m_sizes.find(index.key()); it != m_sizes.end()) return it->second;
    if (built_here(index)) {
        if (auto oid = built(index); !oid) return oid.status();
        return m_sizes[index.key()];
    }
    if (auto reset = m_conn->query("SELECT hypopg_reset()"); !reset) return reset.status();
    auto rows = m_conn->query("SELECT hypopg_relation_size(indexrelid) FROM hypopg_create_index(" +
                              quote_literal(index.ddl(false)) + ")");
    if (!rows) return Status::error(index.ddl(false) + ": " + rows.status().message());
    std::uint64_t bytes = rows->empty() || !(*rows)[0][0] ? 0 : std::stoull(*(*rows)[0][0]);
    m_sizes.emplace(index.key(), bytes);
    return bytes;
}

}  // namespace dbsage
