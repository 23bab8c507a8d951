// pg_sandbox SCRIPT.sql COMMAND [ARGS...]
// Starts a scratch PostgreSQL cluster, loads SCRIPT.sql into it with psql, runs
// COMMAND with "{conninfo}" in its arguments replaced by the cluster's conninfo,
// then stops the cluster and removes it. Used by `make demo`.
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "sandbox/scratch_postgres.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: pg_sandbox SCRIPT.sql COMMAND [ARGS...]\n";
        return 2;
    }
    auto pg = dbsage::ScratchPostgres::start();
    if (!pg) {
        std::cerr << "pg_sandbox: " << pg.status().message() << "\n";
        return 2;
    }
    auto loaded = (*pg)->run_psql_file(argv[1]);
    if (!loaded.is_ok()) {
        std::cerr << "pg_sandbox: " << loaded.message() << "\n";
        return 2;
    }
    std::vector<std::string> args;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        for (auto at = a.find("{conninfo}"); at != std::string::npos; at = a.find("{conninfo}", at))
            a.replace(at, 10, (*pg)->conninfo());
        args.push_back(a);
    }
    pid_t child = fork();
    if (child == 0) {
        std::vector<char*> cargs;
        for (auto& a : args) cargs.push_back(a.data());
        cargs.push_back(nullptr);
        execvp(cargs[0], cargs.data());
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
