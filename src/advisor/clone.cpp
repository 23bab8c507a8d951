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

// "schema.table" as a pg_dump pattern: in double quotes, taken literally.
std::string pg_dump_pattern(const std::string& table) {
    size_t dot = table.find('.');
    return "\"" + table.substr(0, dot) + "\".\"" + table.substr(dot + 1) + "\"";
}

Status dump_and_load(const std::string& command, const std::string& file, ScratchPostgres& scratch,
                     const std::vector<std::string>& environment) {
    if (run_with_environment(command + " > '" + file + "' 2> '" + file + ".err'", environment) != 0) {
        std::ifstream err(file + ".err");
        std::string first;
        std::getline(err, first);
        return Status::error("pg_dump failed: " + one_line(first));
    }
    if (Status loaded = scratch.run_psql_file(file); !loaded.is_ok())
        return Status::error("the copy did not load into the scratch server: " + loaded.message());
    return Status::ok();
}

// A share of the table's rows, piped from a read-only COPY on the source to
// COPY on the copy; foreign keys are not checked there (replica role), as a
// sampled row's parent may not be in the sample.
Status copy_sample(PgConnection& source, const std::string& table, double share, ScratchPostgres& scratch,
                   const std::vector<std::string>& environment) {
    size_t dot = table.find('.');
    std::string name = quote_ident(table.substr(0, dot)) + "." + quote_ident(table.substr(dot + 1));
    auto columns = source.query("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
                                "WHERE attrelid = " + quote_literal(name) + "::regclass AND attnum > 0 "
                                "AND NOT attisdropped AND attgenerated = ''");
    if (!columns) return columns.status();
    if (columns->empty() || !(*columns)[0][0]) return Status::ok();
    std::string list = *(*columns)[0][0];
    std::string out = "\\copy (SELECT " + list + " FROM " + name + fmt::format(" TABLESAMPLE BERNOULLI ({:.6f})", 100 * share) +
                      ") TO STDOUT";
    std::string in = "\\copy " + name + " (" + list + ") FROM STDIN";
    std::string err = scratch.dir() + "/sample.err";
    std::string command = "PGOPTIONS='-c default_transaction_read_only=on' " + scratch.bin_dir() + "/psql -X -q -v ON_ERROR_STOP=1 -c " +
                          shell_quote(out) + " 2> '" + err + "' | PGOPTIONS='-c session_replication_role=replica' " +
                          scratch.bin_dir() + "/psql -X -q -v ON_ERROR_STOP=1 -d " + shell_quote(scratch.conninfo()) +
                          " -c " + shell_quote(in) + " 2>> '" + err + "'";
    // sh has no pipefail: a failure on either side shows in the error file.
    int rc = run_with_environment(command, environment);
    std::ifstream in_err(err);
    std::string first;
    std::getline(in_err, first);
    if (rc != 0 || !first.empty()) return Status::error("sampling " + table + " failed: " + one_line(first));
    return Status::ok();
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
    // Too large to copy whole: a uniform sample of every table, the same
    // share of each (BERNOULLI: each row with the same chance).
    double share = bytes > clone_max_bytes ? static_cast<double>(clone_max_bytes) / static_cast<double>(bytes) : 1.0;
    auto scratch = ScratchPostgres::start();
    if (!scratch) return scratch.status();
    auto environment = PgConnection::environment_for(target);
    if (!environment) return environment.status();
    // The whole schema (types, functions and the tables the copied ones
    // need), then the rows of the copied tables only.
    std::string dir = (*scratch)->dir();
    std::string pg_dump = (*scratch)->bin_dir() + "/pg_dump --no-owner --no-privileges --no-comments";
    if (Status loaded = dump_and_load(pg_dump + " --schema-only", dir + "/schema.sql", **scratch, *environment); !loaded.is_ok())
        return loaded;
    if (share >= 1.0) {
        std::string data = pg_dump + " --data-only";
        for (const auto& t : copied) data += " -t " + shell_quote(pg_dump_pattern(t));
        if (Status loaded = dump_and_load(data, dir + "/data.sql", **scratch, *environment); !loaded.is_ok()) return loaded;
    } else {
        for (const auto& t : copied)
            if (Status sampled = copy_sample(**source, t, share, **scratch, *environment); !sampled.is_ok()) return sampled;
    }
    auto analyzed = PgConnection::open_for_changes((*scratch)->conninfo());
    if (!analyzed) return analyzed.status();
    if (auto done = (*analyzed)->query("ANALYZE"); !done) return done.status();
    // What costing and building candidates may need there; a server without
    // them says so later, where they are needed.
    (*analyzed)->query("CREATE EXTENSION IF NOT EXISTS hypopg");
    (*analyzed)->query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    described = fmt::format("a scratch copy of {} table{} ({})", copied.size(), copied.size() == 1 ? "" : "s", human_bytes(bytes));
    if (share < 1.0)
        described = fmt::format("a scratch copy of {} table{}: a uniform {:.2g}% sample of their {} (more than --clone-max); "
                                "costs and times there are the sample's",
                                copied.size(), copied.size() == 1 ? "" : "s", 100 * share, human_bytes(bytes));
    return std::move(*scratch);
}

}  // namespace dbsage
