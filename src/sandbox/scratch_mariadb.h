// A private, throwaway MariaDB server: mariadb-install-db into a temp dir,
// --skip-networking, a unix socket in that dir, no durability. Used to read
// MySQL-dialect files, to trace online DDL, by live tests and the demo.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

class ScratchMariadb {
public:
    // Starts a server from the installed mariadb-server package. When running
    // as root the server runs as the "mysql" user. settings: extra server
    // options, e.g. "--slow-query-log=1".
    static Result<std::unique_ptr<ScratchMariadb>> start(const std::vector<std::string>& settings = {});
    // Stops the server and removes the directory.
    ~ScratchMariadb();
    ScratchMariadb(const ScratchMariadb&) = delete;
    ScratchMariadb& operator=(const ScratchMariadb&) = delete;

    // mysql://root@localhost/DATABASE?socket=… for the root account.
    std::string url(const std::string& database = "") const;
    // Runs SQL text (several statements allowed) with the mariadb client.
    Status run_sql(const std::string& sql) const;
    // Runs a script file (DELIMITER and all) with the mariadb client in database.
    Status run_file(const std::string& path, const std::string& database) const;
    const std::string& dir() const { return m_dir; }
    const std::string& socket() const { return m_socket; }

private:
    ScratchMariadb() = default;
    Status run_client(const std::string& arguments) const;
    std::string m_dir;
    std::string m_socket;
    int m_pid = 0;
};

// The first of names found in PATH or the sbin directories, or "".
std::string find_server_binary(const std::vector<std::string>& names);

}  // namespace dbsage
