// A read-only libpq session. The only file besides its .cpp that sees libpq.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

using PgRow = std::vector<std::optional<std::string>>;

class PgConnection {
public:
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Connects with a URL or key=value conninfo (PG* variables and .pgpass
    // apply, as libpq does), then makes the session read-only with a
    // statement_timeout and lock_timeout and application_name 'dbsage'.
    // Errors name the masked target and never include a password.
    static Result<std::unique_ptr<PgConnection>> open_read_only(const std::string& conninfo);
    // The same session without read-only mode, for commands whose purpose is
    // to write (migrate trace). The timeouts still apply.
    static Result<std::unique_ptr<PgConnection>> open_for_changes(const std::string& conninfo);

    // The PG* variables ("PGHOST=/tmp", "PGPASSWORD=…") that make libpq,
    // and so psql and pg_dump, connect as conninfo does: a child process gets
    // the password this way, never on its command line.
    static Result<std::vector<std::string>> environment_for(const std::string& conninfo);

    // Runs one statement; errors carry the server's message in one line.
    Result<std::vector<PgRow>> query(const std::string& sql);
    // Runs exactly one statement of a user's script through the extended
    // protocol, which refuses a string holding several statements (so no
    // hidden COMMIT can ride along). COPY … FROM STDIN is ended without data
    // and reported as an error. last_sqlstate() tells why it failed.
    Result<std::vector<PgRow>> run_single(const std::string& sql);
    // The SQLSTATE of the last failed query or run_single ("" after success).
    const std::string& last_sqlstate() const { return m_sqlstate; }
    int server_version() const;  // e.g. 150004

private:
    static Result<std::unique_ptr<PgConnection>> open(const std::string& conninfo, bool read_only);
    explicit PgConnection(void* conn) : m_conn(conn) {}
    Result<std::vector<PgRow>> take_result(void* result);
    void* m_conn;
    std::string m_sqlstate;
};

}  // namespace dbsage
