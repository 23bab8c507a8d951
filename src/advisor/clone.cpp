#include "advisor/clone.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "connectors/postgres/pg_connection.h"
#include "util/strings.h"

namespace dbsage {
namespace {

// Runs a shell command with extra environment entries (the source's PG*
// variables) in a child, so that no password is on a command line.
int run_with_environment(const std::string& command, const std::vector<std::string>& environment) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        for (const auto& entry : environment) putenv(const_cast<char*>(entry.c_str()));
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Result<std::unique_ptr<ScratchPostgres>> clone_tables(const std::string& target, const std::set<std::string>& tables,
                                                       std::uint64_t clone_max_bytes, std::string& described) {
    if (tables.empty()) return Status::error("the workload reads no table to copy");
    auto source = PgConnection::open_read_only(target);
    if (!source) return source.status();
    std::string list;
    for (const auto& t : tables) list += (list.empty() ? "" : ", ") + quote_literal(t);
    // The tables their foreign keys point to come along (transitively): the
    // constraints would not load without them, and the planner uses them.
    auto closure = (*source)->query(
        "WITH RECURSIVE wanted(oid) AS ("
        "  SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        "  WHERE n.nspname || '.' || c.relname IN (" + list + ")"
        "  UNION SELECT con.confrelid FROM pg_constraint con JOIN wanted w ON con.conrelid = w.oid WHERE con.contype = 'f')"
        "SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid) FROM wanted w "
        "JOIN pg_class c ON c.oid = w.oid JOIN pg_namespace n ON n.oid = c.relnamespace");
    if (!closure) return closure.status();
    std::set<std::string> copied;
    std::uint64_t bytes = 0;
    for (const auto& r : *closure) {
        if (!r[0]) continue;
        copied.insert(*r[0]);
        bytes += r[1] ? std::stoull(*r[1]) : 0;
    }
    if (bytes > clone_max_bytes)
        return Status::error(fmt::format("the workload's tables take {:.1f} MB, more than --clone-max ({:.1f} MB); "
                                         "raise it or verify on a smaller copy",
                                         static_cast<double>(bytes) / 1048576.0, static_cast<double>(clone_max_bytes) / 1048576.0));
    auto scratch = ScratchPostgres::start();
    if (!scratch) return scratch.status();
    auto environment = PgConnection::environment_for(target);
    if (!environment) return environment.status();
    // The whole schema (types, functions and the tables the copied ones
    // need), then the rows of the copied tables only.
    std::string dir = (*scratch)->dir();
    std::string pg_dump = (*scratch)->bin_dir() + "/pg_dump --no-owner --no-privileges --no-comments";
    std::string data = pg_dump + " --data-only";
    for (const auto& t : copied) {
        // A pattern in double quotes is literal to pg_dump; the shell gets it in single quotes.
        size_t dot = t.find('.');
        std::string pattern = "\"" + t.substr(0, dot) + "\".\"" + t.substr(dot + 1) + "\"";
        std::string quoted;
        for (char c : pattern) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        data += " -t '" + quoted + "'";
    }
    for (const auto& [command, file] : {std::pair{pg_dump + " --schema-only", dir + "/schema.sql"}, std::pair{data, dir + "/data.sql"}}) {
        if (run_with_environment(command + " > '" + file + "' 2> '" + file + ".err'", *environment) != 0) {
            std::ifstream err(file + ".err");
            std::string first;
            std::getline(err, first);
            return Status::error("pg_dump failed: " + one_line(first));
        }
        if (Status loaded = (*scratch)->run_psql_file(file); !loaded.is_ok())
            return Status::error("the copy did not load into the scratch server: " + loaded.message());
    }
    auto analyzed = PgConnection::open_for_changes((*scratch)->conninfo());
    if (!analyzed) return analyzed.status();
    if (auto done = (*analyzed)->query("ANALYZE"); !done) return done.status();
    // What costing and building candidates may need there; a server without
    // them says so later, where they are needed.
    (*analyzed)->query("CREATE EXTENSION IF NOT EXISTS hypopg");
    (*analyzed)->query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    described = fmt::format("a scratch copy of {} table{} ({})", copied.size(), copied.size() == 1 ? "" : "s", human_bytes(bytes));
    return std::move(*scratch);
}

}  // namespace dbsage
