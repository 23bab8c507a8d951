// pg_sandbox [--set NAME=VALUE]... [--keep-log FILE] SCRIPT.sql COMMAND [ARGS...]
// Starts a scratch PostgreSQL cluster, loads SCRIPT.sql into it with psql, runs
// COMMAND with "{conninfo}" in its arguments replaced by the cluster's conninfo,
// then stops the cluster and removes it. Used by `make demo`.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "run_command.h"
#include "sandbox/scratch_postgres.h"

int main(int argc, char** argv) {
    std::vector<std::string> settings;
    std::string keep_log;
    int first = 1;
    for (; first + 1 < argc && argv[first][0] == '-' && argv[first][1] == '-'; first += 2) {
        std::string flag = argv[first];
        if (flag == "--set") settings.push_back(argv[first + 1]);
        else if (flag == "--keep-log") keep_log = argv[first + 1];
        else break;
    }
    if (argc - first < 2) {
        std::cerr << "usage: pg_sandbox [--set NAME=VALUE]... [--keep-log FILE] SCRIPT.sql COMMAND [ARGS...]\n";
        return 2;
    }
    auto pg = dbsage::ScratchPostgres::start(settings);
    if (!pg) {
        std::cerr << "pg_sandbox: " << pg.status().message() << "\n";
        return 2;
    }
    auto loaded = (*pg)->run_psql_file(argv[first]);
    if (!loaded.is_ok()) {
        std::cerr << "pg_sandbox: " << loaded.message() << "\n";
        return 2;
    }
    std::vector<std::string> args;
    for (int i = first + 1; i < argc; ++i) {
        std::string a = argv[i];
        for (auto at = a.find("{conninfo}"); at != std::string::npos; at = a.find("{conninfo}", at))
            a.replace(at, 10, (*pg)->conninfo());
        args.push_back(a);
    }
    int code = dbsage::tools::run_command(args);
    if (!keep_log.empty()) {
        std::error_code ec;
        std::filesystem::copy_file((*pg)->log_path(), keep_log, std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) std::cerr << "pg_sandbox: cannot keep the log: " << ec.message() << "\n";
    }
    return code;
}
