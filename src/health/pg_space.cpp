// Space: the database's size, its largest relations, the data directory's
// free space (when dbsage runs on the server) and table bloat.
#include <fmt/format.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

void sizes(PgHealthContext& ctx) {
    auto db = ctx.rows("database size", "SELECT current_database(), pg_database_size(current_database())");
    if (!db || db->empty()) return;
    ctx.checked("space");
    double size = field_number((*db)[0], 1);
    ctx.metric({"database_size", size, "B", 0, 0});
    auto rel = ctx.rows("largest relations",
                        // pg_class.relpages picks the candidates, so only 50 relations are stat()ed.
                        "SELECT nspname, relname, pg_total_relation_size(oid), pg_relation_size(oid), reltuples FROM ("
                        "  SELECT c.oid, n.nspname, c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "  WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                        "    AND n.nspname !~ '^pg_toast' ORDER BY c.relpages DESC LIMIT 50) big ORDER BY 3 DESC LIMIT 5");
    std::vector<std::string> largest;
    if (rel)
        for (const auto& r : *rel)
            largest.push_back(fmt::format("{}.{} {} ({} heap, ~{:.0f} rows)", field_text(r, 0), field_text(r, 1), bytes_text(field_number(r, 2)),
                                          bytes_text(field_number(r, 3)), std::max(field_number(r, 4), 0.0)));
    ctx.add({"database-size", "space", HealthLevel::info, "database " + field_text((*db)[0], 0),
             fmt::format("{}; largest: {}", bytes_text(size), largest.empty() ? "none" : join(largest, ", ")), "", ""});
    // The data directory is only readable with pg_read_all_settings, and
    // only this machine's when its PG_VERSION is here.
    auto dir = ctx.rows("data directory", "SELECT setting FROM pg_settings WHERE name = 'data_directory'");
    if (!dir || dir->empty() || field_text((*dir)[0], 0).empty()) return;
    std::string path = field_text((*dir)[0], 0);
    std::error_code ec;
    struct statvfs fs {};
    if (!std::filesystem::exists(path + "/PG_VERSION", ec) || statvfs(path.c_str(), &fs) != 0) return;
    double free = static_cast<double>(fs.f_bavail) * fs.f_frsize, total = static_cast<double>(fs.f_blocks) * fs.f_frsize;
    ctx.metric({"disk_free", free, "B", 0, 0});
    ctx.metric({"disk_total", total, "B", 0, 0});
}

struct Bloat {
    std::string schema, table;
    double bytes = 0, percent = 0, table_bytes = 0;
    std::string basis;
};

// A heap's expected pages from its rows and pg_stats widths: a 24-byte
// tuple header, the data aligned to 8, a 4-byte line pointer, pages of
// block_size less the 24-byte page header, filled to the fillfactor.
std::vector<Bloat> estimate_bloat(PgHealthContext& ctx, int& unanalyzed) {
    std::vector<Bloat> out;
    auto rows = ctx.rows(
        "table bloat",
        "SELECT n.nspname, c.relname, c.relpages::float8, c.reltuples::float8, "
        "  (SELECT sum(s.avg_width) FROM pg_stats s WHERE s.schemaname = n.nspname AND s.tablename = c.relname "
        "     AND NOT s.inherited), "
        "  coalesce((SELECT substring(o FROM 'fillfactor=(\\d+)') FROM unnest(c.reloptions) o "
        "            WHERE o LIKE 'fillfactor=%'), '100')::float8, current_setting('block_size')::float8 "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "  AND n.nspname !~ '^pg_toast' AND c.relpages >= 8 ORDER BY c.relpages DESC LIMIT 500");
    if (!rows) return out;
    for (const auto& r : *rows) {
        if (!r[4] || field_number(r, 3) < 0) {
            ++unanalyzed;
            continue;
        }
        double pages = field_number(r, 2), tuples = field_number(r, 3), block = field_number(r, 6);
        double tuple = 24 + std::ceil(field_number(r, 4) / 8.0) * 8 + 4;
        double per_page = std::min(std::floor((block - 24) * field_number(r, 5) / 100.0 / tuple), 291.0);
        if (per_page < 1) per_page = 1;
        double expected = std::ceil(tuples / per_page);
        double extra = pages - expected;
        if (extra <= 0) continue;
        out.push_back({field_text(r, 0), field_text(r, 1), extra * block, 100.0 * extra / pages, pages * block,
                       fmt::format("estimated from {:.0f} rows of ~{:.0f} bytes (pg_stats) against {:.0f} pages", tuples,
                                   tuple, pages)});
    }
    return out;
}

void exact_index_bloat(PgHealthContext& ctx, const std::string& schema);

