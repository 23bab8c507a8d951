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
    auto size = (*source)->query("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname || '.' || c.relname IN (" +
                                 list + ")");
    if (!size) return size.status();
    std::uint64_t bytes = size->empty() || !(*size)[0][0] ? 0 : std::stoull(*(*size)[0][0]);
    if (bytes > clone_max_bytes)
        return Status::error(fmt::format("the workload's tables take {:.1f} MB, more than --clone-max ({:.1f} MB); "
                                         "raise it or verify on a smaller copy",
                                         static_cast<double>(bytes) / 1048576.0, static_cast<double>(clone_max_bytes) / 1048576.0));
    auto scratch = ScratchPostgres::start();
    if (!scratch) return scratch.status();
    auto environment = PgConnection::environment_for(target);
    if (!environment) return environment.status();
    std::string dump = (*scratch)->dir() + "/clone.sql";
    std::string command = (*scratch)->bin_dir() + "/pg_dump --no-owner --no-privileges --no-comments";
    for (const auto& t : tables) {
        // A pattern in double quotes is literal to pg_dump; the shell gets it in single quotes.
        size_t dot = t.find('.');
        std::string pattern = "\"" + t.substr(0, dot) + "\".\"" + t.substr(dot + 1) + "\"";
        std::string quoted;
        for (char c : pattern) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        command += " -t '" + quoted + "'";
    }
    command += " > '" + dump + "' 2> '" + dump + ".err'";
    if (run_with_environment(command, *environment) != 0) {
        std::ifstream err(dump + ".err");
        std::string first;
        std::getline(err, first);
        return Status::error("pg_dump of the workload's tables failed: " + one_line(first));
    }
    if (Status loaded = (*scratch)->run_psql_file(dump); !loaded.is_ok())
        return Status::error("the copy did not load into the scratch server: " + loaded.message());
    auto analyzed = PgConnection::open_for_changes((*scratch)->conninfo());
    if (!analyzed) return analyzed.status();
    if (auto done = (*analyzed)->query("ANALYZE"); !done) return done.status();
    described = fmt::format("a scratch copy of {} table{} ({:.1f} MB)", tables.size(), tables.size() == 1 ? "" : "s",
                            static_cast<double>(bytes) / 1048576.0);
    return std::move(*scratch);
}

}  // namespace dbsage
