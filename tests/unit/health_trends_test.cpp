// Trends from snapshots made by hand: rates, projections, unused indexes
// across the history, slower statements and a pg_stat_statements reset;
// and the history store's round trip.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/health_findings.h"
#include "../support/test_paths.h"
#include "health/history.h"
#include "health/trends.h"
#include "report/health_report.h"

namespace dbsage {
namespace {

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_start = 1793404800;  // 2026-10-31

Snapshot at(std::int64_t t, std::vector<SnapshotValue> values) { return {t, std::move(values)}; }

TEST(HealthTrends, OneSnapshotIsNotATrend) {
    HealthReport report;
    add_trends({at(k_start, {})}, report);
    EXPECT_TRUE(report.findings.empty());
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_NE(report.notes[0].find("two snapshots"), std::string::npos);
}

TEST(HealthTrends, GrowthAndProjections) {
    std::vector<Snapshot> s = {
        at(k_start, {{"table_bytes", "public.t", 1e9, ""}, {"table_rows", "public.t", 1e6, ""},
                     {"seq_last", "public.t_id_seq", 2.0e9, ""}, {"seq_limit", "public.t_id_seq", 2147483647, ""},
                     {"xid_age", "shop", 1.0e8, ""}, {"database_size", "", 2e9, ""}, {"disk_free", "", 1e10, ""}}),
        at(k_start + 7 * k_day, {{"table_bytes", "public.t", 1.7e9, ""}, {"table_rows", "public.t", 1.7e6, ""},
                                 {"seq_last", "public.t_id_seq", 2.0e9 + 7e6, ""}, {"seq_limit", "public.t_id_seq", 2147483647, ""},
                                 {"xid_age", "shop", 1.7e8, ""}, {"database_size", "", 2.7e9, ""}, {"disk_free", "", 9.3e9, ""}}),
    };
    HealthReport report;
    add_trends(s, report);
    const HealthFinding* growth = test::find_finding(report, "growth", "public.t");
    ASSERT_NE(growth, nullptr);
    EXPECT_NE(growth->what.find("grows 95.4 MB/day (667.6 MB/week), +100000 rows/day"), std::string::npos) << growth->what;
    // (2147483647 - 2007000000) / 1e6 per day = 140.5 days
    const HealthFinding* seq = test::find_finding(report, "sequence-projection", "public.t_id_seq");
    ASSERT_NE(seq, nullptr);
    EXPECT_NE(seq->what.find("in 140 days, on 2027-03-27"), std::string::npos) << seq->what;
    EXPECT_EQ(seq->level, HealthLevel::info);
    const HealthFinding* xid = test::find_finding(report, "wraparound-projection", "database shop");
    ASSERT_NE(xid, nullptr);
    // (2147483648 - 3000000 - 1.7e8) / 1e7 per day = 197.4 days
    EXPECT_NE(xid->what.find("in 197 days"), std::string::npos) << xid->what;
    const HealthFinding* disk = test::find_finding(report, "disk-projection", "data directory");
    ASSERT_NE(disk, nullptr);
    EXPECT_NE(disk->what.find("full in 93 days"), std::string::npos) << disk->what;
    EXPECT_EQ(disk->level, HealthLevel::info);  // 90 days or more
}

TEST(HealthTrends, UnusedAcrossHistoryAndSlowerStatements) {
    std::vector<Snapshot> s = {
        at(k_start, {{"index_scans", "public.t_v_idx", 0, "public.t"}, {"index_scans", "public.t_w_idx", 5, "public.t"},
                     {"stmt_calls", "42", 1000, "SELECT * FROM t WHERE v = $1"}, {"stmt_ms", "42", 2000, ""}}),
        at(k_start + 2 * k_day, {{"index_scans", "public.t_v_idx", 0, "public.t"}, {"index_scans", "public.t_w_idx", 9, "public.t"},
                                 {"stmt_calls", "42", 1100, "SELECT * FROM t WHERE v = $1"}, {"stmt_ms", "42", 3000, ""},
                                 {"stmt_calls", "43", 10, "SELECT 1"}, {"stmt_ms", "43", 1, ""}}),
    };
    HealthReport report;
    add_trends(s, report);
    const HealthFinding* unused = test::find_finding(report, "unused-index-history", "public.t_v_idx");
    ASSERT_NE(unused, nullptr);
    EXPECT_EQ(unused->sql, "DROP INDEX CONCURRENTLY public.t_v_idx;");
    EXPECT_EQ(test::find_finding(report, "unused-index-history", "public.t_w_idx"), nullptr);
    // 1000 ms over the last 100 calls (10 ms) against 2 ms before.
    const HealthFinding* slower = test::find_finding(report, "slower-query", "queryid 42");
    ASSERT_NE(slower, nullptr);
    EXPECT_NE(slower->what.find("mean 10.00 ms over the last 100 calls, was 2.00 ms (5.0x)"), std::string::npos) << slower->what;

    // A reset between the snapshots: the counters went backwards.
    s.push_back(at(k_start + 3 * k_day, {{"stmt_calls", "42", 50, "SELECT * FROM t WHERE v = $1"}, {"stmt_ms", "42", 100, ""}}));
    HealthReport after_reset;
    add_trends(s, after_reset);
    EXPECT_EQ(test::find_finding(after_reset, "slower-query", "queryid 42"), nullptr);
    bool noted = false;
    for (const auto& n : after_reset.notes) noted |= n.find("was reset") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(HealthHistory, StoreRoundTripKeepsTargetsApart) {
    test::TempDir dir;
    std::string path = dir.file("nested/history.sqlite");
    ASSERT_TRUE(append_snapshot(path, "a", at(k_start, {{"table_bytes", "public.t", 10, ""}})).is_ok());
    ASSERT_TRUE(append_snapshot(path, "b", at(k_start + 1, {{"setting", "work_mem", 0, "4MB"}})).is_ok());
    ASSERT_TRUE(append_snapshot(path, "a", at(k_start + 2, {{"table_bytes", "public.t", 20, "x"}})).is_ok());
    auto a = read_snapshots(path, "a");
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    ASSERT_EQ(a->size(), 2u);
    EXPECT_EQ((*a)[1].taken_at, k_start + 2);
    EXPECT_EQ((*a)[1].values[0].value, 20);
    EXPECT_EQ((*a)[1].values[0].text, "x");
    auto b = read_snapshots(path, "b");
    ASSERT_EQ(b->size(), 1u);
    EXPECT_EQ(b->at(0).values[0].text, "4MB");
    auto none = read_snapshots(dir.file("missing.sqlite"), "a");
    ASSERT_TRUE(none.is_ok());
    EXPECT_TRUE(none->empty());
    auto garbage = dir.write("garbage.sqlite", "not a database at all, just text that is long enough to not be empty");
    EXPECT_FALSE(read_snapshots(garbage, "a").is_ok());
}

TEST(HealthReportFormats, NagiosLineAndExitCodes) {
    HealthReport r;
    r.engine = "PostgreSQL 15";
    r.areas = {{"connections", HealthLevel::ok, true}};
    r.metrics = {{"connections", 12, "", 90, 95}, {"temp_bytes", 12049600, "B", 104857600, 0}, {"table_hit_ratio", 98.8813, "%", 0, 0}};
    EXPECT_EQ(format_health_nagios(r),
              "DBSAGE HEALTH OK - 1 areas ok | connections=12;90;95 temp_bytes=12049600B;104857600; table_hit_ratio=98.88%;;\n");
    EXPECT_EQ(r.exit_code(), 0);
    r.findings.push_back({"slow-query", "queries", HealthLevel::warning, "queryid 1", "a | b", "", ""});
    EXPECT_EQ(r.exit_code(), 1);
    r.findings.push_back({"xid-wraparound", "vacuum", HealthLevel::critical, "database shop", "", "", ""});
    EXPECT_EQ(r.exit_code(), 3);
    EXPECT_EQ(format_health_nagios(r).rfind("DBSAGE HEALTH CRITICAL - 2 problem(s): xid-wraparound database shop, slow-query queryid 1 |", 0), 0u)
        << format_health_nagios(r);
}

TEST(HealthReportFormats, JsonAndMarkdownCarryTheSameVerdict) {
    HealthReport r;
    r.engine = "SQLite 3.40.1";
    r.target = "app.db";
    r.areas = {{"integrity", HealthLevel::ok, true}, {"schema", HealthLevel::critical, true}};
    r.findings = {{"foreign-key-violation", "schema", HealthLevel::critical, "orders", "2 row(s) of orders point at missing rows",
                   "why", "PRAGMA foreign_key_check(orders);"}};
    r.notes = {"a note"};
    auto json = nlohmann::json::parse(format_health_json(r));
    EXPECT_EQ(json["status"], "critical");
    EXPECT_EQ(json["exit_code"], 3);
    EXPECT_EQ(json["areas"][1]["status"], "critical");
    EXPECT_EQ(json["findings"][0]["sql"], "PRAGMA foreign_key_check(orders);");
    EXPECT_EQ(json["notes"][0], "a note");
    std::string md = format_health_markdown(r);
    EXPECT_NE(md.find("| schema | 🔴 critical | 1 | 0 |"), std::string::npos) << md;
    EXPECT_NE(md.find("```sql\nPRAGMA foreign_key_check(orders);\n```"), std::string::npos) << md;
    std::string text = format_health_text(r, false);
    EXPECT_NE(text.find("  RED     schema      1 critical, 0 warning"), std::string::npos) << text;
    EXPECT_NE(text.find("    | PRAGMA foreign_key_check(orders);"), std::string::npos) << text;
}

}  // namespace
}  // namespace dbsage
