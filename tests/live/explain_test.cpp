// dbsage explain on plans captured here from a real PostgreSQL 15, with data
// made to produce each problem: a row misestimate, a filter that throws most
// rows away, a sort and a hash that spill to disk, heap fetches in an
// index-only scan, a lossy bitmap, parallel workers that were not launched.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "connectors/postgres/pg_connection.h"
#include "explain/explain.h"
#include "explain/run_explain.h"
#include "report/plan_report.h"
#include "sandbox/scratch_postgres.h"
#include "util/strings.h"

namespace dbsage {
namespace {

const char* k_explain_data = R"(
CREATE EXTENSION hypopg;
CREATE TABLE events (id bigint PRIMARY KEY, kind int NOT NULL, city int NOT NULL, zip int NOT NULL, note text);
INSERT INTO events SELECT g, g % 100, g % 1000, g % 1000, md5(g::text) FROM generate_series(1, 200000) g;
CREATE INDEX events_kind_idx ON events (kind);
ANALYZE events;
-- After ANALYZE: the visibility map says nothing, so index-only scans fetch from the heap.
CREATE TABLE tags (id bigint PRIMARY KEY, label int NOT NULL);
INSERT INTO tags SELECT g, g % 50 FROM generate_series(1, 100000) g;
CREATE INDEX tags_label_idx ON tags (label);
ANALYZE tags;
UPDATE tags SET label = label WHERE id % 2 = 0;
CREATE FUNCTION many() RETURNS SETOF int LANGUAGE plpgsql AS $$ BEGIN RETURN QUERY SELECT generate_series(1, 20000); END $$;
)";

class ExplainLive : public testing::Test {
protected:
    static void SetUpTestSuite() {
        auto started = ScratchPostgres::start({"autovacuum=off"});
        ASSERT_TRUE(started.is_ok()) << started.status().message();
        s_pg = std::move(started.value()).release();
        ASSERT_TRUE(s_pg->run_sql(k_explain_data).is_ok());
    }
    static void TearDownTestSuite() {
        delete s_pg;
        s_pg = nullptr;
    }

    // EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of sql after the settings, read back and analyzed.
    static PlanAnalysis explain(const std::string& settings, const std::string& sql) {
        auto conn = PgConnection::open_for_changes(s_pg->conninfo());
        EXPECT_TRUE(conn.is_ok());
        if (!settings.empty()) {
            EXPECT_TRUE((*conn)->query(settings).is_ok());
        }
        auto rows = (*conn)->query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql);
        EXPECT_TRUE(rows.is_ok()) << rows.status().message();
        auto analysis = analyze_plan_text(*(*rows)[0][0], "plan.json");
        EXPECT_TRUE(analysis.is_ok()) << analysis.status().message();
        return analysis.is_ok() ? *analysis : PlanAnalysis{};
    }

    static ScratchPostgres* s_pg;
};
ScratchPostgres* ExplainLive::s_pg = nullptr;

std::string rules_of(const PlanAnalysis& a) {
    std::string out;
    for (const auto& f : a.findings) out += f.rule + "@" + f.location.object + " ";
    return out;
}

TEST_F(ExplainLive, CorrelatedColumnsAreMisestimated) {
    // city and zip are the same value: the planner multiplies their selectivities (1/1000 each).
    auto a = explain("", "SELECT * FROM events WHERE city = 7 AND zip = 7");
    EXPECT_NE(rules_of(a).find("plan-row-misestimate@Parallel Seq Scan on events"), std::string::npos) << rules_of(a);
    EXPECT_EQ(rules_of(a).find("plan-row-misestimate@Gather"), std::string::npos) << "the scan's misestimate, not repeated: " << rules_of(a);
    for (const auto& f : a.findings) {
        if (f.rule == "plan-row-misestimate") {
            EXPECT_EQ(f.fix.value_or(""), "ANALYZE events;");
        }
    }
}

