#include "sandbox/scratch_postgres.h"

#include <fstream>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "sandbox/data_templates.h"
#include "util/strings.h"

namespace dbsage {
namespace fs = std::filesystem;

namespace {

std::string newest_bin_dir() {
    std::string best;
    int best_version = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        int version = std::atoi(entry.path().filename().c_str());
        if (version > best_version && fs::exists(entry.path() / "bin" / "initdb")) {
            best_version = version;
            best = (entry.path() / "bin").string();
        }
    }
    return best;
}

}  // namespace

std::string ScratchPostgres::as_server_user(const std::string& command) const {
    return m_as_postgres_user ? "runuser -u postgres -- " + command : command;
}

Status ScratchPostgres::make_dir() {
    m_bin = newest_bin_dir();
    if (m_bin.empty())
        return Status::error("no PostgreSQL server installed (expected /usr/lib/postgresql/N/bin/initdb; "
                             "install postgresql-15)");
    char tmpl[] = "/tmp/dbsage-pg-XXXXXX";
    if (!mkdtemp(tmpl)) return Status::error("cannot create a temporary directory for the scratch cluster");
    m_dir = tmpl;
    if (geteuid() == 0) {
        // initdb and postgres refuse to run as root.
        struct passwd* pw = getpwnam("postgres");
        if (!pw) return Status::error("running as root but there is no 'postgres' user to run the scratch server");
        if (chown(m_dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) return Status::error("cannot hand " + m_dir + " to the postgres user");
        m_as_postgres_user = true;
    }
    chmod(m_dir.c_str(), 0700);
    return Status::ok();
}

Status ScratchPostgres::launch(const std::vector<std::string>& settings) {
    std::string data = m_dir + "/data";
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 0; attempt < 20; ++attempt) {
        m_port = 20000 + static_cast<int>(rng() % 40000);
        std::string options = "-k " + m_dir + " -p " + std::to_string(m_port) +
                              " -c listen_addresses= -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                              " -c lc_messages=C";
        for (const auto& setting : settings) options += " -c " + setting;
        std::string start = as_server_user(m_bin + "/pg_ctl -D " + shell_quote(data) + " -o " + shell_quote(options) + " -l " +
                                           shell_quote(m_dir + "/server.log") + " -w -t 60 start > /dev/null 2>&1");
        if (std::system(start.c_str()) == 0) {
            m_running = true;
            return Status::ok();
        }
    }
    return Status::error("the scratch PostgreSQL server did not start; see " + m_dir + "/server.log");
}

Result<std::unique_ptr<ScratchPostgres>> ScratchPostgres::start(const std::vector<std::string>& settings) {
    std::unique_ptr<ScratchPostgres> pg(new ScratchPostgres());
    if (auto s = pg->make_dir(); !s.is_ok()) return s;
    std::string data = pg->m_dir + "/data";
    // "postgresql-15" from /usr/lib/postgresql/15/bin
    std::string template_name = "postgresql-" + fs::path(pg->m_bin).parent_path().filename().string();
    if (!copy_data_template(template_name, data)) {
        std::string initdb = pg->as_server_user(pg->m_bin + "/initdb -D " + shell_quote(data) +
                                                " -A trust -U postgres --no-sync -E UTF8 --locale=C > " +
                                                shell_quote(pg->m_dir + "/initdb.log") + " 2>&1");
        if (std::system(initdb.c_str()) != 0) return Status::error("initdb failed; see " + pg->m_dir + "/initdb.log");
        publish_data_template(template_name, data);
    }
    if (auto s = pg->launch(settings); !s.is_ok()) return s;
    return pg;
}

Result<std::unique_ptr<ScratchPostgres>> ScratchPostgres::start_standby(const std::vector<std::string>& settings) const {
    std::unique_ptr<ScratchPostgres> standby(new ScratchPostgres());
    if (auto s = standby->make_dir(); !s.is_ok()) return s;
    std::string backup = standby->as_server_user(m_bin + "/pg_basebackup -D " + shell_quote(standby->m_dir + "/data") +
                                                 " -R -X stream -c fast --no-sync -d " + shell_quote(conninfo()) + " > " +
                                                 shell_quote(standby->m_dir + "/basebackup.log") + " 2>&1");
    if (std::system(backup.c_str()) != 0) return Status::error("pg_basebackup failed; see " + standby->m_dir + "/basebackup.log");
    if (auto s = standby->launch(settings); !s.is_ok()) return s;
    return standby;
}

ScratchPostgres::~ScratchPostgres() {
    if (m_running) {
        std::string stop = as_server_user(m_bin + "/pg_ctl -D " + shell_quote(m_dir + "/data") +
                                          " -m immediate -w stop > /dev/null 2>&1");
        [[maybe_unused]] int rc = std::system(stop.c_str());
    }
    if (!m_dir.empty()) {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
}

std::string ScratchPostgres::conninfo(const std::string& database) const {
    return "host=" + m_dir + " port=" + std::to_string(m_port) + " user=postgres dbname=" + database;
}

Status ScratchPostgres::run_psql_file(const std::string& path, const std::string& database) const {
    std::string cmd = m_bin + "/psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(conninfo(database)) + " -f " +
                      shell_quote(path) + " > " + shell_quote(m_dir + "/psql.log") + " 2>&1";
    if (std::system(cmd.c_str()) != 0) return Status::error("psql failed on " + path + ": " + first_error_line());
    return Status::ok();
}

// The scratch directory goes with the server: the error is read back, not pointed at.
std::string ScratchPostgres::first_error_line() const {
    std::ifstream log(m_dir + "/psql.log");
    std::string line, first;
    while (std::getline(log, line)) {
        if (first.empty()) first = line;
        if (line.find("ERROR") != std::string::npos || line.find("FATAL") != std::string::npos) return line;
    }
    return first.empty() ? "no message" : first;
}

Status ScratchPostgres::add_password_role(const std::string& role, const std::string& password) const {
    Status created = run_sql("SET password_encryption = 'scram-sha-256'; CREATE ROLE " + role +
                             " LOGIN PASSWORD '" + password + "'");
    if (!created.is_ok()) return created;
    std::string hba = m_dir + "/data/pg_hba.conf";
    std::string cmd = as_server_user("sed -i '1i local all " + role + " scram-sha-256' " + shell_quote(hba)) +
                      " && " + as_server_user(m_bin + "/pg_ctl -D " + shell_quote(m_dir + "/data") + " reload > /dev/null");
    if (std::system(cmd.c_str()) != 0) return Status::error("cannot require a password for " + role);
    return Status::ok();
}

Status ScratchPostgres::run_sql(const std::string& sql, const std::string& database) const {
    std::string cmd = m_bin + "/psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(conninfo(database)) + " -c " +
                      shell_quote(sql) + " > " + shell_quote(m_dir + "/psql.log") + " 2>&1";
    if (std::system(cmd.c_str()) != 0) return Status::error("psql failed: " + first_error_line());
    return Status::ok();
}

}  // namespace dbsage
