#include "health/trends.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>

#include "health/check_support.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using Values = std::map<std::string, const SnapshotValue*>;  // "kind\tobject"

Values index(const Snapshot& s) {
    Values out;
    for (const auto& v : s.values) out[v.kind + "\t" + v.object] = &v;
    return out;
}

const SnapshotValue* at(const Values& values, const std::string& kind, const std::string& object) {
    auto it = values.find(kind + "\t" + object);
    return it == values.end() ? nullptr : it->second;
}

std::string date_after(std::int64_t from, double days) {
    std::time_t t = static_cast<std::time_t>(from + days * 86400.0);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// The rate per day of kind/object between its first and last appearance.
struct Rate {
    double first = 0, last = 0, per_day = 0, days = 0;
    std::int64_t last_at = 0;
    int points = 0;
};

std::map<std::string, Rate> rates(const std::vector<Snapshot>& snapshots, const std::string& kind) {
    std::map<std::string, Rate> out;
    std::map<std::string, std::int64_t> first_at;
    for (size_t i = 0; i < snapshots.size(); ++i)
        for (const auto& v : snapshots[i].values) {
            if (v.kind != kind) continue;
            Rate& r = out[v.object];
            if (r.points++ == 0) {
                r.first = v.value;
                first_at[v.object] = snapshots[i].taken_at;
            }
            r.last = v.value;
            r.last_at = snapshots[i].taken_at;
        }
    for (auto& [object, r] : out) {
        r.days = (r.last_at - first_at[object]) / 86400.0;
        r.per_day = r.days > 0 ? (r.last - r.first) / r.days : 0;
    }
    return out;
}

HealthLevel projection_level(double days) {
    if (days < 14) return HealthLevel::critical;
    if (days < 90) return HealthLevel::warning;
    return HealthLevel::info;
}

void growth(const std::vector<Snapshot>& s, HealthReport& report) {
    struct Grown {
        std::string kind, object;
        Rate rate;
        double rows_per_day = 0;
    };
    std::vector<Grown> grown;
    auto rows = rates(s, "table_rows");
    for (const char* kind : {"table_bytes", "index_bytes"})
        for (const auto& [object, r] : rates(s, kind))
            if (r.per_day > 0 && r.points >= 2)
                grown.push_back({kind, object, r, kind == std::string("table_bytes") && rows.count(object) ? rows[object].per_day : 0});
    std::sort(grown.begin(), grown.end(), [](const Grown& a, const Grown& b) { return a.rate.per_day > b.rate.per_day; });
    for (size_t i = 0; i < grown.size() && i < 10; ++i) {
        const Grown& g = grown[i];
        std::string rows_text = g.rows_per_day != 0 ? fmt::format(", {:+.0f} rows/day", g.rows_per_day) : "";
        report.findings.push_back(
            {"growth", "trends", HealthLevel::info, g.object,
             fmt::format("{} grows {}/day ({}/week){}: {} to {} over {:.1f} days ({} snapshots)",
                         g.kind == "table_bytes" ? "table" : "index", bytes_text(g.rate.per_day),
                         bytes_text(g.rate.per_day * 7), rows_text, bytes_text(g.rate.first), bytes_text(g.rate.last),
                         g.rate.days, g.rate.points),
             "", ""});
    }
}

void projections(const std::vector<Snapshot>& s, const std::vector<Values>& ix, HealthReport& report) {
    const Values& last = ix.back();
    std::int64_t now = s.back().taken_at;
    for (const auto& [object, r] : rates(s, "seq_last")) {
        const SnapshotValue* limit = at(last, "seq_limit", object);
        if (!limit || r.per_day <= 0 || r.points < 2) continue;
        double days = (limit->value - r.last) / r.per_day;
        report.findings.push_back(
            {"sequence-projection", "trends", projection_level(days), object,
             fmt::format("{:.0f} values/day; at this rate it reaches {:.0f} in {:.0f} days, on {}", r.per_day, limit->value,
                         days, date_after(now, days)),
             "Plan the move to bigint (dbsage migrate locks shows what the ALTER takes) well before then.", ""});
    }
    constexpr double k_stop = 2147483648.0 - 3000000.0;  // the server stops taking writes here
    for (const char* kind : {"xid_age", "mxid_age"})
        for (const auto& [object, r] : rates(s, kind)) {
            if (r.per_day <= 0 || r.points < 2) continue;
            double days = (k_stop - r.last) / r.per_day;
            report.findings.push_back(
                {kind == std::string("xid_age") ? "wraparound-projection" : "multixact-projection", "trends",
                 projection_level(days), "database " + object,
                 fmt::format("{} age grows {:.0f}/day; without a freeze the server stops writes in {:.0f} days, on {}",
                             kind == std::string("xid_age") ? "transaction ID" : "multixact ID", r.per_day, days,
                             date_after(now, days)),
                 "Autovacuum's freezing should keep the age flat; if it grows, something holds back the oldest xmin.", ""});
        }
    const SnapshotValue* free = at(last, "disk_free", "");
    auto db = rates(s, "database_size")[""];
    auto disk = rates(s, "disk_free")[""];
    double per_day = std::max(db.per_day, -disk.per_day);
    if (free && per_day > 0 && std::max(db.points, disk.points) >= 2) {
        double days = free->value / per_day;
        report.findings.push_back({"disk-projection", "trends", projection_level(days), "data directory",
                                   fmt::format("{} free, used at {}/day: full in {:.0f} days, on {}", bytes_text(free->value),
                                               bytes_text(per_day), days, date_after(now, days)),
                                   "When the disk fills the server stops.", ""});
    }
}

void unused_across_history(const std::vector<Snapshot>& s, const std::vector<Values>& ix, HealthReport& report) {
    for (const auto& [object, r] : rates(s, "index_scans")) {
        if (r.points < 2 || r.days < 1 || r.last != r.first) continue;
        const SnapshotValue* v = at(ix.back(), "index_scans", object);
        const SnapshotValue* size = at(ix.back(), "index_bytes", object);
        auto dot = object.find('.');
        std::string sql = dot == std::string::npos ? "" : "DROP INDEX CONCURRENTLY " + quote_qualified(object.substr(0, dot), object.substr(dot + 1)) + ";";
        report.findings.push_back({"unused-index-history", "trends", HealthLevel::warning, object,
                                   fmt::format("no scans across all {} snapshots over {:.1f} days (index on {}, {})", r.points,
                                               r.days, v ? v->text : "?", size ? bytes_text(size->value) : "size unknown"),
                                   "Unused for the whole recorded history, not just since the last statistics reset. "
                                   "Check replicas before dropping: their scans are not counted here.",
                                   sql});
    }
}

void slower_statements(const std::vector<Snapshot>& s, const std::vector<Values>& ix, HealthReport& report) {
    const Values& prev = ix[ix.size() - 2];
    const Values& last = ix.back();
    int resets = 0;
    for (const auto& [key, v] : last) {
        if (v->kind != "stmt_calls") continue;
        const SnapshotValue* before = at(prev, "stmt_calls", v->object);
        const SnapshotValue* ms = at(last, "stmt_ms", v->object);
        const SnapshotValue* ms_before = at(prev, "stmt_ms", v->object);
        if (!before || !ms || !ms_before || before->value <= 0) continue;
        double calls = v->value - before->value, spent = ms->value - ms_before->value;
        if (calls < 0 || spent < 0) {
            ++resets;
            continue;
        }
        if (calls < 10) continue;
        double mean_now = spent / calls, mean_before = ms_before->value / before->value;
        if (mean_now < 1.5 * mean_before || mean_now < 1.0) continue;
        report.findings.push_back(
            {"slower-query", "trends", HealthLevel::warning, "queryid " + v->object,
             fmt::format("mean {:.2f} ms over the last {:.0f} calls, was {:.2f} ms ({:.1f}x) before {}: {}", mean_now, calls,
                         mean_before, mean_now / mean_before, date_after(s[s.size() - 2].taken_at, 0),
                         shorten(v->text, 140)),
             "Something changed: data volume, a plan, a dropped index or contention. Compare its plans (dbsage explain --diff).", ""});
    }
    if (resets > 0)
        report.notes.push_back(fmt::format("trends: pg_stat_statements was reset between the last two snapshots ({} statements "
                                           "went backwards); their deltas are left out",
                                           resets));
}

}  // namespace

void add_trends(const std::vector<Snapshot>& snapshots, HealthReport& report) {
    report.snapshots = static_cast<int>(snapshots.size());
    if (snapshots.size() < 2 || snapshots.back().taken_at <= snapshots.front().taken_at) {
        report.notes.push_back("trends need two snapshots taken at different times: run with --record again later");
        return;
    }
    std::vector<Values> indexed;
    for (const auto& s : snapshots) indexed.push_back(index(s));
    growth(snapshots, report);
    projections(snapshots, indexed, report);
    unused_across_history(snapshots, indexed, report);
    slower_statements(snapshots, indexed, report);
}

}  // namespace dbsage
