// MySQL/MariaDB as a first-class engine, against a scratch MariaDB the test
// starts: the live reader agrees with the dialect-file reader, dumps and
// SQLite .schema output read cleanly, the session is read-only, and bad
// credentials give one line without the password.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "../support/test_paths.h"
#include "connectors/mysql/mysql_connection.h"
#include "dbsage/lint.h"
#include "sandbox/scratch_mariadb.h"

namespace dbsage {
namespace {

std::string shop_mysql() { return test::source_dir() + "/examples/shop-mysql/schema.sql"; }

std::unique_ptr<ScratchMariadb> shop_server() {
    auto started = ScratchMariadb::start({"--performance-schema=ON"});
    if (!started) {
        ADD_FAILURE() << started.status().message();
        return nullptr;
    }
    EXPECT_TRUE((*started)->run_sql("CREATE DATABASE main").is_ok());
    Status loaded = (*started)->run_file(shop_mysql(), "main");
    EXPECT_TRUE(loaded.is_ok()) << loaded.message();
    return std::move(*started);
}

// Rules judged on rows (sample values) have nothing to judge in a file, whose
// data statements are counted, not loaded.
std::set<std::string> rule_objects(const LintReport& report) {
    std::set<std::string> out;
    for (const auto& f : report.findings)
        if (f.rule != "multi-valued-column") out.insert(f.rule + " " + f.location.object);
    return out;
}

Result<LintReport> lint_mysql_target(const std::string& target, const std::string& dialect = "") {
    LintOptions options;
    options.targets = {target};
    options.dialect = dialect;
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    return lint(options);
}

TEST(MysqlLive, FileAndLiveDatabaseGiveTheSameFindings) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    auto file = lint_mysql_target(shop_mysql());
    ASSERT_TRUE(file.is_ok()) << file.status().message();
    EXPECT_TRUE(file->input_errors.empty());
    ASSERT_FALSE(file->notes.empty());
    EXPECT_NE(file->notes.front().find("read as MySQL"), std::string::npos) << file->notes.front();
    auto live = lint_mysql_target(server->url("main"));
    ASSERT_TRUE(live.is_ok()) << live.status().message();
    EXPECT_EQ(file->tables, 6);
    EXPECT_EQ(live->tables, 6);
    EXPECT_EQ(rule_objects(*file), rule_objects(*live));
    std::set<std::string> rules;
    for (const auto& f : file->findings) {
        rules.insert(f.rule);
        EXPECT_EQ(f.location.file, shop_mysql()) << f.rule << " " << f.location.object;
        EXPECT_GT(f.location.line, 0) << f.rule << " " << f.location.object;
    }
    for (const char* expected : {"mysql-utf8mb3", "mysql-non-transactional-engine", "innodb-without-primary-key",
                                 "mysql-redundant-pk-suffix", "mysql-timestamp-2038", "float-for-money", "redundant-index"})
        EXPECT_TRUE(rules.count(expected)) << expected;
    // Dialect-correct: MySQL's case-insensitive collation and varchar(n) are normal there.
    for (const char* quiet : {"case-sensitive-unique", "prefer-text-field", "table-without-primary-key", "syntax-error"})
        EXPECT_FALSE(rules.count(quiet)) << quiet;
    for (const auto& f : file->findings)
        if (f.rule == "redundant-index") EXPECT_NE(f.fix.value_or("").find("ALTER TABLE orders DROP INDEX"), std::string::npos) << *f.fix;
}

TEST(MysqlLive, QueriesInMysqlFilesMeetTheQueryRules) {
    LintOptions options;
    options.targets = {shop_mysql(), test::source_dir() + "/examples/shop-mysql/queries.sql"};
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    auto report = lint(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    std::set<std::string> at;
    for (const auto& f : report->findings)
        if (f.location.file.find("queries.sql") != std::string::npos) at.insert(f.rule + ":" + std::to_string(f.location.line));
    for (const char* expected : {"select-star:2", "non-sargable-predicate:3", "leading-wildcard-like:4",
                                 "update-delete-without-where:5", "order-by-random:6"})
        EXPECT_TRUE(at.count(expected)) << expected;
    EXPECT_EQ(report->statements, 8 + 5);  // the schema's statements run, the queries parsed
    for (const auto& f : report->findings)
        if (f.rule == "non-sargable-predicate")  // in MySQL's own SQL
            EXPECT_EQ(f.fix.value_or(""), "placed_at >= '2024-03-01' AND placed_at < '2024-03-01' + INTERVAL 1 DAY");
}

TEST(MysqlLive, IgnoreCommentsSilenceFindingsInDialectFiles) {
    test::TempDir dir;
    std::string file = dir.write("schema.sql",
                                 "-- dbsage:ignore innodb-without-primary-key\n"
                                 "CREATE TABLE `events` (`at` datetime NOT NULL) ENGINE=InnoDB;\n"
                                 "CREATE TABLE `logs` (`at` datetime NOT NULL) ENGINE=InnoDB;\n");
    auto report = lint_mysql_target(file);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    std::set<std::string> objects;
    for (const auto& f : report->findings)
        if (f.rule == "innodb-without-primary-key") objects.insert(f.location.object);
    EXPECT_EQ(objects, (std::set<std::string>{"main.logs"}));
}

TEST(MysqlLive, AMariadbDumpWithDataReadsWithoutErrors) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    ASSERT_TRUE(server->run_sql("INSERT INTO main.customers (email, full_name) VALUES ('a@x', 'A'), ('b@x', 'B');"
                                "INSERT INTO main.orders (customer_id, total) VALUES (1, 10.5), (2, 3.25);")
                    .is_ok());
    test::TempDir dir;
    std::string dump = dir.file("dump.sql");
    std::string cmd = find_server_binary({"mariadb-dump", "mysqldump"}) + " --no-defaults -uroot --socket=" + server->socket() +
                      " --databases main --triggers --routines > " + dump;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto report = lint_mysql_target(dump);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_TRUE(report->input_errors.empty());
    for (const auto& f : report->findings) {
        EXPECT_NE(f.rule, "syntax-error") << f.location.line << ": " << f.message;
        EXPECT_NE(f.rule, "statement-fails") << f.location.line << ": " << f.message;
    }
    EXPECT_EQ(report->tables, 6);
    bool counted = false;
    for (const auto& n : report->notes) counted = counted || n.find("data statement") != std::string::npos;
    EXPECT_TRUE(counted);
}

TEST(MysqlLive, TheSessionIsReadOnly) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    auto conn = MysqlConnection::open_read_only(server->url("main"));
    ASSERT_TRUE(conn.is_ok()) << conn.status().message();
    EXPECT_FALSE((*conn)->query("INSERT INTO customers (email, full_name) VALUES ('x@y', 'X')").is_ok());
    EXPECT_FALSE((*conn)->query("CREATE TABLE sneaky (id int)").is_ok());
    EXPECT_FALSE((*conn)->query("UPDATE customers SET full_name = 'Y'").is_ok());
    auto count = (*conn)->query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'main'");
    ASSERT_TRUE(count.is_ok());
    EXPECT_EQ(count->front()[0].value_or(""), "7");  // six tables and a view, nothing added
}

