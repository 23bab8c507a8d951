// dbsage explain on an SQLite file: EXPLAIN QUERY PLAN with the scanned
// tables' sizes, the index advisor's fix for a full scan, and --analyze that
// leaves the file as it was (a DELETE under --allow-writes deletes nothing).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "../support/test_paths.h"
#include "explain/run_explain.h"

namespace dbsage {
namespace {

std::string count(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM orders", -1, &st, nullptr);
    sqlite3_step(st);
    std::string n = std::to_string(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

TEST(ExplainSqlite, AFullScanComesWithItsSizeAndTheIndexThatFixesIt) {
    test::TempDir dir;
    std::string path = dir.file("shop.db");
    test::make_sqlite_db(path, R"(
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INT, status TEXT, total REAL);
        WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 20000)
        INSERT INTO orders SELECT x, x % 500, CASE WHEN x % 10 = 0 THEN 'open' ELSE 'done' END, x / 3.0 FROM g;
        ANALYZE;)");
    ExplainOptions options;
    options.target = path;
    options.sql = "SELECT * FROM orders o WHERE o.customer_id = 42 ORDER BY total DESC";
    options.analyze = true;
    auto a = explain_query(options);
    ASSERT_TRUE(a.is_ok()) << a.status().message();
    EXPECT_EQ(a->plan.format, "sqlite-eqp");
    EXPECT_TRUE(a->plan.analyzed);
    EXPECT_EQ(a->plan.root.actual_rows, 40) << "the rows the statement returned";
    bool scan = false;
    for (const auto& f : a->findings)
        if (f.rule == "plan-full-table-scan") {
            scan = true;
            EXPECT_EQ(f.location.object, "SCAN o");
            EXPECT_NE(f.message.find("20000 rows"), std::string::npos) << f.message;
            EXPECT_EQ(f.fix.value_or(""), "CREATE INDEX IF NOT EXISTS orders_customer_id_total_idx ON orders (customer_id, total DESC);")
                << f.help;
            EXPECT_NE(f.help.find("SQLite plans it as: SEARCH o USING INDEX orders_customer_id_total_idx"), std::string::npos) << f.help;
        }
    EXPECT_TRUE(scan);
}

TEST(ExplainSqlite, AnalyzeLeavesTheFileAsItWas) {
    test::TempDir dir;
    std::string path = dir.file("shop.db");
    test::make_sqlite_db(path, "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO orders VALUES (1, 'a'), (2, 'b');");
    ExplainOptions options;
    options.target = path;
    options.sql = "DELETE FROM orders";
    options.analyze = true;
    auto refused = explain_query(options);
    ASSERT_FALSE(refused.is_ok());
    EXPECT_NE(refused.status().message().find("--allow-writes"), std::string::npos) << refused.status().message();
    options.allow_writes = true;
    auto ran = explain_query(options);
    ASSERT_TRUE(ran.is_ok()) << ran.status().message();
    EXPECT_EQ(count(path), "2") << "rolled back";

    options.sql = "SELECT * FROM no_such_table";
    auto missing = explain_query(options);
    ASSERT_FALSE(missing.is_ok());
    EXPECT_NE(missing.status().message().find("no such table: no_such_table"), std::string::npos) << missing.status().message();
}

}  // namespace
}  // namespace dbsage
