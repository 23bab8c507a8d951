// maria_sandbox SCRIPT.sql COMMAND [ARGS...]
// Starts a scratch MariaDB, loads SCRIPT.sql into a database named main with
// the mariadb client, runs COMMAND with "{url}" in its arguments replaced by
// mysql://root@localhost/main?socket=…, then stops the server and removes it.
// Used by `make demo`.
#include <iostream>
#include <string>
#include <vector>

#include "run_command.h"
#include "sandbox/scratch_mariadb.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: maria_sandbox SCRIPT.sql COMMAND [ARGS...]\n";
        return 2;
    }
    auto db = dbsage::ScratchMariadb::start({"--performance-schema=ON"});
    if (!db) {
        std::cerr << "maria_sandbox: " << db.status().message() << "\n";
        return 2;
    }
    for (auto st : {(*db)->run_sql("CREATE DATABASE main"), (*db)->run_file(argv[1], "main")})
        if (!st.is_ok()) {
            std::cerr << "maria_sandbox: " << st.message() << "\n";
            return 2;
        }
    std::vector<std::string> args;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        for (auto at = a.find("{url}"); at != std::string::npos; at = a.find("{url}", at)) a.replace(at, 5, (*db)->url("main"));
        args.push_back(a);
    }
    return dbsage::tools::run_command(args);
}
