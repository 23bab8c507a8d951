// The lint entry point: sources in, findings out. The CLI is a thin layer over this.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dbsage/finding.h"
#include "dbsage/status.h"

namespace dbsage {

struct LintOptions {
    // SQL files, directories, sqlite:PATH, SQLite files, postgres:// URLs,
    // libpq key=value strings or mysql:// / mariadb:// URLs. Kinds may not be mixed with each other except
    // that several SQL files and directories form one schema.
    std::vector<std::string> targets;
    // Path of a .dbsage.toml; empty means search upward from the working dir.
    std::string config_path;
    // Target PostgreSQL major version; 0 means the config's or the default.
    int pg_version = 0;
    // The schema the SQL files are applied to: a SQL script, or a live
    // PostgreSQL (postgres:// or key=value; its version becomes the target
    // version unless one is given). Empty: the files start from nothing.
    std::string baseline;
    // The dialect SQL files are written in: "postgres", "mysql" (MariaDB too)
    // or "sqlite". Empty: the config's, else detected from the files.
    std::string dialect;
    // The migration runner wraps each file in a transaction (Rails, Flyway, Django).
    bool assume_in_transaction = false;
    // Called after each SQL file is read, with the files and bytes read so far.
    std::function<void(int files, size_t bytes)> progress;
};

struct LintReport {
    std::vector<Finding> findings;  // sorted by file, line, column, rule
    int files = 0;
    int statements = 0;
    int tables = 0;                 // tables in the final schema
    std::string database;           // the database read (password masked), empty for files
    std::map<std::string, std::string> sources;  // file -> text, for snippets
    // Inputs that could not be read (binary or unreadable files). The rest was
    // still analyzed; the CLI prints each on stderr and exits 2.
    std::vector<std::string> input_errors;
    // What was read only in part, and why (a table locked by another
    // session); the CLI prints each on stderr. Not errors.
    std::vector<std::string> notes;
};

// Runs every enabled rule over the targets. Returns an error Status only for
// usage or input problems that stop the whole run (a missing file, a database
// that cannot be reached); problems inside one statement or file become
// findings and never stop the rest.
Result<LintReport> lint(const LintOptions& options);

}  // namespace dbsage
