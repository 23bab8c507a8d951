// The index advisor on SQLite files the test creates: the method of SQLite's
// .expert (candidates in an in-memory copy with statistics from the data,
// kept when EXPLAIN QUERY PLAN uses them), compared with sqlite3's own
// .expert where it has an answer, and the file never written.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "../support/test_paths.h"
#include "advisor/advisor.h"
#include "report/advice_report.h"

namespace dbsage {
namespace {

const char* k_sqlite_schema = R"(
CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, country TEXT, deleted_at TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL,
                     placed_at TEXT NOT NULL, total REAL);
CREATE INDEX orders_status_idx ON orders (status);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO customers SELECT i, 'C' || i || '@example.com', CASE i % 2 WHEN 0 THEN 'de' ELSE 'fr' END,
                               CASE WHEN i % 10 = 0 THEN '2026-01-01' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
  INSERT INTO orders SELECT i, 1 + i % 300, CASE i % 4 WHEN 0 THEN 'new' ELSE 'done' END,
                            '2026-01-' || printf('%02d', 1 + i % 28), i % 90 FROM n;
)";

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string keys(const AdviceReport& r) {
    std::string out;
    for (const auto& a : r.create) out += a.index.key() + " ";
    return out;
}

// The columns of sqlite3's .expert recommendation for one query, as the
// advisor's keys spell them ("customer_id,placed_at desc").
std::string expert_columns(const std::string& db, const std::string& sql) {
    std::string command = "sqlite3 " + db + " \".expert\" \"" + sql + "\" 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string out;
    char buffer[4096];
    while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
    if (pipe) pclose(pipe);
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(R"(CREATE INDEX \S+ ON \w+\(([^)]*)\))"))) return "(none): " + out;
    std::string columns = m[1];
    columns = std::regex_replace(columns, std::regex(", "), ",");
    return std::regex_replace(columns, std::regex(" DESC"), " desc");
}

class AdvisorSqlite : public testing::Test {
protected:
    void SetUp() override {
        m_db = m_dir.file("shop.db");
        test::make_sqlite_db(m_db, k_sqlite_schema);
    }
    Result<AdviceReport> advise(const std::string& queries) {
        AdviseOptions options;
        options.target = m_db;
        options.query_files = {m_dir.write("q.sql", queries)};
        return advise_indexes(options);
    }
    test::TempDir m_dir;
    std::string m_db;
};

TEST_F(AdvisorSqlite, AgreesWithExpertAndLeavesTheFileAlone) {
    std::string before = file_bytes(m_db);
    std::string lookup = "SELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;";
    std::string by_email = "SELECT * FROM customers WHERE email = 'C7@example.com';";
    auto r = advise("-- calls: 500\n" + lookup + "\nSELECT * FROM orders WHERE id = 7;\n" + by_email + "\n");
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("main.orders(" + expert_columns(m_db, lookup) + ")"), std::string::npos)
        << keys(*r) << " vs .expert " << expert_columns(m_db, lookup);
    EXPECT_NE(keys(*r).find("main.customers(" + expert_columns(m_db, by_email) + ")"), std::string::npos)
        << keys(*r) << " vs .expert " << expert_columns(m_db, by_email);
    EXPECT_EQ(keys(*r).find("(id)"), std::string::npos) << "the rowid serves id = 7: " << keys(*r);
    for (const auto& a : r->create) {
        EXPECT_GT(a.size_bytes, 0u);
        ASSERT_FALSE(a.serves.empty());
        EXPECT_NE(r->queries[a.serves[0]].plan_after.find(a.index.name()), std::string::npos) << r->queries[a.serves[0]].plan_after;
    }
    EXPECT_EQ(file_bytes(m_db), before) << "the advisor only reads the file";
}

TEST_F(AdvisorSqlite, ExpressionAndPartialIndexesAndWhatAnIndexAlreadyServes) {
    auto r = advise("SELECT * FROM customers WHERE lower(email) = 'c7@example.com';\n"
                    "SELECT id FROM customers WHERE deleted_at IS NULL AND country = 'de' ORDER BY email LIMIT 5;\n"
                    "SELECT count(*) FROM orders WHERE status = 'new';\n");
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("main.customers(lower(email))"), std::string::npos) << keys(*r);
    EXPECT_EQ(keys(*r).find("main.orders(status)"), std::string::npos) << "orders_status_idx serves it: " << keys(*r);
}

// SQLite has no INCLUDE: a covering index carries the selected columns as
// trailing keys, and never the INTEGER PRIMARY KEY (the rowid every entry holds).
TEST_F(AdvisorSqlite, CoveringIndexesUseTrailingKeysNotInclude) {
    auto r = advise("-- calls: 100\nSELECT id, placed_at, total FROM orders WHERE customer_id = 42;\n");
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    ASSERT_FALSE(r->create.empty());
    for (const auto& a : r->create) {
        EXPECT_TRUE(a.index.include.empty()) << a.index.key();
        EXPECT_EQ(a.index.ddl_sqlite().find("INCLUDE"), std::string::npos) << a.index.ddl_sqlite();
        EXPECT_EQ(a.index.key().find(",id"), std::string::npos) << a.index.key();
    }
    EXPECT_NE(keys(*r).find("main.orders(customer_id,placed_at,total)"), std::string::npos) << keys(*r);
    std::string markdown = format_advice_markdown(*r);
    EXPECT_NE(markdown.find("| `CREATE INDEX IF NOT EXISTS orders_customer_id_placed_at_total_idx ON orders "
                            "(customer_id, placed_at, total);` |"),
              std::string::npos)
        << markdown;
}

// --verify times the queries on a copy: the lookup the index serves is
// measured before and after, faster, and the file is not touched.
TEST_F(AdvisorSqlite, VerifyMeasuresOnACopy) {
    std::string before = file_bytes(m_db);
    AdviseOptions options;
    options.target = m_db;
    options.query_files = {m_dir.write("q.sql", "-- calls: 10\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC;\n")};
    options.verify = true;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_TRUE(r->verified);
    ASSERT_EQ(r->create.size(), 1u) << keys(*r);
    ASSERT_TRUE(r->queries[0].measured_before_ms && r->queries[0].measured_after_ms);
    EXPECT_TRUE(r->withdrawn.empty()) << "a sort of 40,000 rows against 133 index entries: kept";
    EXPECT_EQ(file_bytes(m_db), before) << "measured on a copy";
}

TEST(IndexCandidateName, DiffersWhereTheIndexesDiffer) {
    IndexCandidate plain{"public", "orders", {{"placed_at"}}};
    IndexCandidate partial = plain, covering = plain;
    partial.where = "status = 'new'";
    covering.include = {"total"};
    EXPECT_EQ(plain.name(), "orders_placed_at_idx");
    EXPECT_EQ(partial.name(), "orders_placed_at_where_status_new_idx");
    EXPECT_EQ(covering.name(), "orders_placed_at_incl_total_idx");
}

TEST_F(AdvisorSqlite, AFileThatIsNotSqliteIsOneMessage) {
    AdviseOptions options;
    options.target = "sqlite:" + m_dir.write("garbage.db", "this is not a database");
    options.query_files = {m_dir.write("q.sql", "SELECT 1;\n")};
    auto r = advise_indexes(options);
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.status().message().find("garbage.db"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace dbsage
