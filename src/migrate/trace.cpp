#include <map>
#include <set>

#include "connectors/postgres/lock_tracer.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/postgres/pg_schema_reader.h"
#include "dbsage/migrate.h"
#include "migrate/mysql_locks.h"
#include "migrate/lock_predictor.h"
#include "migrate/migration_input.h"
#include "model/schema_history.h"
#include "sandbox/scratch_postgres.h"

namespace dbsage {
namespace {

// Compares one statement's prediction with what the server did. A predicted
// mode counts as seen when the statement newly took it or already held it
// (PostgreSQL shows one row per mode held in the transaction).
void compare(const Statement& st, const StatementEffects& predicted, const ObservedEffects& seen,
             std::vector<std::string>& out) {
    std::map<std::string, LockMode> observed;
    for (const auto& l : seen.locks) observed[l.table] = l.mode;
    std::set<std::pair<std::string, LockMode>> held;
    for (const auto& l : seen.held) held.insert({l.table, l.mode});
    // Relations the statement itself created had no lock to predict.
    std::set<std::string> created(seen.created.begin(), seen.created.end());
    for (const auto& p : predicted.locks) {
        if (created.count(p.table)) continue;
        auto it = observed.find(p.table);
        bool seen_now = it != observed.end() && it->second == p.mode;
        bool stronger_seen = it != observed.end() && it->second > p.mode;
        if ((seen_now || held.count({p.table, p.mode})) && !stronger_seen) continue;
        out.push_back(file_line(st.location) + ": predicted " + std::string(lock_name(p.mode)) + " on " + p.table + ", observed " +
                      (it == observed.end() ? std::string("none") : std::string(lock_name(it->second))));
    }
    for (const auto& [table, mode] : observed) {
        bool predicted_table = false;
        for (const auto& p : predicted.locks) predicted_table = predicted_table || p.table == table;
        if (!predicted_table)
            out.push_back(file_line(st.location) + ": observed " + std::string(lock_name(mode)) + " on " + table + ", predicted none");
    }
    std::set<std::string> predicted_rewrites(predicted.rewrites.begin(), predicted.rewrites.end());
    std::set<std::string> observed_rewrites(seen.rewrites.begin(), seen.rewrites.end());
    for (const auto& t : predicted_rewrites)
        if (!observed_rewrites.count(t) && !created.count(t)) out.push_back(file_line(st.location) + ": predicted a rewrite of " + t + ", none observed");
    for (const auto& t : observed_rewrites)
        if (!predicted_rewrites.count(t)) out.push_back(file_line(st.location) + ": observed a rewrite of " + t + ", none predicted");
}

StatementLocks observed_report(const Statement& st, const ObservedEffects& seen) {
    StatementEffects effects;
    effects.locks = seen.locks;
    effects.rewrites = seen.rewrites;
    StatementLocks out = to_statement_locks(st, effects);
    out.observed = seen.observed;
    out.unobserved_reason = seen.unobserved_reason;
    out.error = seen.error;
    return out;
}

// The traced server holds the whole schema (the baseline and every earlier
// statement), so a relation the prediction does not know does not exist there:
// lint assumes it exists and is busy, the trace must not.
StatementEffects known_only(StatementEffects effects) {
    std::set<std::string> unknown(effects.unknown.begin(), effects.unknown.end());
    std::erase_if(effects.locks, [&](const TableLock& l) { return unknown.count(l.table) > 0; });
    std::erase_if(effects.rewrites, [&](const std::string& t) { return unknown.count(t) > 0; });
    std::erase_if(effects.scans, [&](const std::string& t) { return unknown.count(t) > 0; });
    return effects;
}

using Sequences = std::map<std::string, std::string>;

Sequences sequence_values(PgConnection& db) {
    Sequences out;
    auto rows = db.query("SELECT schemaname || '.' || sequencename, coalesce(last_value::text, '') FROM pg_sequences");
    if (!rows) return out;
    for (const auto& r : *rows)
        if (r[0] && r[1]) out[*r[0]] = *r[1];
    return out;
}

// nextval() is not transactional: a rolled-back trace still moves sequences.
void note_advanced_sequences(const Sequences& before, const Sequences& after, std::vector<std::string>& notes) {
    for (const auto& [name, value] : after) {
        auto it = before.find(name);
        if (it == before.end() || it->second == value) continue;
        notes.push_back("sequence " + name + " advanced from " + (it->second.empty() ? "unused" : it->second) +
                        " to " + value + ": nextval() is not transactional, so the rollback cannot undo it");
    }
}

}  // namespace

Result<LocksReport> trace_locks(const MigrateOptions& options) {
    if (is_mysql_migration(options)) {
        return mysql_online_ddl_locks(options, true);
    }
    auto input = read_migration_input(options);
    if (!input) return input.status();
    std::unique_ptr<ScratchPostgres> scratch;
    std::string conninfo = options.database;
    if (conninfo.empty()) {
        auto started = ScratchPostgres::start();
        if (!started) return started.status();
        scratch = std::move(started.value());
        conninfo = scratch->conninfo();
        if (!options.schema_file.empty()) {
            Status loaded = scratch->run_psql_file(options.schema_file);
            if (!loaded.is_ok()) return loaded;
        }
    }
    auto db = PgConnection::open_for_changes(conninfo);
    if (!db) return db.status();
    if (!options.database.empty()) {
        // Predict against the database as it is.
        Workspace live;
        Status read = read_postgres_schema(options.database, live);
        if (!read.is_ok()) return read;
        input->baseline = std::move(live.schema);
    }
    int version = (*db)->server_version() / 10000;

    LocksReport report;
    report.input_errors = input->workspace.input_errors;
    const auto& statements = input->workspace.statements;
    SchemaHistory history(statements, input->baseline);
    bool rolled_back = scratch == nullptr && !options.commit;
    Sequences sequences_before = rolled_back ? sequence_values(**db) : Sequences{};
    // One transaction per file, in order. On a scratch cluster each file is
    // committed so the next one finds its schema; on a real database each is
    // rolled back unless asked otherwise.
    for (size_t start = 0; start < statements.size();) {
        size_t end = start;
        while (end < statements.size() && statements[end].location.file == statements[start].location.file) ++end;
        std::vector<const Statement*> batch;
        std::vector<StatementEffects> predictions;
        for (size_t i = start; i < end; ++i) {
            if (statements[i].kind == StatementKind::invalid) continue;
            batch.push_back(&statements[i]);
            predictions.push_back(known_only(predict_effects(statements[i], history.before(i), version)));
        }
        auto observed = trace_statements(**db, batch,
                                         scratch ? TraceMode::statement_per_transaction : TraceMode::one_transaction,
                                         options.commit);
        for (size_t k = 0; k < batch.size(); ++k) {
            if (batch[k]->txn != TxnCommand::none) continue;
            if (observed[k].observed && observed[k].error.empty())
                compare(*batch[k], predictions[k], observed[k], report.disagreements);
            report.statements.push_back(observed_report(*batch[k], observed[k]));
        }
        start = end;
    }
    if (rolled_back) note_advanced_sequences(sequences_before, sequence_values(**db), report.notes);
    return report;
}

}  // namespace dbsage
