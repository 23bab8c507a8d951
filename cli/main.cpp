// dbsage: a thin CLI over the dbsage library.
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
    CLI::App app{"dbsage: a database specialist for PostgreSQL, SQLite and MySQL"};
    app.set_version_flag("--version", "dbsage 0.1.0");
    app.require_subcommand(1);
    struct Entry {
        CLI::App* command;
        dbsage::cli::Runner run;
    };
    std::vector<Entry> table;
    for (auto registrar : {dbsage::cli::register_lint, dbsage::cli::register_rules, dbsage::cli::register_migrate, dbsage::cli::register_digest, dbsage::cli::register_workload, dbsage::cli::register_advise, dbsage::cli::register_explain, dbsage::cli::register_health, dbsage::cli::register_tune}) {
        size_t before = app.get_subcommands({}).size();
        auto runner = registrar(app);
        table.push_back({app.get_subcommands({})[before], std::move(runner)});
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        for (auto& entry : table)
            if (entry.command->parsed()) return entry.run();
    } catch (const std::exception& e) {
        std::cerr << "dbsage: internal error: " << e.what() << "\n";
        return 2;
    }
    return 2;
}
