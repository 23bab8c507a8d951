#include "migrate/migration_input.h"

#include "config/config.h"
#include "model/replay.h"
#include "sql/script_reader.h"

namespace dbsage {

Result<MigrationInput> read_migration_input(const MigrateOptions& options) {
    if (options.targets.empty()) return Status::error("no migrations given: name files or directories");
    auto config = load_config(options.config_path);
    if (!config) return config.status();
    MigrationInput input;
    input.pg_version = options.pg_version ? options.pg_version : config->pg_version ? config->pg_version : 15;
    ReadOptions read = read_options_for(*config);
    if (!options.schema_file.empty()) {
        Workspace base;
        read_sql_paths({options.schema_file}, read, base);
        if (!base.input_errors.empty()) return Status::error(base.input_errors.front());
        for (const auto& st : base.statements) apply_statement(input.baseline, st);
    }
    read_sql_paths(options.targets, read, input.workspace);
    if (input.workspace.files.empty() && !input.workspace.input_errors.empty())
        return Status::error(input.workspace.input_errors.front());
    return input;
}

}  // namespace dbsage
