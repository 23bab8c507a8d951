// Objects: sequences near their type's end, constraints and triggers that
// are not doing their job, and the index set (the advisor's hygiene).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "advisor/index_hygiene.h"
#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

double type_max(const std::string& type) {
    if (type == "smallint") return 32767.0;
    if (type == "integer") return 2147483647.0;
    return 9223372036854775807.0;
}

void sequences(PgHealthContext& ctx) {
    // The owning column (serial: deptype 'a', identity: 'i') can be
    // narrower than the sequence: an integer column fed by a bigint sequence
    // fails at the column's end, not the sequence's.
    auto rows = ctx.rows(
        "sequences",
        "SELECT s.schemaname, s.sequencename, s.data_type::text, s.last_value, s.max_value, s.min_value, s.increment_by, "
        "  coalesce(col.tbl, ''), coalesce(col.col, ''), coalesce(col.typ, ''), coalesce(col.deptype::text, '') "
        "FROM pg_sequences s LEFT JOIN LATERAL ("
        "  SELECT d.refobjid::regclass::text AS tbl, a.attname AS col, format_type(a.atttypid, NULL) AS typ, d.deptype "
        "  FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
        "  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "    AND d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass LIMIT 1) col ON true "
        "ORDER BY 1, 2");
    if (!rows) return;
    ctx.checked("sequences");
    const auto& l = ctx.limits();
    double worst = 0;
    for (const auto& r : *rows) {
        if (!r[3]) continue;  // never used, or no privilege to see it
        double last = field_number(r, 3), increment = field_number(r, 6);
        std::string column_type = field_text(r, 9);
        double limit = increment >= 0 ? field_number(r, 4) : field_number(r, 5);
        std::string limited_by = "sequence " + field_text(r, 2);
        if (!column_type.empty() && (column_type == "smallint" || column_type == "integer") &&
            type_max(column_type) < std::fabs(limit)) {
            limit = increment >= 0 ? type_max(column_type) : -type_max(column_type) - 1;
            limited_by = "column " + field_text(r, 8) + " " + column_type;
        }
        if (limit == 0) continue;
        double percent = 100.0 * last / limit;
        worst = std::max(worst, percent);
        HealthLevel level = level_for(percent, l.sequence_warning_percent, l.sequence_critical_percent);
        if (level < HealthLevel::warning) continue;
        std::string seq = quote_qualified(field_text(r, 0), field_text(r, 1));
        std::string sql;
        if (!field_text(r, 7).empty() && column_type != "bigint")
            sql = "ALTER TABLE " + field_text(r, 7) + " ALTER COLUMN " + quote_ident(field_text(r, 8)) +
                  " TYPE bigint;  -- rewrites the table under ACCESS EXCLUSIVE: plan it (dbsage migrate locks)\n";
        if (field_text(r, 2) != "bigint" && field_text(r, 10) != "i") sql += "ALTER SEQUENCE " + seq + " AS bigint;";
        if (sql.empty()) sql = "-- already bigint: only CYCLE or a new key scheme remains";
        ctx.add({"sequence-overflow", "sequences", level, field_text(r, 0) + "." + field_text(r, 1),
                 fmt::format("last value {} is {:.1f}% of {} (limit {:.0f}){}", field_text(r, 3), percent, limited_by, limit,
                             field_text(r, 7).empty() ? "" : fmt::format(", feeding {}.{}", field_text(r, 7), field_text(r, 8))),
                 "When it reaches the limit every insert that needs a new value fails. Widening the column rewrites "
                 "the table, so it needs planning long before the end.",
                 sql});
    }
    ctx.metric({"sequence_percent", worst, "%", l.sequence_warning_percent, l.sequence_critical_percent});
}

