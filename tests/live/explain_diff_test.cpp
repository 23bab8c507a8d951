// dbsage explain diff: two plans of one query compared, from a real
// PostgreSQL 15 before and after an index (built on a scratch copy, the live
// database only read), and from plan files through the CLI with
// --fail-if-slower.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "connectors/postgres/pg_connection.h"
#include "explain/plan_diff.h"
#include "explain/run_explain.h"
#include "report/plan_report.h"
#include "sandbox/scratch_postgres.h"
#include "../support/test_paths.h"

namespace dbsage {
namespace {

const char* k_diff_data = R"(
CREATE TABLE orders (id bigint PRIMARY KEY, customer int NOT NULL, total numeric, placed date);
INSERT INTO orders SELECT g, g % 5000, g, date '2024-01-01' + g % 700 FROM generate_series(1, 200000) g;
ANALYZE orders;
)";

std::string run(const std::string& args, int& status) {
    auto result = test::run_dbsage(args);
    status = result.exit_code;
    return result.out + result.err;
}

class ExplainDiffLive : public testing::Test {
protected:
    static void SetUpTestSuite() {
        auto started = ScratchPostgres::start();
        ASSERT_TRUE(started.is_ok()) << started.status().message();
        s_pg = std::move(started.value()).release();
        ASSERT_TRUE(s_pg->run_sql(k_diff_data).is_ok());
    }
    static void TearDownTestSuite() {
        delete s_pg;
        s_pg = nullptr;
    }
    static std::string catalog() {
        auto conn = PgConnection::open_read_only(s_pg->conninfo());
        auto rows = (*conn)->query("SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY 1) FROM pg_index");
        return (*rows)[0][0].value_or("");
    }
    static ScratchPostgres* s_pg;
};
ScratchPostgres* ExplainDiffLive::s_pg = nullptr;

TEST_F(ExplainDiffLive, AnIndexOnAScratchCopyTurnsTheScanIntoAnIndexScan) {
    std::string before = catalog();
    ExplainDiffOptions options;
    options.run.target = s_pg->conninfo();
    options.run.sql = "SELECT * FROM orders WHERE customer = 42 ORDER BY placed DESC LIMIT 10";
    options.run.analyze = true;
    options.index_ddl = "CREATE INDEX CONCURRENTLY orders_customer_placed_idx ON orders (customer, placed)";
    auto diff = explain_diff_query(options);
    ASSERT_TRUE(diff.is_ok()) << diff.status().message();
    const PlanDiff& d = **diff;
    EXPECT_TRUE(d.timed);
    EXPECT_LT(d.change_percent(), -50) << d.verdict;
    EXPECT_EQ(d.verdict.rfind("faster: time", 0), 0u) << d.verdict;
    // Which of the index's two effects saved more time, the scan that became
    // an index scan or the sort that vanished, depends on the clock (a loaded
    // machine flips it): "most of it" must name one of them.
    ASSERT_GE(d.responsible, 0);
    const NodeDiff& r = d.nodes[static_cast<size_t>(d.responsible)];
    EXPECT_TRUE(r.kind == NodeDiff::Kind::changed_type || r.kind == NodeDiff::Kind::vanished) << d.verdict;
    const NodeDiff* scan = nullptr;
    for (const auto& n : d.nodes)
        if (n.kind == NodeDiff::Kind::changed_type) scan = &n;
    ASSERT_NE(scan, nullptr) << format_plan_diff_text(d, false);
    EXPECT_EQ(scan->after->index, "orders_customer_placed_idx");
    EXPECT_NE(scan->before->type.find("Seq Scan"), std::string::npos) << scan->before->type;
    EXPECT_EQ(d.nodes[0].kind, NodeDiff::Kind::same) << "both plans start with their Limit";
    bool sort_vanished = false;
    for (const auto& n : d.nodes) sort_vanished |= n.kind == NodeDiff::Kind::vanished && n.before->type == "Sort";
    EXPECT_TRUE(sort_vanished) << format_plan_diff_text(d, false);
    EXPECT_EQ(catalog(), before) << "the index was built on the copy only";
}

TEST_F(ExplainDiffLive, TheSameQueryOnTwoTargets) {
    ExplainDiffOptions options;
    options.run.target = s_pg->conninfo();
    options.other_target = s_pg->conninfo();
    options.run.sql = "SELECT count(*) FROM orders WHERE total > 1000";
    auto diff = explain_diff_query(options);
    ASSERT_TRUE(diff.is_ok()) << diff.status().message();
    EXPECT_FALSE((*diff)->timed) << "no --analyze: costs compared";
    EXPECT_EQ((*diff)->verdict.rfind("about the same: cost", 0), 0u) << (*diff)->verdict;
    for (const auto& n : (*diff)->nodes) EXPECT_EQ(n.kind, NodeDiff::Kind::same);
    options.other_target = "host=/nonexistent port=1 dbname=x";
    EXPECT_FALSE(explain_diff_query(options).is_ok());
}

TEST_F(ExplainDiffLive, PlanFilesAndFailIfSlowerForCi) {
    auto conn = PgConnection::open_for_changes(s_pg->conninfo());
    ASSERT_TRUE(conn.is_ok());
    test::TempDir temp;  // testing::TempDir() is /tmp itself, shared by every run on the machine
    std::string dir = temp.path();
    auto capture = [&](const std::string& setup, const std::string& path) {
        ASSERT_TRUE((*conn)->query(setup).is_ok());
        auto rows = (*conn)->query("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM orders WHERE customer = 7");
        ASSERT_TRUE(rows.is_ok()) << rows.status().message();
        std::ofstream(path) << *(*rows)[0][0];
    };
    ASSERT_TRUE((*conn)->query("BEGIN").is_ok());
    capture("SELECT 1", dir + "/slow.json");
    capture("CREATE INDEX orders_customer_idx ON orders (customer)", dir + "/fast.json");
    ASSERT_TRUE((*conn)->query("ROLLBACK").is_ok());

    int status = 0;
    std::string out = run(std::string("explain diff " + dir + "/slow.json " + dir + "/fast.json --fail-if-slower 10"), status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("faster: time"), std::string::npos) << out;
    EXPECT_NE(out.find("orders_customer_idx"), std::string::npos) << out;
    out = run(std::string("explain diff " + dir + "/fast.json " + dir + "/slow.json --fail-if-slower 10"), status);
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("slower: time"), std::string::npos) << out;
    out = run(std::string("explain diff " + dir + "/fast.json " + dir + "/slow.json --format json"), status);
    EXPECT_EQ(status, 0) << "no threshold, no failure: " << out;
    EXPECT_NE(out.find("\"change\": \"vanished\""), std::string::npos) << out;
    out = run(std::string("explain diff " + dir + "/fast.json /nonexistent.json"), status);
    EXPECT_EQ(status, 2) << out;
    EXPECT_NE(out.find("/nonexistent.json: cannot be read"), std::string::npos) << out;
    out = run(std::string("explain " + dir), status);
    EXPECT_EQ(status, 2) << out;
    EXPECT_NE(out.find("a directory, not a plan file"), std::string::npos) << out;
}

}  // namespace
}  // namespace dbsage
