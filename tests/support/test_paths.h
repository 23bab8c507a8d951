// Paths the tests need, fixed at build time.
#pragma once

#include <string>

namespace dbsage::test {

inline std::string source_dir() { return DBSAGE_SOURCE_DIR; }
inline std::string binary() { return DBSAGE_BINARY; }

// A temporary directory removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    // Writes text to a file in the directory and returns its path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::string m_path;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the dbsage binary with the given shell-quoted argument string; its
// standard input is stdin_path (default: /dev/null).
CommandResult run_dbsage(const std::string& args, const std::string& stdin_path = "/dev/null");

// Splits a migration rule fixture at its "-- migration" line into the
// baseline before it and the migration after it.
void split_migration_fixture(const std::string& path, std::string& baseline, std::string& migration);

// Creates an SQLite database file from a SQL script (via the SQLite library).
void make_sqlite_db(const std::string& path, const std::string& sql);

}  // namespace dbsage::test
