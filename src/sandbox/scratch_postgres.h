// A private, throwaway PostgreSQL cluster: initdb into a temp dir, a unix
// socket in that dir, fsync off. Used by live tests, the demo and what-if work.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

class ScratchPostgres {
public:
    // Starts a cluster with the newest installed Debian PostgreSQL server.
    // When running as root, initdb and postgres run as the "postgres" user.
    // settings: extra "-c name=value" server settings, e.g. "log_min_duration_statement=0".
    static Result<std::unique_ptr<ScratchPostgres>> start(const std::vector<std::string>& settings = {});
    // A hot standby of this cluster: pg_basebackup -R into a temp dir of its
    // own, started the same way; it streams from this one.
    Result<std::unique_ptr<ScratchPostgres>> start_standby(const std::vector<std::string>& settings = {}) const;
    // Stops the server (immediate shutdown) and removes the directory.
    ~ScratchPostgres();
    ScratchPostgres(const ScratchPostgres&) = delete;
    ScratchPostgres& operator=(const ScratchPostgres&) = delete;

    // libpq key=value conninfo for a database of the cluster.
    std::string conninfo(const std::string& database = "postgres") const;
    // Runs a SQL or psql script file with psql (ON_ERROR_STOP) against database.
    Status run_psql_file(const std::string& path, const std::string& database = "postgres") const;
    // Runs SQL text with psql -c.
    Status run_sql(const std::string& sql, const std::string& database = "postgres") const;
    // Creates a login role with a password and makes unix-socket logins of
    // that role check it (scram-sha-256), for authentication tests.
    Status add_password_role(const std::string& role, const std::string& password) const;
    const std::string& bin_dir() const { return m_bin; }
    const std::string& dir() const { return m_dir; }
    // The server's stderr log (log_destination = stderr, no collector).
    std::string log_path() const { return m_dir + "/server.log"; }
    int port() const { return m_port; }

private:
    ScratchPostgres() = default;
    Status make_dir();  // the temp dir, handed to the postgres user when root
    Status launch(const std::vector<std::string>& settings);
    std::string first_error_line() const;  // of the last psql run
    std::string as_server_user(const std::string& command) const;

    std::string m_bin;
    std::string m_dir;
    int m_port = 0;
    bool m_as_postgres_user = false;
    bool m_running = false;
};

}  // namespace dbsage
