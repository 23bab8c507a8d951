// The MySQL / MariaDB slow log as real servers write it. The MariaDB log in
// tests/data/logs was captured from MariaDB 10.11 started with
// --log-slow-verbosity=query_plan,explain,innodb --long-query-time=0: it has
// "# explain:" blocks framed by lone "#" lines, an empty "Schema:", the
// quoted "use `shop`;", FLUSH SLOW LOGS and a restart (banner lines in the
// middle of the file) and "# Time: YYMMDD HH:MM:SS".
#include <gtest/gtest.h>

#include <string>

#include "../support/test_paths.h"
#include "digest/digest.h"
#include "digest/normalizer.h"

namespace dbsage {
namespace {

const QueryStats* find(const DigestReport& report, const std::string& sql) {
    auto it = report.queries.find(fingerprint_id(normalize_query(sql)));
    return it == report.queries.end() ? nullptr : &it->second;
}

TEST(DigestMysql, RealMariadbLogWithExplainVerbosity) {
    auto report = digest_logs({test::source_dir() + "/tests/data/logs/mariadb-10.11-slow.log"}, DigestOptions{});
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    for (const auto& [id, q] : report->queries) {
        EXPECT_EQ(q.query.find('#'), std::string::npos) << q.query;
        EXPECT_EQ(q.query.find("timestamp"), std::string::npos) << q.query;
        EXPECT_EQ(q.query.find("started with"), std::string::npos) << q.query;
        EXPECT_EQ(q.query.find("tcp port"), std::string::npos) << q.query;
        for (const auto& [db, n] : q.databases) EXPECT_EQ(db, "shop") << q.query;
    }
    const QueryStats* by_customer = find(*report, "SELECT * FROM orders WHERE customer_id = 1;");
    ASSERT_NE(by_customer, nullptr);
    EXPECT_EQ(by_customer->calls, 2u) << "one before the restart, one after";
    EXPECT_EQ(by_customer->databases.at("shop"), 2u);
    EXPECT_EQ(by_customer->rows_examined, 6u);
    const QueryStats* noop = find(*report, "DO 0;");
    ASSERT_NE(noop, nullptr);
    EXPECT_EQ(noop->calls, 4u) << "the entry before FLUSH SLOW LOGS and the restart is not glued to the banner";
    const QueryStats* flush = find(*report, "FLUSH SLOW LOGS;");
    ASSERT_NE(flush, nullptr);
    EXPECT_TRUE(flush->databases.empty()) << "\"Schema:   QC_hit: No\" names no database";
    const QueryStats* by_id = find(*report, "SELECT id FROM orders WHERE id = 2;");
    ASSERT_NE(by_id, nullptr);
    EXPECT_EQ(by_id->databases.at("shop"), 1u);
    const QueryStats* insert = find(*report, "INSERT INTO shop.orders VALUES (1,1,'a'),(2,2,'b'),(3,1,'c');");
    ASSERT_NE(insert, nullptr) << "\"a\" is a string in MySQL";
    EXPECT_EQ(insert->query, "insert into shop.orders values(?, ?, ?)");
    EXPECT_EQ(report->first, "2026-11-30 11:49:04");
    EXPECT_EQ(report->last, "2026-11-30 11:49:19");
}

TEST(DigestMysql, MysqlQuotingNormalizes) {
    EXPECT_EQ(normalize_query("SELECT * FROM `Orders` WHERE a = \"x\\\"y\" AND b = 'it\\'s' AND c IN (\"p\", \"q\")",
                              SqlQuotes::mysql),
              "select * from `Orders` where a = ? and b = ? and c in(?)");
    EXPECT_EQ(normalize_query("SELECT \"Col\" FROM t WHERE a = 'x'"), "select \"Col\" from t where a = ?")
        << "PostgreSQL quoting is unchanged";
}

TEST(DigestMysql, OldTimeFormatAndQuotedDatabases) {
    test::TempDir dir;
    std::string log =
        "# Time: 261130  7:59:16\n"
        "# User@Host: app[app] @ localhost []\n"
        "# Thread_id: 8  Schema: shop  QC_hit: No\n"
        "# Query_time: 0.002000  Lock_time: 0.000000  Rows_sent: 1  Rows_examined: 1\n"
        "use `odd``name`;\n"
        "SET timestamp=1796025556;\n"
        "SELECT 1;\n"
        "# Time: 2026-11-30T08:00:01.250000Z\n"
        "# User@Host: app[app] @ localhost []  Id:     9\n"
        "# Query_time: 0.001000  Lock_time: 0.000000  Rows_sent: 1  Rows_examined: 1\n"
        "use shop;\n"
        "SET timestamp=1796025601;\n"
        "SELECT 2;\n";
    auto report = digest_logs({dir.write("slow.log", log)}, DigestOptions{});
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_EQ(report->first, "2026-11-30 07:59:16");
    EXPECT_EQ(report->last, "2026-11-30T08:00:01.250000Z");
    ASSERT_EQ(report->queries.size(), 1u);
    const QueryStats& q = report->queries.begin()->second;
    EXPECT_EQ(q.databases.at("odd`name"), 1u);
    EXPECT_EQ(q.databases.at("shop"), 1u);
    ASSERT_EQ(report->per_minute.size(), 2u);
    EXPECT_EQ(report->per_minute.begin()->first, "2026-11-30 07:59");
}

}  // namespace
}  // namespace dbsage