// pgstattuple reads every page: the exact figure for the tables the
// estimate picked.
void exact_bloat(PgHealthContext& ctx, std::vector<Bloat>& bloat) {
    auto schema = ctx.extension_schema("pgstattuple");
    if (!schema) {
        ctx.report.notes.push_back("--exact: pgstattuple is not installed in this database (CREATE EXTENSION pgstattuple); "
                                   "table bloat is estimated");
        return;
    }
    exact_index_bloat(ctx, *schema);
    std::string fn = *schema + ".pgstattuple";
    for (auto& b : bloat) {
        std::string rel = quote_qualified(b.schema, b.table);
        auto rows = ctx.rows("pgstattuple of " + b.schema + "." + b.table,
                             "SELECT table_len, dead_tuple_len, free_space FROM " + fn + "(" + quote_literal(rel) + "::regclass)");
        if (!rows || rows->empty()) continue;
        const auto& r = (*rows)[0];
        b.table_bytes = field_number(r, 0);
        b.bytes = field_number(r, 1) + field_number(r, 2);
        b.percent = b.table_bytes > 0 ? 100.0 * b.bytes / b.table_bytes : 0;
        b.basis = fmt::format("measured by pgstattuple: {} dead tuples and {} free space in {}", bytes_text(field_number(r, 1)),
                              bytes_text(field_number(r, 2)), bytes_text(field_number(r, 0)));
    }
}

// With --exact, B-tree bloat measured by pgstatindex replaces the estimate:
// what the leaf pages hold below the default fillfactor of 90.
void exact_index_bloat(PgHealthContext& ctx, const std::string& schema) {
    const auto& l = ctx.limits();
    auto rows = ctx.rows("B-tree sizes",
                         fmt::format("SELECT n.nspname, c.relname, t.relname, pg_relation_size(c.oid) FROM pg_class c "
                                     "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam "
                                     "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid "
                                     "WHERE am.amname = 'btree' AND i.indisvalid AND pg_relation_size(c.oid) >= {:.0f} "
                                     "  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' "
                                     "ORDER BY 4 DESC LIMIT 20",
                                     std::max(l.index_bloat_bytes, 8192.0 * 2)));
    if (!rows) return;
    for (const auto& r : *rows) {
        std::string name = quote_qualified(field_text(r, 0), field_text(r, 1));
        auto stat = ctx.rows("pgstatindex of " + field_text(r, 0) + "." + field_text(r, 1),
                             "SELECT index_size, avg_leaf_density, leaf_pages FROM " + schema + ".pgstatindex(" + quote_literal(name) + ")");
        if (!stat || stat->empty()) continue;
        double size = field_number((*stat)[0], 0), density = field_number((*stat)[0], 1);
        double wasted = size * std::max(0.0, 1.0 - density / 90.0);
        std::string object = field_text(r, 0) + "." + field_text(r, 1);
        auto& findings = ctx.report.findings;
        findings.erase(std::remove_if(findings.begin(), findings.end(),
                                      [&](const HealthFinding& f) { return f.check == "index-bloat" && f.object == object; }),
                       findings.end());
        if (wasted < l.index_bloat_bytes || wasted <= 0) continue;
        ctx.add({"index-bloat", "indexes", HealthLevel::warning, object,
                 fmt::format("index {} on {} is {} with leaf pages {:.1f}% full: about {} would come back; measured by pgstatindex "
                             "over {:.0f} leaf pages",
                             field_text(r, 1), field_text(r, 2), bytes_text(size), density, bytes_text(wasted), field_number((*stat)[0], 2)),
                 "A bloated index is read and cached at its full size. REINDEX CONCURRENTLY rebuilds it without blocking writes.",
                 "REINDEX INDEX CONCURRENTLY " + name + ";"});
    }
}

void table_bloat(PgHealthContext& ctx) {
    int unanalyzed = 0;
    auto bloat = estimate_bloat(ctx, unanalyzed);
    if (unanalyzed > 0)
        ctx.report.notes.push_back(fmt::format("table bloat: {} table(s) without statistics were not estimated (ANALYZE them)",
                                               unanalyzed));
    if (ctx.options.exact) exact_bloat(ctx, bloat);
    const auto& l = ctx.limits();
    for (const auto& b : bloat) {
        if (b.bytes < l.table_bloat_warning_bytes || b.percent < l.table_bloat_percent) continue;
        std::string table = quote_qualified(b.schema, b.table);
        ctx.add({"table-bloat", "space", b.bytes >= l.table_bloat_critical_bytes ? HealthLevel::critical : HealthLevel::warning,
                 b.schema + "." + b.table,
                 fmt::format("{} of {} ({:.0f}%) is dead or free space; {}", bytes_text(b.bytes), bytes_text(b.table_bytes),
                             b.percent, b.basis),
                 "Scans read the empty pages too. VACUUM makes the space reusable; only a rewrite gives it back. "
                 "VACUUM FULL locks the table for the whole rewrite; pg_repack does it online.",
                 "VACUUM (VERBOSE, ANALYZE) " + table + ";\n-- to give the space back: pg_repack --table " + table +
                     "   (VACUUM FULL takes ACCESS EXCLUSIVE)"});
    }
}

}  // namespace

void check_pg_space(PgHealthContext& ctx) {
    sizes(ctx);
    table_bloat(ctx);
}

}  // namespace dbsage
