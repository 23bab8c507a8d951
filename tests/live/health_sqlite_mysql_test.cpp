// dbsage health and tune on an SQLite file with foreign key violations,
// free pages and no sqlite_stat1 (the file must not change), and on a
// scratch MariaDB with an AUTO_INCREMENT near its type's end, an idle
// transaction, a connection peak near max_connections and temporary tables
// on disk (health and MySQLTuner's tune checks must see them).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "../support/test_paths.h"
#include "connectors/mysql/mysql_connection.h"
#include "../support/health_findings.h"
#include "health/health.h"
#include "sandbox/scratch_mariadb.h"
#include "tune/tune.h"

namespace dbsage {
namespace {

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(HealthSqlite, ViolationsFreePagesAndNoStatistics) {
    test::TempDir dir;
    std::string db = dir.file("app.db");
    test::make_sqlite_db(db, R"(
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total REAL);
        CREATE INDEX orders_customer ON orders (customer_id);
        CREATE INDEX orders_customer_again ON orders (customer_id);
        CREATE TABLE log (id INTEGER PRIMARY KEY, line TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
          INSERT INTO log (line) SELECT printf('%.200c', 'x') FROM n;
        DELETE FROM log;
        INSERT INTO customers VALUES (1, 'a');
        INSERT INTO orders VALUES (1, 1, 9.5), (2, 7, 1.0), (3, 8, 2.0);
    )");
    std::string before = bytes_of(db);
    auto mtime = std::filesystem::last_write_time(db);
    HealthOptions options;
    options.target = db;
    options.deep = true;
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = dir.file("history.sqlite");
    auto report = check_health(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    const HealthFinding* fk = test::find_finding(*report, "foreign-key-violation", "orders");
    ASSERT_NE(fk, nullptr);
    EXPECT_NE(fk->what.find("2 row(s) of orders point at missing rows of customers (rowid 2, 3)"), std::string::npos) << fk->what;
    const HealthFinding* free = test::find_finding(*report, "free-pages", "database file");
    ASSERT_NE(free, nullptr);
    EXPECT_EQ(free->sql, "VACUUM;");
    ASSERT_NE(test::find_finding(*report, "missing-statistics", "sqlite_stat1"), nullptr);
    bool duplicate = false;
    for (const auto& f : report->findings) duplicate |= f.check == "duplicate-index" && f.area == "indexes";
    EXPECT_TRUE(duplicate);
    EXPECT_EQ(test::find_finding(*report, "integrity-check", "database file"), nullptr);
    EXPECT_EQ(report->exit_code(), 3);

    auto tuned = tune({db});
    ASSERT_TRUE(tuned.is_ok()) << tuned.status().message();
    EXPECT_NE(tuned->apply.find("PRAGMA journal_mode = WAL;"), std::string::npos) << tuned->apply;
    EXPECT_NE(tuned->apply.find("PRAGMA foreign_keys = ON;"), std::string::npos);
    EXPECT_NE(tuned->apply.find("PRAGMA busy_timeout = 5000;"), std::string::npos);

    EXPECT_EQ(bytes_of(db), before) << "health or tune wrote to the database";
    EXPECT_EQ(std::filesystem::last_write_time(db), mtime);

    auto r = test::run_dbsage("health --nagios " + db);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;  // CRITICAL, as Nagios numbers it
    EXPECT_EQ(r.out.rfind("DBSAGE HEALTH CRITICAL - ", 0), 0u) << r.out;
    auto plain = test::run_dbsage("health --history " + dir.file("h.sqlite") + " " + db);
    EXPECT_EQ(plain.exit_code, 3) << plain.err;
    auto bad = test::run_dbsage("health " + dir.write("garbage.db", std::string(5000, 'g')));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("garbage.db"), std::string::npos) << bad.err;
    auto unknown = test::run_dbsage("health --limit nonsense=3 " + db);
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("--limit: unknown [health] setting nonsense"), std::string::npos) << unknown.err;
    auto config = dir.write("bad.toml", "[health]\nlong_running_seconds = \"soon\"\n");
    auto bad_config = test::run_dbsage("health --config " + config + " " + db);
    EXPECT_EQ(bad_config.exit_code, 2);
    EXPECT_NE(bad_config.err.find("bad.toml:2: [health] long_running_seconds must be a number, not soon"), std::string::npos)
        << bad_config.err;
    auto refused = test::run_dbsage("health 'postgresql://u:hunter2@127.0.0.1:1/x'");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_EQ(refused.err.find("hunter2"), std::string::npos) << refused.err;
    auto nagios_refused = test::run_dbsage("health --nagios 'postgresql://u:hunter2@127.0.0.1:1/x'");
    EXPECT_EQ(nagios_refused.exit_code, 3);  // UNKNOWN
    EXPECT_EQ(nagios_refused.out.rfind("DBSAGE HEALTH UNKNOWN - ", 0), 0u) << nagios_refused.out;
}

// The history of an SQLite file: two snapshots a day apart with rows added
// between them give the table's growth.
TEST(HealthSqlite, HistoryGivesGrowth) {
    test::TempDir dir;
    std::string db = dir.file("grow.db");
    test::make_sqlite_db(db, "CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT);"
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                             "  INSERT INTO events (body) SELECT printf('%.100c', 'e') FROM n;");
    HealthOptions options;
    options.target = db;
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = dir.file("history.sqlite");
    options.record = true;
    options.now = 1793404800;
    ASSERT_TRUE(check_health(options).is_ok());
    test::make_sqlite_db(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                             "  INSERT INTO events (body) SELECT printf('%.100c', 'f') FROM n;");
    options.now += 2 * 86400;
    auto second = check_health(options);
    ASSERT_TRUE(second.is_ok()) << second.status().message();
    const HealthFinding* growth = test::find_finding(*second, "growth", "events");
    ASSERT_NE(growth, nullptr);
    EXPECT_NE(growth->what.find("+1500 rows/day"), std::string::npos) << growth->what;
    EXPECT_NE(growth->what.find("over 2.0 days (2 snapshots)"), std::string::npos) << growth->what;
}

TEST(HealthMysqlLive, AutoIncrementIdleTransactionPeakConnectionsAndDiskTemporaryTables) {
    auto started = ScratchMariadb::start({"--performance-schema=ON", "--max-connections=10"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    ScratchMariadb& server = **started;
    ASSERT_TRUE(server.run_sql("CREATE DATABASE main").is_ok());
    ASSERT_TRUE(server.run_sql("CREATE TABLE main.counters (id TINYINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB; "
                               "INSERT INTO main.counters (id, v) VALUES (120, 1); "
                               "CREATE TABLE main.wide (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB; "
                               "INSERT INTO main.wide VALUES (NULL);")
                    .is_ok());
    std::string url = server.url("main");
    auto tables = [&] {
        auto c = MysqlConnection::open_read_only(url);
        auto rows = (*c)->query("SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, ':', COALESCE(AUTO_INCREMENT, '')) ORDER BY TABLE_NAME) "
                                "FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'main'");
        return rows && !rows->empty() && (*rows)[0][0] ? *(*rows)[0][0] : std::string("?");
    };
    std::string before = tables();
    auto holder = MysqlConnection::open_for_changes(url);
    ASSERT_TRUE(holder.is_ok()) << holder.status().message();
    ASSERT_TRUE((*holder)->query("START TRANSACTION").is_ok());
    ASSERT_TRUE((*holder)->query("UPDATE counters SET v = 2 WHERE id = 120").is_ok());
    std::string id = *(*(*holder)->query("SELECT CONNECTION_ID()"))[0][0];
    // A peak of 9 of 10 connections (MariaDB's least), then gone; GROUP BY on a TEXT column
    // makes its temporary table on disk.
    {
        std::vector<std::unique_ptr<MysqlConnection>> crowd;
        for (int i = 0; i < 8; ++i) {
            auto c = MysqlConnection::open_read_only(url);
            ASSERT_TRUE(c.is_ok()) << c.status().message();
            crowd.push_back(std::move(*c));
        }
    }
    ASSERT_TRUE((*holder)->query("CREATE TEMPORARY TABLE notes (id INT PRIMARY KEY, t TEXT)").is_ok());
    ASSERT_TRUE((*holder)->query("INSERT INTO notes VALUES (1, 'a'), (2, 'b'), (3, 'a')").is_ok());
    for (int i = 0; i < 150; ++i) ASSERT_TRUE((*holder)->query("SELECT t, COUNT(*) FROM notes GROUP BY t").is_ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(2200));

    HealthOptions options;
    options.target = url;
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = test::TempDir().file("history.sqlite");
    options.overrides = {{"idle_in_transaction_seconds", "1"}};
    auto report = check_health(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    const HealthFinding* ai = test::find_finding(*report, "sequence-overflow", "main.counters");
    ASSERT_NE(ai, nullptr);
    EXPECT_NE(ai->what.find("AUTO_INCREMENT 121 is 94.5% of tinyint id (limit 127)"), std::string::npos) << ai->what;
    EXPECT_EQ(test::find_finding(*report, "sequence-overflow", "main.wide"), nullptr);
    const HealthFinding* idle = test::find_finding(*report, "idle-in-transaction", "connection " + id);
    ASSERT_NE(idle, nullptr);
    EXPECT_EQ(idle->sql, "KILL " + id + ";");
    const HealthFinding* tmp = test::find_finding(*report, "tmp-tables-on-disk", "tmp_table_size");
    ASSERT_NE(tmp, nullptr);
    EXPECT_EQ(report->exit_code(), 1);

    TuneOptions tune_options;
    tune_options.target = url;
    tune_options.ram_bytes = 8ULL << 30;
    auto tuned = tune(tune_options);
    ASSERT_TRUE(tuned.is_ok()) << tuned.status().message();
    EXPECT_GE(tuned->settings_checked, 4);
    std::map<std::string, TuneItem> items;
    for (const auto& i : tuned->items) items[i.name] = i;
    ASSERT_TRUE(items.count("max_connections"));
    EXPECT_EQ(items["max_connections"].live, "10");
    EXPECT_EQ(items["max_connections"].recommended, "11");  // a peak of 9, +20%
    EXPECT_NE(items["max_connections"].why.find("the peak since start was 9 of 10"), std::string::npos) << items["max_connections"].why;
    ASSERT_TRUE(items.count("tmp_table_size"));
    EXPECT_TRUE(items.count("max_heap_table_size"));
    EXPECT_NE(tuned->apply.find("SET GLOBAL max_connections = 11;"), std::string::npos) << tuned->apply;
    EXPECT_NE(tuned->machine.find("8.0 GB RAM"), std::string::npos) << tuned->machine;
    std::ostringstream view;
    Status watched = watch(url, 0.1, 1, false, view);
    ASSERT_TRUE(watched.is_ok()) << watched.message();
    EXPECT_NE(view.str().find("COMMAND"), std::string::npos) << view.str();
    ASSERT_TRUE((*holder)->query("ROLLBACK").is_ok());
    EXPECT_EQ(tables(), before);
}

}  // namespace
}  // namespace dbsage