TEST(MysqlLive, PasswordsComeFromTheUrlMysqlPwdOrMyCnfAndAreNeverPrinted) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    ASSERT_TRUE(server->run_sql("CREATE USER 'app'@'localhost' IDENTIFIED BY 'Sekr3t-pw'; GRANT SELECT ON main.* TO 'app'@'localhost'").is_ok());
    std::string base = "mysql://app:%s@localhost/main?socket=" + server->socket();
    auto with = [&](const std::string& pw) {
        std::string url = base;
        url.replace(url.find("%s"), 2, pw);
        return url;
    };
    auto wrong = test::run_dbsage("lint '" + with("Wr0ng-pw") + "'");
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_EQ(wrong.err.find("Wr0ng-pw"), std::string::npos) << wrong.err;
    EXPECT_NE(wrong.err.find("Access denied"), std::string::npos) << wrong.err;
    EXPECT_EQ(std::count(wrong.err.begin(), wrong.err.end(), '\n'), 1) << wrong.err;
    auto right = test::run_dbsage("lint '" + with("Sekr3t-pw") + "'");
    EXPECT_EQ(right.exit_code, 1) << right.err;  // findings
    EXPECT_EQ(right.out.find("Sekr3t-pw"), std::string::npos);
    std::string no_password = "mysql://app@localhost/main?socket=" + server->socket();
    setenv("MYSQL_PWD", "Sekr3t-pw", 1);
    auto env = test::run_dbsage("lint '" + no_password + "'");
    unsetenv("MYSQL_PWD");
    EXPECT_EQ(env.exit_code, 1) << env.err;
    test::TempDir home;
    home.write(".my.cnf", "[client]\npassword=Sekr3t-pw\n");
    auto run_with_home = test::run_dbsage("lint '" + no_password + "'");
    EXPECT_EQ(run_with_home.exit_code, 2);  // HOME not set yet: no password
    std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
    setenv("HOME", home.path().c_str(), 1);
    auto cnf = test::run_dbsage("lint '" + no_password + "'");
    setenv("HOME", old_home.c_str(), 1);
    EXPECT_EQ(cnf.exit_code, 1) << cnf.err;
    auto unreachable = test::run_dbsage("lint 'mysql://app:Sekr3t-pw@localhost/main?socket=/nonexistent/mysql.sock'");
    EXPECT_EQ(unreachable.exit_code, 2);
    EXPECT_EQ(unreachable.err.find("Sekr3t-pw"), std::string::npos) << unreachable.err;
    EXPECT_EQ(std::count(unreachable.err.begin(), unreachable.err.end(), '\n'), 1) << unreachable.err;
}

