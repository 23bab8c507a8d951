#include "dbsage/lint.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

#include "config/config.h"
#include "connectors/mysql/mysql_schema_reader.h"
#include "connectors/postgres/pg_schema_reader.h"
#include "connectors/sqlite/sqlite_schema_reader.h"
#include "connectors/target.h"
#include "dialect/read_dialect.h"
#include "model/replay.h"
#include "rules/rule.h"
#include "sql/script_reader.h"

namespace dbsage {

namespace {

constexpr int k_default_pg_version = 15;

bool ignored(const std::vector<std::string>& rules, const std::string& id) {
    return std::find(rules.begin(), rules.end(), id) != rules.end() ||
           std::find(rules.begin(), rules.end(), "*") != rules.end();
}

// Drops findings that a "dbsage:ignore" comment covers.
void apply_ignores(const Workspace& ws, std::vector<Finding>& findings) {
    std::map<std::string, std::vector<const Statement*>> by_file;
    for (const auto& st : ws.statements)
        if (!st.ignored_rules.empty()) by_file[st.location.file].push_back(&st);
    if (by_file.empty()) return;
    findings.erase(std::remove_if(findings.begin(), findings.end(), [&](const Finding& f) {
        auto it = by_file.find(f.location.file);
        if (f.location.file.empty() || it == by_file.end()) return false;
        for (const Statement* st : it->second)
            if (f.location.line >= st->location.line && f.location.line <= st->end_line &&
                ignored(st->ignored_rules, f.rule))
                return true;
        return false;
    }), findings.end());
}

// The dialect of SQL files (as list_sql_files lists them): given, configured or detected.
DialectChoice dialect_of(const std::vector<std::string>& files, const LintOptions& options, const Config& config) {
    std::string given = options.dialect.empty() ? config.dialect : options.dialect;
    if (!given.empty()) return DialectChoice{parse_dialect(given).value_or(Dialect::postgres), ""};
    return detect_dialect(files);
}

// The schema the migrations start from, and the server version when it came
// from a database. A MySQL or SQLite baseline is run with the files instead.
Result<std::pair<Schema, int>> load_baseline(const LintOptions& options, const Config& config) {
    if (options.baseline.empty()) return std::pair<Schema, int>{Schema{}, 0};
    TargetKind kind = classify_target(options.baseline);
    ReadOptions read_options = read_options_for(config);
    std::vector<std::string> unused;
    if (kind == TargetKind::mysql ||
        (kind == TargetKind::sql_path &&
         dialect_of(list_sql_files({options.baseline}, read_options, unused), options, config).dialect != Dialect::postgres))
        return std::pair<Schema, int>{Schema{}, 0};  // run with the files, in their engine
    Workspace base;
    if (kind == TargetKind::postgres) {
        Status st = read_postgres_schema(options.baseline, base);
        if (!st.is_ok()) return st;
        return std::pair<Schema, int>{std::move(base.schema), base.server_version / 10000};
    }
    read_sql_paths({options.baseline}, read_options, base);
    if (!base.input_errors.empty()) return Status::error(base.input_errors.front());
    for (const auto& st : base.statements) apply_statement(base.schema, st);
    return std::pair<Schema, int>{std::move(base.schema), 0};
}

// SQL files in MySQL's or SQLite's dialect are run in a scratch engine, which
// leaves the schema in ws.schema: returns true then.
bool read_files(const std::vector<std::string>& paths, const LintOptions& options, const Config& config,
                const ReadOptions& read_options, Workspace& ws) {
    // Listed once: the psql reader takes the list as it is (files stay files).
    std::vector<std::string> files = list_sql_files(paths, read_options, ws.input_errors);
    DialectChoice choice = dialect_of(files, options, config);
    if (choice.dialect == Dialect::postgres) {
        read_sql_paths(files, read_options, ws);
        return false;
    }
    std::vector<std::string> context;
    if (!options.baseline.empty() && classify_target(options.baseline) == TargetKind::sql_path)
        context = list_sql_files({options.baseline}, read_options, ws.input_errors);
    if (!choice.reason.empty())
        ws.notes.push_back("read as " + std::string(choice.dialect == Dialect::mysql ? "MySQL" : "SQLite") +
                           " (" + choice.reason + "); --dialect or dialect in .dbsage.toml chooses");
    DialectReadOptions dialect_options;
    dialect_options.context = std::move(context);
    if (choice.dialect == Dialect::mysql && classify_target(options.baseline) == TargetKind::mysql) {
        auto definitions = mysql_definitions(options.baseline);
        if (!definitions) {
            ws.input_errors.push_back(definitions.status().message());
            return true;
        }
        dialect_options.context_texts.emplace_back(mask_target(options.baseline), std::move(*definitions));
    }
    read_dialect_files(files, choice.dialect, ws, dialect_options);
    return true;
}

Status load_sources(const LintOptions& options, const Config& config, Workspace& ws, bool& schema_read_back) {
    std::vector<std::string> sql_paths;
    int databases = 0;
    for (const auto& target : options.targets) {
        auto kind = classify_target(target);
        if (kind != TargetKind::sql_path) {
            if (++databases > 1 || !sql_paths.empty())
                return Status::error("give either one database or SQL files and directories, not both");
            Status st = kind == TargetKind::postgres ? read_postgres_schema(target, ws)
                      : kind == TargetKind::mysql    ? read_mysql_schema(target, ws)
                                                     : read_sqlite_schema(target, ws);
            if (!st.is_ok()) return st;
        } else {
            if (databases) return Status::error("give either one database or SQL files and directories, not both");
            sql_paths.push_back(target);
        }
    }
    bool from_stdin = std::erase(sql_paths, std::string("-")) > 0;
    ReadOptions read_options = read_options_for(config);
    read_options.progress = options.progress;
    // Replayed by analyze_migrations in lint(), unless an engine read them.
    if (!sql_paths.empty()) schema_read_back = read_files(sql_paths, options, config, read_options, ws);
    if (from_stdin) {
        // "-": a script piped in (git show, a generator), named <stdin> in findings.
        std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        if (text.find('\0') != std::string::npos)
            ws.input_errors.push_back("<stdin>: not a SQL text (binary data)");
        else
            read_sql_text("<stdin>", text, ws, read_options);
    }
    return Status::ok();
}

// A migration finding on a relation dbsage has no definition of says so: the
// judgement rests on the assumption that the table exists and is in use.
void note_unknown_relations(const Workspace& ws, const std::vector<StatementContext>& migration,
                            std::vector<Finding>& findings) {
    std::map<std::tuple<std::string, int, int>, const StatementContext*> at;
    for (size_t i = 0; i < ws.statements.size() && i < migration.size(); ++i) {
        const auto& e = migration[i].effects;
        if (e.unknown.empty() && e.unknown_indexes.empty()) continue;
        const Location& l = ws.statements[i].location;
        at.emplace(std::make_tuple(l.file, l.line, l.column), &migration[i]);
    }
    if (at.empty()) return;
    for (auto& f : findings) {
        auto it = at.find({f.location.file, f.location.line, f.location.column});
        if (it == at.end()) continue;
        const Rule* rule = find_rule(f.rule);
        if (!rule || rule->info().group != "migration") continue;
        std::vector<std::string> named;
        for (const auto& name : it->second->effects.unknown)
            if (f.message.find(name) != std::string::npos) named.push_back(name);
        for (const auto& name : it->second->effects.unknown_indexes)
            if (f.message.find(name) != std::string::npos) named.push_back("the table of index " + name);
        if (named.empty()) continue;
        std::string list;
        for (const auto& n : named) list += (list.empty() ? "" : ", ") + n;
        f.help += "; dbsage has no definition of " + list +
                  " (not created earlier in the migration and no baseline), so it assumes it exists and is in use: "
                  "give --schema or --db to judge against the real table";
    }
}

// A schema finding points at a table's CREATE, but rules judge the final
// schema: after a later rename it names the table as it was at that
// statement, qualified, and says what it became.
void name_as_created(const Schema& schema, std::vector<Finding>& findings) {
    std::map<std::tuple<std::string, int>, const Table*> renamed;
    for (const auto& t : schema.tables)
        if (!t.created_as.empty() && t.created_as != t.qualified() && !t.location.file.empty())
            renamed.emplace(std::make_tuple(t.location.file, t.location.line), &t);
    if (renamed.empty()) return;
    for (auto& f : findings) {
        auto it = renamed.find({f.location.file, f.location.line});
        if (it == renamed.end()) continue;
        const Table& t = *it->second;
        if (f.location.object.rfind(t.qualified(), 0) != 0) continue;
        const std::string& was = t.created_as;
        // Whole words only: "orders" must not touch "orders_archive".
        std::string message;
        for (size_t i = 0; i < f.message.size();) {
            bool start = i == 0 || !(std::isalnum(static_cast<unsigned char>(f.message[i - 1])) || f.message[i - 1] == '_' || f.message[i - 1] == '.');
            size_t n = t.qualified().size();
            if (start && f.message.compare(i, n, t.qualified()) == 0) {
                message += was;
                i += n;
                continue;
            }
            n = t.name.size();
            bool end = i + n >= f.message.size() || !(std::isalnum(static_cast<unsigned char>(f.message[i + n])) || f.message[i + n] == '_');
            if (start && end && f.message.compare(i, n, t.name) == 0) {
                message += was;
                i += n;
                continue;
            }
            message += f.message[i++];
        }
        f.message = message + " (renamed to " + t.qualified() + " later)";
    }
}

}  // namespace

Result<LintReport> lint(const LintOptions& options) {
    auto config = load_config(options.config_path);
    if (!config) return config.status();
    if (options.targets.empty()) return Status::error("nothing to lint: give SQL files, directories or a database");
    for (const auto& [id, line] : config->rule_lines)
        if (!find_rule(id))
            return Status::error(config->path + ":" + std::to_string(line) + ": invalid config: unknown rule id '" + id +
                                 "' (dbsage rules lists them)");

    auto baseline = load_baseline(options, *config);
    if (!baseline) return baseline.status();
    Workspace ws;
    ws.schema = baseline->first;
    bool schema_read_back = false;
    Status loaded = load_sources(options, *config, ws, schema_read_back);
    if (!loaded.is_ok()) return loaded;

    int server_version = ws.server_version ? ws.server_version / 10000 : baseline->second;
    int pg_version = options.pg_version ? options.pg_version
                   : config->pg_version ? config->pg_version
                   : server_version ? server_version : k_default_pg_version;
    MigrationOptions migration_options;
    migration_options.pg_version = pg_version;
    migration_options.assume_in_transaction = options.assume_in_transaction || config->assume_in_transaction;
    migration_options.baseline_complete = !options.baseline.empty() && classify_target(options.baseline) == TargetKind::postgres;
    std::vector<StatementContext> migration;
    // For SQL files the migration analysis replays every statement anyway:
    // its end state is the schema the rules see.
    if (!ws.live && !schema_read_back) migration = analyze_migrations(ws.statements, baseline->first, migration_options, &ws.schema);
    LintReport report;
    unsigned engine = ws.schema.dialect == Dialect::sqlite ? k_sqlite
                    : ws.schema.dialect == Dialect::mysql ? k_mysql : k_postgres;
    for (const auto& rule : all_rules()) {
        const RuleInfo& info = rule->info();
        if (!(info.engines & engine)) continue;
        auto setting = config->rules.find(std::string(info.id));
        RuleSetting rs = setting == config->rules.end() ? RuleSetting{} : setting->second;
        if (!rs.enabled.value_or(info.enabled_by_default)) continue;
        RuleOptions rule_options(rs.options);
        Context ctx{ws.schema, ws.statements, ws.schema.dialect, pg_version, ws.live, rule_options, migration};
        FindingSink sink(info.id, rs.severity.value_or(info.severity), report.findings);
        rule->check(ctx, sink);
    }
    note_unknown_relations(ws, migration, report.findings);
    if (!ws.live && !schema_read_back) name_as_created(ws.schema, report.findings);
    apply_ignores(ws, report.findings);
    if (!options.baseline.empty()) {
        // The baseline is context: report only what the linted files wrote.
        std::set<std::string> linted(ws.files.begin(), ws.files.end());
        std::erase_if(report.findings, [&](const Finding& f) { return !linted.count(f.location.file); });
    }
    std::stable_sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location.file, a.location.line, a.location.column, a.location.object, a.rule) <
               std::tie(b.location.file, b.location.line, b.location.column, b.location.object, b.rule);
    });
    report.files = static_cast<int>(ws.files.size());
    report.statements = static_cast<int>(ws.statements.size());
    report.tables = static_cast<int>(ws.schema.tables.size());
    report.database = ws.live_target;
    report.sources = std::move(ws.sources);
    report.input_errors = std::move(ws.input_errors);
    report.notes = std::move(ws.notes);
    return report;
}

}  // namespace dbsage
