#include "sandbox/scratch_mariadb.h"

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "connectors/mysql/mysql_connection.h"
#include "sandbox/data_templates.h"
#include "util/strings.h"

namespace dbsage {
namespace fs = std::filesystem;

// A redo log of 16 MB instead of 96: the data directory every server starts
// from (and copies, src/sandbox/data_templates.h) is 80 MB smaller by it.
// Given to the server too, which would otherwise resize it at each start.
constexpr const char* k_redo_log = " --innodb-log-file-size=16M";

std::string find_server_binary(const std::vector<std::string>& names) {
    std::vector<std::string> dirs = split(std::getenv("PATH") ? std::getenv("PATH") : "", ':');
    for (const char* extra : {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) dirs.emplace_back(extra);
    for (const auto& name : names)
        for (const auto& dir : dirs) {
            std::error_code ec;
            fs::path p = fs::path(dir) / name;
            if (!dir.empty() && fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0) return p.string();
        }
    return {};
}

Result<std::unique_ptr<ScratchMariadb>> ScratchMariadb::start(const std::vector<std::string>& settings) {
    std::string install = find_server_binary({"mariadb-install-db", "mysql_install_db"});
    std::string server = find_server_binary({"mariadbd", "mysqld"});
    if (install.empty() || server.empty())
        return Status::error("no MariaDB server installed (expected mariadb-install-db and mariadbd; install mariadb-server)");
    std::unique_ptr<ScratchMariadb> db(new ScratchMariadb());
    char tmpl[] = "/tmp/dbsage-maria-XXXXXX";
    if (!mkdtemp(tmpl)) return Status::error("cannot create a temporary directory for the scratch MariaDB");
    db->m_dir = tmpl;
    std::string user;
    if (geteuid() == 0) {
        // mariadbd refuses to run as root without --user.
        struct passwd* pw = getpwnam("mysql");
        if (!pw) return Status::error("running as root but there is no 'mysql' user to run the scratch server");
        if (chown(db->m_dir.c_str(), pw->pw_uid, pw->pw_gid) != 0)
            return Status::error("cannot hand " + db->m_dir + " to the mysql user");
        user = "mysql";
    } else {
        struct passwd* pw = getpwuid(geteuid());
        user = pw ? pw->pw_name : "";
    }
    chmod(db->m_dir.c_str(), 0755);
    std::string data = db->m_dir + "/data";
    // Each server starts by deleting every "#sql*" file in its tmpdir: servers
    // sharing /tmp delete each other's temporary tables.
    std::string tmp = db->m_dir + "/tmp";
    fs::create_directory(tmp);
    if (geteuid() == 0)
        if (struct passwd* pw = getpwnam("mysql"); !pw || chown(tmp.c_str(), pw->pw_uid, pw->pw_gid) != 0)
            return Status::error("cannot hand " + tmp + " to the mysql user");
    std::string cmd = "TMPDIR=" + shell_quote(tmp) + " " + shell_quote(install) + " --no-defaults --user=" + shell_quote(user) + " --datadir=" + shell_quote(data) +
                      " --auth-root-authentication-method=normal --skip-test-db" + k_redo_log + " > " + shell_quote(db->m_dir + "/install.log") +
                      " 2>&1";
    bool copied = copy_data_template("mariadb", data);
    if (!copied && std::system(cmd.c_str()) != 0) {
        // The directory goes with db: say what the log said.
        std::ifstream log(db->m_dir + "/install.log");
        std::string line, first_error;
        while (std::getline(log, line))
            if (first_error.empty() && (line.find("ERROR") != std::string::npos || line.find("rror:") != std::string::npos))
                first_error = line;
        return Status::error("mariadb-install-db failed: " + (first_error.empty() ? std::string("see its log") : first_error));
    }
    if (!copied) publish_data_template("mariadb", data);
    db->m_socket = db->m_dir + "/mysql.sock";
    // The files a script may read or write (LOAD DATA, INTO OUTFILE) stay in here.
    std::string files = db->m_dir + "/files";
    fs::create_directory(files);
    if (geteuid() == 0)
        if (struct passwd* pw = getpwnam("mysql"); !pw || chown(files.c_str(), pw->pw_uid, pw->pw_gid) != 0)
            return Status::error("cannot hand " + files + " to the mysql user");
    std::string pid_file = db->m_dir + "/mysqld.pid";
    cmd = shell_quote(server) + " --no-defaults --tmpdir=" + shell_quote(tmp) + " --user=" + shell_quote(user) + " --datadir=" + shell_quote(data) +
          " --socket=" + shell_quote(db->m_socket) + " --skip-networking --pid-file=" + shell_quote(pid_file) +
          " --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-binlog=0 --skip-log-bin" + k_redo_log +
          " --local-infile=0 --secure-file-priv=" + shell_quote(files) +
          " --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --log-error=" +
          shell_quote(db->m_dir + "/error.log");
    for (const auto& s : settings) cmd += " " + shell_quote(s);
    cmd += " > /dev/null 2>&1 &";
    if (std::system(cmd.c_str()) != 0) return Status::error("cannot start mariadbd");
    // A loaded machine (tests in parallel) can take a while.
    for (int i = 0; i < 1200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!db->m_pid) {
            std::ifstream in(pid_file);
            in >> db->m_pid;
        }
        if (db->m_pid && MysqlConnection::open_for_changes(db->url())) return db;
    }
    return Status::error("mariadbd did not start within 60 s; see " + db->m_dir + "/error.log");
}

namespace {

// The server was started by a shell that exited, so it is nobody's child
// here: once killed it stays a zombie until PID 1 reaps it, which in a
// container may be never. A zombie holds no files.
bool running(int pid) {
    if (kill(pid, 0) != 0) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto paren = text.rfind(')');
    return paren == std::string::npos || paren + 2 >= text.size() || text[paren + 2] != 'Z';
}

}  // namespace

ScratchMariadb::~ScratchMariadb() {
    // Nothing in the server is kept, so there is nothing to shut down cleanly.
    if (m_pid > 0 && kill(m_pid, SIGKILL) == 0)
        for (int i = 0; i < 200 && running(m_pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::error_code ec;
    if (!m_dir.empty()) fs::remove_all(m_dir, ec);
}

std::string ScratchMariadb::url(const std::string& database) const {
    return "mysql://root@localhost/" + database + "?socket=" + m_socket;
}

Status ScratchMariadb::run_sql(const std::string& sql) const { return run_client("-e " + shell_quote(sql)); }

Status ScratchMariadb::run_file(const std::string& path, const std::string& database) const {
    return run_client(shell_quote(database) + " < " + shell_quote(path));
}

Status ScratchMariadb::run_client(const std::string& arguments) const {
    std::string client = find_server_binary({"mariadb", "mysql"});
    if (client.empty()) return Status::error("no mariadb client installed (install mariadb-client)");
    std::string out = m_dir + "/client.out";
    std::string cmd = shell_quote(client) + " --no-defaults -uroot --socket=" + shell_quote(m_socket) + " " + arguments +
                      " > " + shell_quote(out) + " 2>&1";
    if (std::system(cmd.c_str()) == 0) return Status::ok();
    std::ifstream in(out);
    std::string line;
    std::getline(in, line);
    return Status::error("mariadb: " + line);
}

}  // namespace dbsage