TEST(MysqlLive, ANonStrictServerIsReported) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    ASSERT_TRUE(server->run_sql("SET GLOBAL sql_mode = 'NO_ENGINE_SUBSTITUTION'").is_ok());
    auto live = lint_mysql_target(server->url("main"));
    ASSERT_TRUE(live.is_ok()) << live.status().message();
    bool found = false;
    for (const auto& f : live->findings) found = found || (f.rule == "mysql-implicit-defaults" && f.location.object == "sql_mode");
    EXPECT_TRUE(found);
    auto file = lint_mysql_target(shop_mysql());
    ASSERT_TRUE(file.is_ok());
    for (const auto& f : file->findings) EXPECT_NE(f.location.object, "sql_mode");
}

TEST(MysqlLive, WorkloadFromPerformanceSchemaAndIndexHygiene) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    std::string queries = "USE main;";
    for (int i = 0; i < 12; ++i) queries += "SELECT id, total FROM orders WHERE status = 'pending' AND placed_at > NOW() - INTERVAL " + std::to_string(i) + " DAY;";
    ASSERT_TRUE(server->run_sql(queries).is_ok());
    auto workload = test::run_dbsage("workload --db '" + server->url("main") + "'");
    ASSERT_EQ(workload.exit_code, 0) << workload.err;
    EXPECT_NE(workload.out.find("orders"), std::string::npos) << workload.out;
    EXPECT_NE(workload.out.find("12"), std::string::npos) << workload.out;  // the calls
    auto advice = test::run_dbsage("advise indexes '" + server->url("main") + "' --format json");
    ASSERT_EQ(advice.exit_code, 0) << advice.err;
    EXPECT_NE(advice.out.find("ALTER TABLE orders DROP INDEX orders_status_idx"), std::string::npos) << advice.out;
    EXPECT_NE(advice.out.find("\"unused\""), std::string::npos) << advice.out;  // page_views_path_idx was never read
    EXPECT_NE(advice.out.find("main.page_views.page_views_path_idx"), std::string::npos) << advice.out;
}

// The schema before a migration comes from the user's server through the
// read-only session; the migration runs on a scratch MariaDB, never there.
TEST(MysqlLive, MigrationsJudgedAgainstALiveServerLeaveItUnchanged) {
    auto server = shop_server();
    ASSERT_TRUE(server);
    auto catalog = [&] {
        auto conn = MysqlConnection::open_for_changes(server->url("main"));
        auto rows = (*conn)->query("SELECT GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE) ORDER BY TABLE_NAME, "
                                   "ORDINAL_POSITION SEPARATOR ',') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'main'");
        auto indexes = (*conn)->query("SELECT GROUP_CONCAT(CONCAT(TABLE_NAME, '.', INDEX_NAME) ORDER BY 1 SEPARATOR ',') FROM "
                                      "information_schema.STATISTICS WHERE TABLE_SCHEMA = 'main'");
        return rows->front()[0].value_or("") + "|" + indexes->front()[0].value_or("");
    };
    std::string before = catalog();
    std::string migrations = test::source_dir() + "/examples/shop-mysql/migrations";
    auto lint = test::run_dbsage("lint --format json --db '" + server->url("main") + "' " + migrations);
    EXPECT_EQ(lint.exit_code, 1) << lint.err;
    EXPECT_NE(lint.out.find("mysql-online-ddl"), std::string::npos) << lint.out;
    EXPECT_NE(lint.out.find("pt-online-schema-change"), std::string::npos);
    EXPECT_EQ(lint.out.find("statement-fails"), std::string::npos) << lint.out;
    auto trace = test::run_dbsage("migrate trace --db '" + server->url("main") + "' " + migrations);
    EXPECT_EQ(trace.exit_code, 0) << trace.out << trace.err;
    EXPECT_NE(trace.out.find("agree on every statement"), std::string::npos) << trace.out;
    EXPECT_NE(trace.out.find("COPY, LOCK=SHARED"), std::string::npos) << trace.out;
    EXPECT_EQ(catalog(), before);
}

TEST(SqliteDialect, SchemaFileAndDotSchemaOutputReadLikeTheDatabase) {
    test::TempDir dir;
    std::string schema = test::source_dir() + "/examples/shop-sqlite/schema.sql";
    std::string db = dir.file("shop.db");
    std::string dot = dir.file("dot-schema.sql");
    ASSERT_EQ(std::system(("sqlite3 " + db + " < " + schema).c_str()), 0);
    ASSERT_EQ(std::system(("sqlite3 " + db + " .schema > " + dot).c_str()), 0);
    auto live = lint_mysql_target(db);
    ASSERT_TRUE(live.is_ok()) << live.status().message();
    for (const std::string& file : {schema, dot}) {
        auto read = lint_mysql_target(file, "sqlite");
        ASSERT_TRUE(read.is_ok()) << read.status().message();
        EXPECT_TRUE(read->input_errors.empty());
        EXPECT_EQ(read->tables, live->tables) << file;
        for (const auto& f : read->findings) EXPECT_NE(f.rule, "syntax-error") << file << ":" << f.location.line << " " << f.message;
        EXPECT_EQ(rule_objects(*read), rule_objects(*live)) << file;
    }
}

}  // namespace
}  // namespace dbsage
