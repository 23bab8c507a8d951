// A private MariaDB server (mariadb-install-db into a temp dir, socket only)
// writes a real slow query log (with EXPLAIN in it, and its banner again
// after FLUSH SLOW LOGS); the digest must count every statement.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../support/test_paths.h"
#include "digest/digest.h"
#include "digest/normalizer.h"

namespace dbsage {
namespace {

std::string find_binary(std::initializer_list<const char*> names) {
    for (const char* name : names)
        for (const char* dir : {"/usr/sbin/", "/usr/bin/"})
            if (std::filesystem::exists(std::string(dir) + name)) return std::string(dir) + name;
    return {};
}

class ScratchMariadb {
public:
    bool start(std::string& error) {
        char tmpl[] = "/tmp/dbsage-maria-XXXXXX";
        if (!mkdtemp(tmpl)) return false;
        m_dir = tmpl;
        std::string install = find_binary({"mariadb-install-db", "mysql_install_db"});
        std::string server = find_binary({"mariadbd", "mysqld"});
        if (install.empty() || server.empty()) {
            error = "mariadb-server is not installed (scripts/setup.sh installs it)";
            return false;
        }
        std::string user = geteuid() == 0 ? "mysql" : getpwuid(geteuid())->pw_name;
        if (geteuid() == 0) std::system(("chown mysql " + m_dir).c_str());
        std::string cmd = install + " --no-defaults --user=" + user + " --datadir=" + m_dir + "/data --auth-root-authentication-method=normal > " +
                          m_dir + "/install.log 2>&1";
        if (std::system(cmd.c_str()) != 0) {
            error = "mariadb-install-db failed; see " + m_dir + "/install.log";
            return false;
        }
        m_socket = m_dir + "/mysql.sock";
        cmd = server + " --no-defaults --user=" + user + " --datadir=" + m_dir + "/data --socket=" + m_socket +
              " --skip-networking --pid-file=" + m_dir + "/mysqld.pid --slow-query-log=1 --long-query-time=0 " +
              "--log-slow-verbosity=query_plan,explain --slow-query-log-file=" + slow_log() + " --log-error=" + m_dir + "/error.log > /dev/null 2>&1 &";
        std::system(cmd.c_str());
        for (int i = 0; i < 100; ++i) {
            if (query("SELECT 1")) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        error = "mariadbd did not start; see " + m_dir + "/error.log";
        return false;
    }
    ~ScratchMariadb() {
        if (!m_socket.empty())
            std::system((find_binary({"mariadb-admin", "mysqladmin"}) + " --no-defaults -uroot --socket=" + m_socket +
                         " shutdown > /dev/null 2>&1").c_str());
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    bool query(const std::string& sql) {
        std::string client = find_binary({"mariadb", "mysql"});
        std::string cmd = client + " --no-defaults -uroot --socket=" + m_socket + " -e \"" + sql + "\" > /dev/null 2>&1";
        return std::system(cmd.c_str()) == 0;
    }
    std::string slow_log() const { return m_dir + "/slow.log"; }

private:
    std::string m_dir, m_socket;
};

TEST(MariadbLive, SlowLogOfARealServerDigests) {
    ScratchMariadb db;
    std::string error;
    ASSERT_TRUE(db.start(error)) << error;
    ASSERT_TRUE(db.query("CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, customer_id INT)"));
    std::string inserts = "USE shop;";
    for (int i = 1; i <= 30; ++i) inserts += "INSERT INTO orders VALUES (" + std::to_string(i) + ", " + std::to_string(i % 7) + ");";
    inserts += "FLUSH SLOW LOGS;";  // the server writes its banner again
    for (int i = 0; i < 25; ++i) inserts += "SELECT * FROM orders WHERE customer_id = " + std::to_string(i % 7) + ";";
    // The server logs a statement after sending its result, so the client
    // may be gone before the last entry is written; the session's thread has
    // written every entry before it runs this last statement.
    inserts += "DO 0;";
    ASSERT_TRUE(db.query(inserts));
    auto report = digest_logs({db.slow_log()}, DigestOptions{});
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
