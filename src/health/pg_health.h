// The PostgreSQL checks of dbsage health, one function per area group. Each
// reads through the read-only session in ctx and appends to ctx.report; a
// query the session may not run becomes a note, and the others go on.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connectors/postgres/pg_connection.h"
#include "connectors/row_fields.h"
#include "health/check_support.h"
#include "health/health.h"
#include "health/history.h"

namespace dbsage {

struct PgHealthContext {
    PgConnection& conn;
    const HealthOptions& options;
    HealthReport& report;
    int version = 0;  // server_version_num, e.g. 150008

    const HealthThresholds& limits() const { return options.limits; }
    // The rows of sql, or nothing after adding a note that names what could
    // not be read and the server's reason.
    std::optional<std::vector<PgRow>> rows(const std::string& what, const std::string& sql);
    // The quoted schema of an installed extension; nothing when it is not
    // installed (or unreadable, with a note).
    std::optional<std::string> extension_schema(const std::string& name);
    // One setting's value (pg_settings.setting), "" when unreadable.
    std::string setting(const std::string& name);
    void add(HealthFinding finding) { report.findings.push_back(std::move(finding)); }
    void metric(HealthMetric metric) { report.metrics.push_back(std::move(metric)); }
    // An area whose data could be read at all (an unread area shows "?").
    void checked(const std::string& area) { mark_checked(report, area); }
    std::map<std::string, std::string> settings;  // pg_settings, read once
};


void check_pg_activity(PgHealthContext& ctx);     // long-running, idle in transaction, blocked, connections, prepared
void check_pg_vacuum(PgHealthContext& ctx);       // wraparound, freeze, dead tuples, overdue vacuum/analyze
void check_pg_objects(PgHealthContext& ctx);      // sequences, invalid constraints, disabled triggers, index hygiene, missing indexes
void check_pg_performance(PgHealthContext& ctx);  // slow queries, cache hit, temp files, checkpoints
void check_pg_space(PgHealthContext& ctx);        // size, largest relations, table bloat
void check_pg_server(PgHealthContext& ctx);       // replication, slots, archiving, dangerous settings
// The numbers --record keeps (after the checks: it reuses their metrics).
void collect_pg_snapshot(PgHealthContext& ctx, Snapshot& snapshot);

}  // namespace dbsage