TEST_F(ExplainLive, AFilterThatThrowsMostRowsAway) {
    auto a = explain("SET max_parallel_workers_per_gather = 0", "SELECT * FROM events WHERE note LIKE '%ab%'");
    EXPECT_NE(rules_of(a).find("plan-rows-removed-by-filter@Seq Scan on events"), std::string::npos) << rules_of(a);
    auto fine = explain("", "SELECT * FROM events WHERE id = 7");
    EXPECT_EQ(rules_of(fine), "");
}

TEST_F(ExplainLive, SortAndHashSpillToDiskWithTheWorkMemThatKeepsThemInMemory) {
    auto sorted = explain("SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0", "SELECT * FROM events ORDER BY note");
    ASSERT_NE(rules_of(sorted).find("plan-sort-spilled@Sort"), std::string::npos) << rules_of(sorted);
    for (const auto& f : sorted.findings)
        if (f.rule == "plan-sort-spilled") {
            EXPECT_NE(f.fix.value_or("").find("SET LOCAL work_mem = '"), std::string::npos);
        }
    auto hashed = explain("SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0; SET enable_mergejoin = off",
                          "SELECT count(*) FROM events a JOIN events b ON a.note = b.note");
    EXPECT_NE(rules_of(hashed).find("plan-hash-batches@Hash"), std::string::npos) << rules_of(hashed);
}

TEST_F(ExplainLive, HeapFetchesAndLossyBitmaps) {
    auto fetches = explain("SET enable_seqscan = off; SET enable_bitmapscan = off", "SELECT label FROM tags WHERE label < 10");
    EXPECT_NE(rules_of(fetches).find("plan-heap-fetches@Index Only Scan using tags_label_idx on tags"), std::string::npos)
        << rules_of(fetches);
    auto lossy = explain("SET work_mem = '64kB'; SET enable_seqscan = off; SET enable_indexscan = off; "
                         "SET max_parallel_workers_per_gather = 0",
                         "SELECT * FROM events WHERE kind < 50");
    EXPECT_NE(rules_of(lossy).find("plan-lossy-bitmap@Bitmap Heap Scan on events"), std::string::npos) << rules_of(lossy);
}

TEST_F(ExplainLive, WorkersPlannedButNotLaunched) {
    auto a = explain("SET max_parallel_workers = 0; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                     "SET min_parallel_table_scan_size = 0",
                     "SELECT count(*) FROM events WHERE note LIKE '%x%'");
    EXPECT_NE(rules_of(a).find("plan-workers-not-launched@Gather"), std::string::npos) << rules_of(a);
}

TEST_F(ExplainLive, OffsetsSortsForALimitAndTheFunctionDefault) {
    auto paged = explain("SET max_parallel_workers_per_gather = 0", "SELECT * FROM events ORDER BY id LIMIT 10 OFFSET 50000");
    EXPECT_NE(rules_of(paged).find("plan-large-offset@Limit"), std::string::npos) << rules_of(paged);
    auto top = explain("SET max_parallel_workers_per_gather = 0", "SELECT * FROM events ORDER BY note LIMIT 10");
    EXPECT_NE(rules_of(top).find("plan-sort-for-limit@Limit"), std::string::npos) << rules_of(top);
    auto served = explain("", "SELECT * FROM events ORDER BY id LIMIT 10");
    EXPECT_EQ(rules_of(served), "") << "the primary key returns them in order";
    auto srf = explain("", "SELECT * FROM many()");
    bool function_help = false;
    for (const auto& f : srf.findings)
        if (f.rule == "plan-row-misestimate" && f.help.find("ALTER FUNCTION") != std::string::npos) function_help = true;
    EXPECT_TRUE(function_help) << rules_of(srf);
}

// Each node's own time: children subtracted, so the shares add up to the whole.
TEST_F(ExplainLive, ExclusiveTimesAddUpToTheTotal) {
    auto a = explain("SET max_parallel_workers_per_gather = 0",
                     "SELECT e.kind, count(*) FROM events e JOIN tags t ON t.id = e.id GROUP BY e.kind ORDER BY 2 DESC");
    ASSERT_TRUE(a.plan.analyzed);
    double sum = 0;
    std::function<void(const PlanNode&)> add = [&](const PlanNode& n) {
        EXPECT_GE(n.exclusive_ms, 0);
        EXPECT_LE(n.exclusive_ms, n.total_ms + 1e-9);
        sum += n.exclusive_ms;
        for (const auto& c : n.children) add(c);
    };
    add(a.plan.root);
    EXPECT_NEAR(sum, a.plan.root.total_ms, a.plan.root.total_ms * 0.01 + 0.01);
    std::string text = format_plan_text(a, false);
    EXPECT_NE(text.find("Hash Join"), std::string::npos) << text;
    EXPECT_NE(text.find("└─ "), std::string::npos) << text;
}

