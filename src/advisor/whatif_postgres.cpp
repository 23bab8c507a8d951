#include "advisor/whatif_postgres.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "util/strings.h"

namespace dbsage {

Result<std::unique_ptr<WhatIfPostgres>> WhatIfPostgres::open(const std::string& conninfo) {
    auto conn = PgConnection::open_read_only(conninfo);
    if (!conn) return conn.status();
    auto installed = (*conn)->query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'");
    if (!installed) return installed.status();
    if (installed->empty())
        return Status::error(
            "the hypopg extension is not installed in this database, and the index advisor needs it for what-if "
            "costs; its owner can run: CREATE EXTENSION hypopg;  (Debian: apt-get install postgresql-15-hypopg). "
            "dbsage never creates an extension itself");
    return std::unique_ptr<WhatIfPostgres>(new WhatIfPostgres(std::move(*conn)));
}

Status WhatIfPostgres::create(const std::vector<const IndexCandidate*>& config) {
    if (auto reset = m_conn->query("SELECT hypopg_reset()"); !reset) return reset.status();
    for (const auto* index : config)
        if (auto made = m_conn->query("SELECT indexrelid FROM hypopg_create_index(" + quote_literal(index->ddl(false)) + ")");
            !made)
            return made.status();
    return Status::ok();
}

Result<double> WhatIfPostgres::cost(const std::string& sql, const std::vector<const IndexCandidate*>& config) {
    std::vector<std::string> keys;
    for (const auto* index : config) keys.push_back(index->key());
    std::sort(keys.begin(), keys.end());
    std::string memo = sql + "\n" + join(keys, ";");
    if (auto it = m_costs.find(memo); it != m_costs.end()) return it->second;
    if (Status made = create(config); !made.is_ok()) return made;
    ++m_planner_calls;
    auto plan = m_conn->query("EXPLAIN (FORMAT JSON) " + sql);
    if (!plan) return plan.status();
    if (plan->empty() || !(*plan)[0][0]) return Status::error("EXPLAIN returned no plan");
    auto json = nlohmann::json::parse(*(*plan)[0][0], nullptr, false);
    if (json.is_discarded() || !json.is_array() || json.empty()) return Status::error("EXPLAIN returned an unreadable plan");
    double total = json[0]["Plan"].value("Total Cost", 0.0);
    m_costs.emplace(std::move(memo), total);
    return total;
}

Result<std::uint64_t> WhatIfPostgres::size(const IndexCandidate& index) {
    if (auto it = m_sizes.find(index.key()); it != m_sizes.end()) return it->second;
    if (auto reset = m_conn->query("SELECT hypopg_reset()"); !reset) return reset.status();
    auto rows = m_conn->query("SELECT hypopg_relation_size(indexrelid) FROM hypopg_create_index(" +
                              quote_literal(index.ddl(false)) + ")");
    if (!rows) return rows.status();
    std::uint64_t bytes = rows->empty() || !(*rows)[0][0] ? 0 : std::stoull(*(*rows)[0][0]);
    m_sizes.emplace(index.key(), bytes);
    return bytes;
}

}  // namespace dbsage
