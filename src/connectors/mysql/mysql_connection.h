// A MySQL/MariaDB session through MariaDB Connector/C. The only file besides
// its .cpp that sees libmariadb.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

using MyRow = std::vector<std::optional<std::string>>;

// What a mysql:// or mariadb:// URL names. Empty fields are left to the
// client library's defaults and option files.
struct MysqlParams {
    std::string user;
    std::optional<std::string> password;  // from the URL only
    std::string host;
    unsigned port = 0;
    std::string database;
    std::string socket;
};

// Reads mysql://user:password@host:port/db?socket=/path (or mariadb://…);
// user, password and database are percent-decoded.
Result<MysqlParams> parse_mysql_url(const std::string& url);

class MysqlConnection {
public:
    ~MysqlConnection();
    MysqlConnection(const MysqlConnection&) = delete;
    MysqlConnection& operator=(const MysqlConnection&) = delete;

    // Connects as the mysql client would: the password comes from the URL,
    // else MYSQL_PWD, else the [client] group of the option files
    // (~/.my.cnf). The session is then read-only (SET SESSION TRANSACTION
    // READ ONLY) with a statement time limit (max_statement_time on MariaDB,
    // max_execution_time on MySQL) and lock_wait_timeout. Errors are one line
    // naming the masked URL, never the password.
    static Result<std::unique_ptr<MysqlConnection>> open_read_only(const std::string& url);
    // The same session without read-only mode, for scratch servers dbsage
    // started itself (dialect files, online DDL traces).
    static Result<std::unique_ptr<MysqlConnection>> open_for_changes(const std::string& url);

    // Runs one statement and returns its rows (none for statements without a
    // result set). Errors carry the server's message in one line.
    Result<std::vector<MyRow>> query(const std::string& sql);
    // The server's error number of the last failed query (0 after success):
    // 1064 is a syntax error.
    unsigned last_errno() const { return m_errno; }
    bool is_mariadb() const { return m_mariadb; }
    // e.g. 101106 for 10.11.6, 80035 for 8.0.35.
    int server_version() const { return m_version; }
    std::string server_name() const;  // "MariaDB 10.11.6" / "MySQL 8.0.35"

private:
    static Result<std::unique_ptr<MysqlConnection>> open(const std::string& url, bool read_only);
    explicit MysqlConnection(void* conn) : m_conn(conn) {}
    void* m_conn;
    unsigned m_errno = 0;
    bool m_mariadb = false;
    int m_version = 0;
};

}  // namespace dbsage