// What people paste: psql's output of EXPLAIN (FORMAT JSON), with its header
// and "+" continuations and the tags of the statements before it, reads as
// the bare JSON does.
TEST_F(ExplainLive, PsqlOutputReadsLikeTheBareJson) {
    std::string command = s_pg->bin_dir() + "/psql -X -d " + shell_quote(s_pg->conninfo()) +
                          " -c \"SET work_mem = '4MB'\" -c \"EXPLAIN (FORMAT JSON) SELECT * FROM events WHERE id = 7\"";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
    ASSERT_NE(out.find("QUERY PLAN"), std::string::npos) << out;
    ASSERT_NE(out.find("+\n"), std::string::npos) << out;
    auto a = analyze_plan_text(out, "pasted.txt");
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    EXPECT_EQ(a->plan.root.relation, "events");
    EXPECT_FALSE(a->plan.analyzed);
    EXPECT_GT(a->total_cost, 0);
}

// The text format of the same plans gives the same findings as the JSON.
TEST_F(ExplainLive, TextAndJsonOfOnePlanGiveTheSameFindings) {
    auto conn = PgConnection::open_for_changes(s_pg->conninfo());
    ASSERT_TRUE(conn.is_ok());
    struct Case {
        std::string settings, sql;
    };
    for (const auto& c : std::vector<Case>{
             {"SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0", "SELECT * FROM events ORDER BY note"},
             {"SET work_mem = '64kB'; SET enable_seqscan = off; SET enable_indexscan = off; SET max_parallel_workers_per_gather = 0",
              "SELECT * FROM events WHERE kind < 50"},
             {"SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0; SET enable_mergejoin = off",
              "SELECT count(*) FROM events a JOIN events b ON a.note = b.note"},
             {"SET enable_seqscan = off; SET enable_bitmapscan = off", "SELECT label FROM tags WHERE label < 10"},
             {"", "SELECT * FROM events WHERE city = 7 AND zip = 7"}}) {
        ASSERT_TRUE((*conn)->query("RESET ALL").is_ok());
        if (!c.settings.empty()) {
            ASSERT_TRUE((*conn)->query(c.settings).is_ok());
        }
        // One execution, printed both ways: BEGIN … the same snapshot is not needed, the shapes are stable.
        auto json_rows = (*conn)->query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + c.sql);
        auto text_rows = (*conn)->query("EXPLAIN (ANALYZE, BUFFERS) " + c.sql);
        ASSERT_TRUE(json_rows.is_ok() && text_rows.is_ok());
        std::string text;
        for (const auto& row : *text_rows) text += *row[0] + "\n";
        auto from_json = analyze_plan_text(*(*json_rows)[0][0], "plan.json");
        auto from_text = analyze_plan_text(text, "plan.txt");
        ASSERT_TRUE(from_json.is_ok()) << from_json.status().message();
        ASSERT_TRUE(from_text.is_ok()) << from_text.status().message() << "\n" << text;
        std::string a, b;
        for (const auto& f : from_json->findings) a += f.rule + "@" + std::to_string(f.location.line) + ":" + f.location.object + " ";
        for (const auto& f : from_text->findings) b += f.rule + "@" + std::to_string(f.location.line) + ":" + f.location.object + " ";
        EXPECT_EQ(a, b) << c.sql << "\n" << text;
        EXPECT_NE(a, "") << c.sql;
    }
}

