#include "advisor/index_hygiene.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "dbsage/lint.h"
#include "util/strings.h"

namespace dbsage {
namespace {

void unused_indexes(PgConnection& conn, std::uint64_t min_bytes, std::vector<HygieneItem>& out, std::vector<std::string>& notes) {
    // Indexes behind a constraint (primary key, unique, exclusion) enforce
    // something even when no query reads them.
    auto rows = conn.query(
        "SELECT s.schemaname, s.indexrelname, s.relname, pg_relation_size(s.indexrelid), "
        "       coalesce((SELECT stats_reset::text FROM pg_stat_database WHERE datname = current_database()), '') "
        "FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid "
        "WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisunique AND NOT i.indisprimary "
        // pg_constraint has no index on conindid: a hashed NOT IN, not a scan per index.
        "  AND s.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0) "
        "ORDER BY 4 DESC");
    if (!rows) {
        notes.push_back("unused indexes not read: " + rows.status().message());
        return;
    }
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2] || !r[3]) continue;
        std::uint64_t bytes = std::stoull(*r[3]);
        if (bytes < min_bytes) continue;
        std::string since = r[4] && !r[4]->empty() ? "since the statistics were reset at " + *r[4] : "since the statistics began";
        out.push_back({"unused", *r[0] + "." + *r[1],
                       fmt::format("index {} on {} has not been scanned {} ({}); check replicas before dropping, "
                                   "their scans are not counted here",
                                   *r[1], *r[2], since, human_bytes(bytes)),
                       "DROP INDEX CONCURRENTLY " + quote_qualified(*r[0], *r[1]) + ";", bytes});
    }
}

void invalid_indexes(PgConnection& conn, std::vector<HygieneItem>& out, std::vector<std::string>& notes) {
    auto rows = conn.query(
        "SELECT n.nspname, c.relname, t.relname, pg_relation_size(c.oid) "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid ORDER BY 1, 2");
    if (!rows) {
        notes.push_back("invalid indexes not read: " + rows.status().message());
        return;
    }
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2]) continue;
        std::string name = quote_qualified(*r[0], *r[1]);
        out.push_back({"invalid", *r[0] + "." + *r[1],
                       "index " + *r[1] + " on " + *r[2] +
                           " is invalid (a CREATE INDEX CONCURRENTLY or REINDEX that failed): writes still maintain it, "
                           "no query can use it",
                       "REINDEX INDEX CONCURRENTLY " + name + ";  -- or: DROP INDEX CONCURRENTLY " + name + ";",
                       r[3] ? std::stoull(*r[3]) : 0});
    }
}

// A B-tree's expected size from its rows and its keys' average widths
// (pg_stats): per entry an 8-byte tuple header, the keys aligned to 8 and a
// 4-byte line pointer, on pages of 8,152 usable bytes filled to the
// fillfactor. What the index takes beyond that is bloat — dead space a
// REINDEX gives back. Inserts in random key order alone leave pages 60–70%
// full, so only a share above half is reported. Indexes on expressions are left out
// (no widths for them in pg_stats).
void bloated_indexes(PgConnection& conn, std::uint64_t min_bytes, std::vector<HygieneItem>& out, std::vector<std::string>& notes) {
    auto rows = conn.query(
        "SELECT n.nspname, ci.relname, ct.relname, pg_relation_size(ci.oid), ci.reltuples, "
        "  (SELECT sum(s.avg_width) FROM pg_attribute a JOIN pg_stats s ON s.schemaname = n.nspname "
        "     AND s.tablename = ct.relname AND s.attname = a.attname "
        "   WHERE a.attrelid = ct.oid AND a.attnum = ANY (i.indkey::int2[])), "
        "  (SELECT count(*) FROM pg_attribute a LEFT JOIN pg_stats s ON s.schemaname = n.nspname "
        "     AND s.tablename = ct.relname AND s.attname = a.attname "
        "   WHERE a.attrelid = ct.oid AND a.attnum = ANY (i.indkey::int2[]) AND s.avg_width IS NULL), "
        "  coalesce((SELECT substring(o FROM 'fillfactor=(\\d+)') FROM unnest(ci.reloptions) o "
        "            WHERE o LIKE 'fillfactor=%'), '90') "
        "FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = ci.relnamespace JOIN pg_am am ON am.oid = ci.relam "
        "WHERE am.amname = 'btree' AND i.indisvalid AND i.indexprs IS NULL AND ci.reltuples > 0 "
        "  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
        "ORDER BY 4 DESC");
    if (!rows) {
        notes.push_back("index bloat not estimated: " + rows.status().message());
        return;
    }
    for (const auto& r : *rows) {
        if (!r[0] || !r[1] || !r[2] || !r[3] || !r[4] || !r[5] || !r[6] || *r[6] != "0") continue;
        double bytes = std::stod(*r[3]), tuples = std::stod(*r[4]), width = std::stod(*r[5]);
        double fill = std::stod(r[7] ? *r[7] : "90") / 100.0;
        double entry = 8 + std::ceil(width / 8) * 8 + 4;
        double pages = std::ceil(tuples * entry / (8152 * fill)) * 1.01 + 1;  // leaves, a share of inner pages, the meta page
        double bloat = bytes - pages * 8192;
        if (bloat < static_cast<double>(min_bytes) || bloat < 0.5 * bytes) continue;
        std::string name = quote_qualified(*r[0], *r[1]);
        out.push_back({"bloated", *r[0] + "." + *r[1],
                       fmt::format("index {} on {} takes {} where its {:.0f} rows of {:.0f}-byte keys need about {} "
                                   "(estimated from pg_stats widths and reltuples): {:.0f}% is free space a rebuild gives back "
                                   "(dead entries, half-empty pages)",
                                   *r[1], *r[2], human_bytes(static_cast<std::uint64_t>(bytes)), tuples, width,
                                   human_bytes(static_cast<std::uint64_t>(pages * 8192)), 100 * bloat / bytes),
                       "REINDEX INDEX CONCURRENTLY " + name + ";", static_cast<std::uint64_t>(bloat)});
    }
}

}  // namespace

std::vector<HygieneItem> lint_index_rules(const std::string& target, const std::vector<std::string>& rules,
                                          std::vector<std::string>& notes) {
    std::vector<HygieneItem> out;
    LintOptions options;
    options.targets = {target};
    auto linted = lint(options);
    if (!linted) {
        notes.push_back("duplicate and redundant indexes not judged: " + linted.status().message());
        return out;
    }
    for (const auto& f : linted->findings)
        if (std::find(rules.begin(), rules.end(), f.rule) != rules.end())
            out.push_back({f.rule, f.location.object, f.message + "; " + f.help, f.fix.value_or(""), 0});
    return out;
}

std::vector<HygieneItem> index_hygiene(PgConnection& conn, const std::string& target, std::uint64_t unused_min_bytes,
                                       std::vector<std::string>& notes) {
    std::vector<HygieneItem> out;
    invalid_indexes(conn, out, notes);
    unused_indexes(conn, unused_min_bytes, out, notes);
    bloated_indexes(conn, unused_min_bytes, out, notes);
    auto set = lint_index_rules(target, {"duplicate-index", "redundant-index", "fk-without-index"}, notes);
    out.insert(out.end(), set.begin(), set.end());
    return out;
}

}  // namespace dbsage
