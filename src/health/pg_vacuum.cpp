// Vacuum: transaction ID and multixact wraparound, autovacuum's forced
// freeze, dead tuples and vacuum or analyze that is overdue.
#include <fmt/format.h>

#include <cstdlib>

#include "health/pg_health.h"
#include "util/strings.h"

namespace dbsage {
namespace {

// The server refuses new transactions ~3 million before 2^31.
constexpr double k_wraparound_limit = 2147483648.0;

void wraparound(PgHealthContext& ctx) {
    auto dbs = ctx.rows("wraparound by database",
                        "SELECT datname, age(datfrozenxid), mxid_age(datminmxid) FROM pg_database "
                        "WHERE datallowconn ORDER BY 2 DESC");
    if (!dbs) return;
    ctx.checked("vacuum");
    const auto& l = ctx.limits();
    double worst = 0;
    std::vector<std::string> oldest;
    std::string here;
    if (auto tables = ctx.rows("oldest tables", "SELECT current_database(), c.oid::regclass::text, age(c.relfrozenxid) "
                                                "FROM pg_class c WHERE c.relkind IN ('r', 'm', 't') ORDER BY 3 DESC LIMIT 3"))
        for (const auto& r : *tables) {
            here = field_text(r, 0);
            oldest.push_back(fmt::format("{} {:.0f}", field_text(r, 1), field_number(r, 2)));
        }
    std::string oldest_text = oldest.empty() ? "" : "; oldest tables in " + here + ": " + join(oldest, ", ");
    for (const auto& r : *dbs) {
        for (int i : {1, 2}) {
            double age = field_number(r, i);
            worst = std::max(worst, age);
            HealthLevel level = level_for(age, l.xid_age_warning, l.xid_age_critical);
            if (k_wraparound_limit - age < l.xid_remaining) level = HealthLevel::critical;
            if (level < HealthLevel::warning) continue;
            const char* kind = i == 1 ? "transaction ID" : "multixact ID";
            ctx.add({i == 1 ? "xid-wraparound" : "multixact-wraparound", "vacuum", level, "database " + field_text(r, 0),
                     fmt::format("{} age {:.0f}: {:.1f}% of the way to wraparound, {:.0f} left{}", kind, age,
                                 100.0 * age / k_wraparound_limit, k_wraparound_limit - age,
                                 i == 1 && field_text(r, 0) == here ? oldest_text : ""),
                     "At about 2.1 billion the server stops accepting writes until the database is vacuumed. "
                     "Find what holds the oldest xmin (long transactions, prepared transactions, slots) and vacuum "
                     "the oldest tables first.",
                     "VACUUM (FREEZE, VERBOSE);  -- connected to " + field_text(r, 0) + ", oldest tables first"});
        }
    }
    ctx.metric({"xid_age", worst, "", l.xid_age_warning, l.xid_age_critical});
    if (!dbs->empty())
        ctx.add({"xid-age", "vacuum", HealthLevel::info, "database " + field_text((*dbs)[0], 0),
                 fmt::format("the oldest transaction ID age is {:.0f} ({:.2f}% of the way to wraparound){}", field_number((*dbs)[0], 1),
                             100.0 * field_number((*dbs)[0], 1) / k_wraparound_limit,
                             field_text((*dbs)[0], 0) == here ? oldest_text : ""),
                 "", ""});
}

// Tables past autovacuum_freeze_max_age get an anti-wraparound vacuum that
// cannot be cancelled and reads the whole table.
void freeze(PgHealthContext& ctx) {
    double max_age = std::atof(ctx.setting("autovacuum_freeze_max_age").c_str());
    double mx_max_age = std::atof(ctx.setting("autovacuum_multixact_freeze_max_age").c_str());
    if (max_age <= 0) return;
    auto rows = ctx.rows("table freeze ages",
                         "SELECT n.nspname, c.relname, age(c.relfrozenxid), mxid_age(c.relminmxid), "
                         "       pg_total_relation_size(c.oid) "
                         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE c.relkind IN ('r', 'm') AND c.relfrozenxid <> '0' "
                         "ORDER BY greatest(age(c.relfrozenxid), 0) DESC LIMIT 20");
    if (!rows) return;
    const auto& l = ctx.limits();
    for (const auto& r : *rows) {
        double percent = 100.0 * field_number(r, 2) / max_age;
        double mx_percent = mx_max_age > 0 ? 100.0 * field_number(r, 3) / mx_max_age : 0;
        bool mx = mx_percent > percent;
        double p = std::max(percent, mx_percent);
        HealthLevel level = level_for(p, l.freeze_warning_percent, l.freeze_critical_percent);
        if (level < HealthLevel::warning) continue;
        std::string table = quote_qualified(field_text(r, 0), field_text(r, 1));
        ctx.add({"autovacuum-freeze", "vacuum", level, field_text(r, 0) + "." + field_text(r, 1),
                 fmt::format("{} age {:.0f} is {:.0f}% of autovacuum_{}freeze_max_age ({:.0f}); table {}",
                             mx ? "multixact" : "xid", mx ? field_number(r, 3) : field_number(r, 2), p, mx ? "multixact_" : "",
                             mx ? mx_max_age : max_age, bytes_text(field_number(r, 4))),
                 "Past the limit autovacuum starts a vacuum to prevent wraparound that reads the whole table and "
                 "does not give way to other locks. Freezing it now, at a quiet hour, is cheaper.",
                 "VACUUM (FREEZE, VERBOSE) " + table + ";"});
    }
}

void dead_tuples(PgHealthContext& ctx) {
    auto rows = ctx.rows(
        "dead tuples",
        "SELECT s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, "
        "  extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum)), "
        "  extract(epoch FROM now() - greatest(s.last_analyze, s.last_autoanalyze)), "
        "  coalesce((SELECT o FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_enabled=%'), ''), "
        "  current_setting('autovacuum_vacuum_threshold')::float8 + "
        "    current_setting('autovacuum_vacuum_scale_factor')::float8 * greatest(c.reltuples, 0), "
        "  current_setting('autovacuum_analyze_threshold')::float8 + "
        "    current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0), "
        "  current_setting('autovacuum') "
        "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid ORDER BY s.n_dead_tup DESC");
    if (!rows) return;
    const auto& l = ctx.limits();
    for (const auto& r : *rows) {
        std::string table = quote_qualified(field_text(r, 0), field_text(r, 1));
        std::string object = field_text(r, 0) + "." + field_text(r, 1);
        double live = field_number(r, 2), dead = field_number(r, 3), mods = field_number(r, 4);
        bool av_off = field_text(r, 7) == "autovacuum_enabled=false" || field_text(r, 10) == "off";
        std::string av_note = av_off ? (field_text(r, 10) == "off" ? "; autovacuum is off for the server"
                                                              : "; autovacuum is disabled on this table")
                                     : "";
        double vacuumed_ago = r[5] ? field_number(r, 5) : -1;
        double percent = live + dead > 0 ? 100.0 * dead / (live + dead) : 0;
        bool vacuum_due = dead > field_number(r, 8);
        if (dead >= l.dead_tuples_min && percent >= l.dead_tuples_percent && vacuum_due) {
            HealthLevel level = HealthLevel::warning;
            if (vacuumed_ago < 0 || vacuumed_ago >= l.vacuum_overdue_critical_seconds) level = av_off ? HealthLevel::critical : level;
            ctx.add({"dead-tuples", "vacuum", level, object,
                     fmt::format("{:.0f} dead tuples, {:.0f}% of the table ({:.0f} live); autovacuum's trigger is {:.0f}; "
                                 "last vacuumed {}{}",
                                 dead, percent, live, field_number(r, 8), vacuumed_ago < 0 ? "never" : human_seconds(vacuumed_ago) + " ago", av_note),
                     "Dead rows make every scan read more pages and bloat the table and its indexes until a vacuum "
                     "makes their space reusable." + std::string(av_off ? " Re-enable autovacuum on it." : ""),
                     "VACUUM (VERBOSE, ANALYZE) " + table + ";" +
                         (field_text(r, 7) == "autovacuum_enabled=false" ? "\nALTER TABLE " + table + " RESET (autovacuum_enabled);" : "")});
            continue;
        }
        double analyzed_ago = r[6] ? field_number(r, 6) : -1;
        if (mods <= field_number(r, 9) || mods < l.dead_tuples_min || (analyzed_ago >= 0 && analyzed_ago < l.vacuum_overdue_seconds))
            continue;
        bool long_overdue = analyzed_ago < 0 || analyzed_ago >= l.vacuum_overdue_critical_seconds;
        ctx.add({"analyze-overdue", "vacuum", long_overdue && av_off ? HealthLevel::critical : HealthLevel::warning,
                 object,
                 fmt::format("{:.0f} rows changed since the last analyze ({}); autoanalyze's trigger is {:.0f}{}", mods,
                                 analyzed_ago < 0 ? "never analyzed" : human_seconds(analyzed_ago) + " ago", field_number(r, 9), av_note),
                     "The planner estimates from these statistics; stale ones choose wrong join orders and scans.",
                     "ANALYZE VERBOSE " + table + ";"});
    }
}

}  // namespace

void check_pg_vacuum(PgHealthContext& ctx) {
    wraparound(ctx);
    freeze(ctx);
    dead_tuples(ctx);
}

}  // namespace dbsage