// EXPLAIN run by dbsage: read-only and rolled back; a writing statement is
// refused without --allow-writes, and with it deletes nothing.
TEST_F(ExplainLive, RunOnTheTargetLeavesTheDataAlone) {
    auto count = [] {
        auto conn = PgConnection::open_read_only(s_pg->conninfo());
        auto rows = (*conn)->query("SELECT count(*) FROM tags");
        return *(*rows)[0][0];
    };
    std::string before = count();
    ExplainOptions options;
    options.target = s_pg->conninfo();
    options.sql = "SELECT * FROM events WHERE city = 7 AND zip = 7;";
    options.analyze = true;
    auto read = explain_query(options);
    ASSERT_TRUE(read.is_ok()) << read.status().message();
    EXPECT_TRUE(read->plan.analyzed);
    EXPECT_NE(rules_of(*read).find("plan-row-misestimate"), std::string::npos) << rules_of(*read);

    options.sql = "DELETE FROM tags WHERE id < 50000";
    auto refused = explain_query(options);
    ASSERT_FALSE(refused.is_ok());
    EXPECT_NE(refused.status().message().find("--allow-writes"), std::string::npos) << refused.status().message();
    options.allow_writes = true;
    auto deleted = explain_query(options);
    ASSERT_TRUE(deleted.is_ok()) << deleted.status().message();
    EXPECT_EQ(deleted->plan.root.type, "Delete") << "named as the text format names it";
    EXPECT_GT(deleted->plan.root.children.at(0).actual_rows, 0) << "it ran";
    EXPECT_EQ(count(), before) << "and was rolled back";

    options.allow_writes = false;
    options.sql = "WITH gone AS (DELETE FROM tags RETURNING id) SELECT count(*) FROM gone";
    EXPECT_FALSE(explain_query(options).is_ok()) << "a writing CTE writes too";
    EXPECT_EQ(count(), before);
}

// On a target, the plan's scan problem comes with the index that fixes it,
// from the index advisor (what-if costs), as the finding's fix.
TEST_F(ExplainLive, TheScanProblemComesWithTheIndexThatFixesIt) {
    ExplainOptions options;
    options.target = s_pg->conninfo();
    options.sql = "SELECT id FROM events WHERE note = 'c4ca4238a0b923820dcc509a6f75849b'";
    options.analyze = true;
    auto a = explain_query(options);
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    bool fixed = false;
    for (const auto& f : a->findings)
        if (f.rule == "plan-rows-removed-by-filter") {
            EXPECT_EQ(f.fix.value_or(""), "CREATE INDEX CONCURRENTLY events_note_idx ON events (note);");
            EXPECT_NE(f.help.find("what-if"), std::string::npos) << f.help;
            fixed = true;
        }
    EXPECT_TRUE(fixed) << rules_of(*a);
}

// A misestimate on a table changed a lot since its last ANALYZE names the
// stale statistics, with pg_stat_user_tables' counts.
TEST_F(ExplainLive, StaleStatisticsExplainAMisestimate) {
    // Separate transactions: the counters count what committed before ANALYZE apart from what came after.
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE fresh (k int); INSERT INTO fresh SELECT 1 FROM generate_series(1, 1000)").is_ok());
    ASSERT_TRUE(s_pg->run_sql("ANALYZE fresh").is_ok());
    ASSERT_TRUE(s_pg->run_sql("INSERT INTO fresh SELECT 2 FROM generate_series(1, 50000)").is_ok());
    ExplainOptions options;
    options.target = s_pg->conninfo();
    options.sql = "SELECT count(*) FROM fresh WHERE k = 2";
    options.analyze = true;
    options.advise = false;
    auto a = explain_query(options);
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    bool stale = false;
    for (const auto& f : a->findings)
        if (f.rule == "plan-stale-statistics") {
            stale = true;
            EXPECT_NE(f.message.find("fresh has had 50000 rows modified since its last analyze"), std::string::npos) << f.message;
            EXPECT_EQ(f.fix.value_or(""), "ANALYZE fresh;");
        }
    EXPECT_TRUE(stale) << rules_of(*a);
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE pairs (a int, b int); INSERT INTO pairs SELECT g % 100, g % 100 FROM generate_series(1, 100000) g").is_ok());
    ASSERT_TRUE(s_pg->run_sql("ANALYZE pairs").is_ok());
    options.sql = "SELECT * FROM pairs WHERE a = 7 AND b = 7";
    auto analyzed = explain_query(options);
    ASSERT_TRUE(analyzed.is_ok());
    EXPECT_NE(rules_of(*analyzed).find("plan-row-misestimate"), std::string::npos) << rules_of(*analyzed);
    EXPECT_EQ(rules_of(*analyzed).find("plan-stale-statistics"), std::string::npos) << "pairs was analyzed after its load: correlated columns, not stale statistics";
}

