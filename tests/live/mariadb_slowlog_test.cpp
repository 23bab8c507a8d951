// A private MariaDB server (mariadb-install-db into a temp dir, socket only)
// writes a real slow query log (with EXPLAIN in it, and its banner again
// after FLUSH SLOW LOGS); the digest must count every statement.
#include <gtest/gtest.h>

#include "../support/test_paths.h"
#include "digest/digest.h"
#include "digest/normalizer.h"
#include "sandbox/scratch_mariadb.h"

namespace dbsage {
namespace {

TEST(MariadbLive, SlowLogOfARealServerDigests) {
    // A relative log file name is in the server's data directory, which the server user owns.
    auto started = ScratchMariadb::start({"--slow-query-log=1", "--long-query-time=0", "--log-slow-verbosity=query_plan,explain",
                                          "--slow-query-log-file=slow.log"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    ScratchMariadb& db = **started;
    std::string slow_log = db.dir() + "/data/slow.log";
    ASSERT_TRUE(db.run_sql("CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, customer_id INT)").is_ok());
    std::string inserts = "USE shop;";
    for (int i = 1; i <= 30; ++i) inserts += "INSERT INTO orders VALUES (" + std::to_string(i) + ", " + std::to_string(i % 7) + ");";
    inserts += "FLUSH SLOW LOGS;";  // the server writes its banner again
    for (int i = 0; i < 25; ++i) inserts += "SELECT * FROM orders WHERE customer_id = " + std::to_string(i % 7) + ";";
    // The server logs a statement after sending its result, so the client
    // may be gone before the last entry is written; the session's thread has
    // written every entry before it runs this last statement.
    inserts += "DO 0;";
    ASSERT_TRUE(db.run_sql(inserts).is_ok());
    auto report = digest_logs({slow_log}, DigestOptions{});
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    auto select = report->queries.find(fingerprint_id(normalize_query("SELECT * FROM orders WHERE customer_id = 1")));
    ASSERT_NE(select, report->queries.end());
    EXPECT_EQ(select->second.calls, 25u);
    EXPECT_EQ(select->second.databases.at("shop"), 25u);
    EXPECT_GT(select->second.rows_examined, 0u);
    for (const auto& [id, q] : report->queries) EXPECT_EQ(q.query.find('#'), std::string::npos) << q.query;
    auto insert = report->queries.find(fingerprint_id(normalize_query("INSERT INTO orders VALUES (1, 2)")));
    ASSERT_NE(insert, report->queries.end());
    EXPECT_EQ(insert->second.calls, 30u);
}

}  // namespace
}  // namespace dbsage