void invalid_constraints(PgHealthContext& ctx) {
    auto rows = ctx.rows("constraints not validated",
                         "SELECT n.nspname, t.relname, c.conname, c.contype FROM pg_constraint c "
                         "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                         "WHERE NOT c.convalidated ORDER BY 1, 2, 3");
    if (!rows) return;
    ctx.checked("schema");
    for (const auto& r : *rows) {
        std::string table = quote_qualified(field_text(r, 0), field_text(r, 1));
        ctx.add({"invalid-constraint", "schema", HealthLevel::warning, field_text(r, 0) + "." + field_text(r, 2),
                 fmt::format("{} constraint {} on {} was added NOT VALID and never validated",
                             field_text(r, 3) == "f" ? "foreign key" : "check", field_text(r, 2), field_text(r, 1)),
                 "New rows are checked, the old ones never were, and the planner cannot rely on it. Validating "
                 "takes only a SHARE UPDATE EXCLUSIVE lock.",
                 "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + quote_ident(field_text(r, 2)) + ";"});
    }
}

void disabled_triggers(PgHealthContext& ctx) {
    auto rows = ctx.rows("disabled triggers",
                         "SELECT n.nspname, c.relname, t.tgname, t.tgisinternal FROM pg_trigger t "
                         "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE t.tgenabled = 'D' ORDER BY 1, 2, 3");
    if (!rows) return;
    for (const auto& r : *rows) {
        bool internal = field_text(r, 3) == "t";
        std::string table = quote_qualified(field_text(r, 0), field_text(r, 1));
        ctx.add({"disabled-trigger", "schema", HealthLevel::warning, field_text(r, 0) + "." + field_text(r, 1) + "." + field_text(r, 2),
                 fmt::format("{} {} on {} is disabled", internal ? "the foreign key's internal trigger" : "trigger",
                             field_text(r, 2), field_text(r, 1)),
                 internal ? "ALTER TABLE … DISABLE TRIGGER ALL was left in force: the foreign key is not enforced."
                          : "What the trigger maintains is not maintained while it is off.",
                 internal ? "ALTER TABLE " + table + " ENABLE TRIGGER ALL;"
                          : "ALTER TABLE " + table + " ENABLE TRIGGER " + quote_ident(field_text(r, 2)) + ";"});
    }
}

void index_set(PgHealthContext& ctx) {
    std::vector<std::string> notes;
    auto items = index_hygiene(ctx.conn, ctx.options.target,
                               static_cast<std::uint64_t>(ctx.limits().unused_index_bytes), notes);
    for (auto& n : notes) ctx.report.notes.push_back(std::move(n));
    ctx.checked("indexes");
    for (auto& item : items) {
        if (item.kind == "bloated" && item.bytes < ctx.limits().index_bloat_bytes) continue;
        std::string check = item.kind == "unused" ? "unused-index"
                          : item.kind == "invalid" ? "invalid-index"
                          : item.kind == "bloated" ? "index-bloat"
                                                   : item.kind;
        ctx.add({check, "indexes", HealthLevel::warning, item.object, item.what,
                 item.kind == "invalid" ? "It costs every write and no read can use it."
                 : item.kind == "fk-without-index" ? "Deleting or updating a referenced row scans the referencing table."
                                                   : "It costs every write, vacuum and the cache, and buys nothing.",
                 item.sql});
    }
}

// pgHero's missing-indexes view: big tables read mostly by sequential
// scans; and, unlike pgHero, scans that read at least a tenth of the table
// (a LIMIT that stops early, like dbsage's own samples, is no full scan).
void missing_indexes(PgHealthContext& ctx) {
    const auto& l = ctx.limits();
    auto rows = ctx.rows("sequential scans",
                         fmt::format("SELECT schemaname, relname, seq_scan, coalesce(idx_scan, 0), n_live_tup, seq_tup_read "
                                     "FROM pg_stat_user_tables WHERE seq_scan > 0 AND n_live_tup >= {} "
                                     "  AND 100.0 * coalesce(idx_scan, 0) / (seq_scan + coalesce(idx_scan, 0)) < {} "
                                     "  AND seq_tup_read / seq_scan >= n_live_tup / 10 "
                                     "ORDER BY seq_tup_read DESC LIMIT 20",
                                     l.missing_index_rows, l.missing_index_percent));
    if (!rows) return;
    for (const auto& r : *rows) {
        double seq = field_number(r, 2), idx = field_number(r, 3);
        ctx.add({"missing-index", "indexes", HealthLevel::warning, field_text(r, 0) + "." + field_text(r, 1),
                 fmt::format("{:.0f} rows; {:.0f} sequential scans read {:.0f} rows, indexes used in {:.1f}% of scans",
                             field_number(r, 4), seq, field_number(r, 5), 100.0 * idx / (seq + idx)),
                 "Each sequential scan reads the whole table. dbsage advise indexes finds which index the "
                 "workload's queries need and proves it with the planner.",
                 ""});
    }
}

}  // namespace

void check_pg_objects(PgHealthContext& ctx) {
    sequences(ctx);
    invalid_constraints(ctx);
    disabled_triggers(ctx);
    index_set(ctx);
    missing_indexes(ctx);
}

}  // namespace dbsage
