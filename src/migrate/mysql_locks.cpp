#include "migrate/mysql_locks.h"

#include <regex>

#include "connectors/mysql/mysql_schema_reader.h"
#include "connectors/target.h"
#include "dialect/read_dialect.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

std::string mode_of(DdlAlgorithm algorithm, DdlLock lock) {
    if (algorithm == DdlAlgorithm::instant) return "INSTANT";
    return std::string(to_string(algorithm)) + ", LOCK=" + std::string(to_string(lock));
}

// "8.0.35" -> MySQL 80035; "10.11" -> MariaDB 101100 (MariaDB's majors are 10 and up).
std::optional<MysqlTarget> parse_version(const std::string& text) {
    static const std::regex k_version(R"(^(?:(mysql|mariadb)[- ]?)?(\d+)\.(\d+)(?:\.(\d+))?$)", std::regex::icase);
    std::smatch m;
    if (!std::regex_match(text, m, k_version)) return std::nullopt;
    int major = std::stoi(m[2].str()), minor = std::stoi(m[3].str()), patch = m[4].matched ? std::stoi(m[4].str()) : 0;
    bool mariadb = m[1].matched ? (m[1].str()[1] == 'a' || m[1].str()[1] == 'A') : major >= 10;
    return MysqlTarget{mariadb, major * 10000 + minor * 100 + patch};
}

}  // namespace

bool is_mysql_migration(const MigrateOptions& options) {
    if (!options.dialect.empty()) return parse_dialect(options.dialect) == Dialect::mysql;
    std::vector<std::string> errors;
    std::vector<std::string> paths = options.targets;
    if (!options.schema_file.empty()) paths.push_back(options.schema_file);
    return detect_dialect(list_sql_files(paths, ReadOptions{}, errors)).dialect == Dialect::mysql;
}

Result<LocksReport> mysql_online_ddl_locks(const MigrateOptions& options, bool traced) {
    DialectReadOptions read;
    if (!options.mysql_version.empty()) {
        read.target = parse_version(options.mysql_version);
        if (!read.target)
            return Status::error("--mysql-version must look like 8.0.35 (MySQL) or 10.11 (MariaDB), not '" + options.mysql_version + "'");
    }
    LocksReport report;
    if (!options.schema_file.empty()) read.context = list_sql_files({options.schema_file}, ReadOptions{}, report.input_errors);
    if (!options.database.empty()) {
        // The user's server is only read: its definitions are run on the scratch MariaDB.
        auto definitions = mysql_definitions(options.database);
        if (!definitions) return definitions.status();
        read.context_texts.emplace_back(mask_target(options.database), std::move(*definitions));
    }
    Workspace ws;
    read_dialect_files(list_sql_files(options.targets, ReadOptions{}, report.input_errors), Dialect::mysql, ws, read);
    for (auto& e : ws.input_errors) report.input_errors.push_back(std::move(e));
    for (auto& n : ws.notes) report.notes.push_back(std::move(n));
    for (const auto& st : ws.statements) {
        if (!st.online_ddl && st.kind != StatementKind::invalid) continue;
        StatementLocks out;
        out.location = st.location;
        out.sql = st.text;
        if (st.kind == StatementKind::invalid) {
            out.error = st.error;
            report.statements.push_back(std::move(out));
            continue;
        }
        const OnlineDdl& d = *st.online_ddl;
        if (d.new_table) continue;  // created earlier in the files: nothing to block
        DdlAlgorithm algorithm = d.algorithm;
        DdlLock lock = d.lock;
        bool rebuild = d.rebuild;
        if (traced) {
            if (!d.observed_algorithm) {
                out.observed = false;
                out.unobserved_reason = d.known_table ? "the server accepted no ALGORITHM" : "no definition of " + d.table + " to run it on";
            } else {
                algorithm = *d.observed_algorithm;
                lock = d.observed_lock.value_or(DdlLock::none);
                rebuild = d.observed_rebuild.value_or(rebuild);
                std::string predicted = mode_of(d.algorithm, d.lock), observed = mode_of(algorithm, lock);
                if (predicted != observed)
                    report.disagreements.push_back(file_line(st.location) + ": predicted " +
                                                   predicted + " (" + d.reason + "), the server took " + observed);
            }
        }
        out.locks.push_back({d.table, mode_of(algorithm, lock)});
        if (rebuild) out.rewrites.push_back(d.table);
        if (lock != DdlLock::none) out.blocks.push_back("INSERT/UPDATE/DELETE");
        if (lock == DdlLock::exclusive) out.blocks.insert(out.blocks.begin(), "SELECT");
        if (!d.known_table) out.unknown.push_back(d.table);
        report.statements.push_back(std::move(out));
    }
    if (traced && read.target)
        report.notes.push_back("predicted for " + options.mysql_version + " and observed on the scratch MariaDB: differences between them are expected");
    return report;
}

}  // namespace dbsage