// A nested loop re-reading a whole table, and a subquery run once per row.
TEST_F(ExplainLive, NestedLoopInnerScansAndSubqueriesPerRow) {
    auto loop = explain("SET enable_hashjoin = off; SET enable_mergejoin = off; SET enable_material = off; SET enable_memoize = off; "
                        "SET enable_indexscan = off; SET enable_bitmapscan = off; SET max_parallel_workers_per_gather = 0",
                        "SELECT t.id FROM tags t JOIN events e ON e.city = t.label WHERE t.id <= 200");
    EXPECT_NE(rules_of(loop).find("plan-nested-loop-inner-scan@Seq Scan on events e"), std::string::npos) << rules_of(loop);
    auto sub = explain("SET max_parallel_workers_per_gather = 0",
                       "SELECT t.id, (SELECT count(*) FROM events e WHERE e.zip = t.label) FROM tags t WHERE t.id <= 150");
    EXPECT_NE(rules_of(sub).find("plan-subquery-per-row@Aggregate"), std::string::npos) << rules_of(sub);
}

// $n parameters: the values given with --param, or the generic plan.
TEST_F(ExplainLive, ParametersTakeTheValuesGivenOrAGenericPlan) {
    ExplainOptions options;
    options.target = s_pg->conninfo();
    options.sql = "SELECT * FROM events WHERE kind = $1 AND note <> $2";
    options.advise = false;
    options.analyze = true;
    auto refused = explain_query(options);
    ASSERT_FALSE(refused.is_ok());
    EXPECT_NE(refused.status().message().find("give their values with --param"), std::string::npos) << refused.status().message();
    options.params = {"7", "x"};
    auto run = explain_query(options);
    ASSERT_TRUE(run.is_ok()) << run.status().message();
    EXPECT_TRUE(run->plan.analyzed);
    EXPECT_NE(run->plan.root.filter + run->plan.root.recheck_cond + (run->plan.root.children.empty() ? "" : run->plan.root.children[0].index_cond),
              "");
    EXPECT_TRUE(run->notes.empty());
    options.params = {"7"};
    EXPECT_FALSE(explain_query(options).is_ok()) << "two parameters, one value";
    options.params.clear();
    options.analyze = false;
    auto generic = explain_query(options);
    ASSERT_TRUE(generic.is_ok()) << generic.status().message();
    ASSERT_EQ(generic->notes.size(), 1u);
    EXPECT_NE(generic->notes[0].find("generic plan"), std::string::npos);
}

TEST(Explain, ABrokenTextTreeIsOneMessage) {
    auto a = analyze_plan_text("  ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n", "broken.txt");
    ASSERT_FALSE(a.is_ok());
    EXPECT_NE(a.status().message().find("broken.txt:1: the plan starts with a child node"), std::string::npos) << a.status().message();
}

TEST(Explain, BadInputIsOneMessage) {
    for (const auto& [text, expected] :
         std::vector<std::pair<std::string, std::string>>{{"", "empty"},
                                                          {"[{\"Plan\": {\"Node Type\": \"Seq Scan\"", "not a complete JSON plan"},
                                                          {"[]", "not a plan dbsage reads"},
                                                          {"\x01\x02garbage\xff", "not a plan dbsage reads"},
                                                          {"{\"Plan\": 3}", "without a \"Plan\" object"}}) {
        auto a = analyze_plan_text(text, "bad.json");
        ASSERT_FALSE(a.is_ok()) << text;
        EXPECT_NE(a.status().message().find("bad.json: "), std::string::npos) << a.status().message();
        EXPECT_NE(a.status().message().find(expected), std::string::npos) << a.status().message();
    }
}

}  // namespace
}  // namespace dbsage
