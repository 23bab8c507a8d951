#include "test_paths.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dbsage::test {

TempDir::TempDir() {
    char tmpl[] = "/tmp/dbsage-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    std::string p = file(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

CommandResult run_dbsage(const std::string& args, const std::string& stdin_path) {
    TempDir dir;
    std::string cmd = binary() + " " + args + " > " + dir.file("out") + " 2> " + dir.file("err") + " < " + stdin_path;
    int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream out(dir.file("out")), err(dir.file("err"));
    std::stringstream o, e;
    o << out.rdbuf();
    e << err.rdbuf();
    r.out = o.str();
    r.err = e.str();
    return r;
}

void make_sqlite_db(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create " + path);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + message);
}

void split_migration_fixture(const std::string& path, std::string& baseline, std::string& migration) {
    std::ifstream in(path);
    std::string line;
    bool after = false;
    while (std::getline(in, line)) {
        if (line == "-- migration") {
            after = true;
            continue;
        }
        (after ? migration : baseline) += line + "\n";
    }
}

}  // namespace dbsage::test
