#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "advisor/advise_mysql.h"
#include "advisor/advise_sqlite.h"
#include "advisor/advisor.h"
#include "advisor/clone.h"
#include "advisor/index_size.h"
#include "advisor/parameter_values.h"
#include "advisor/still_costly.h"
#include "advisor/verify.h"
#include "advisor/whatif_postgres.h"
#include "advisor/workload_entries.h"
#include "connectors/postgres/pg_schema_reader.h"
#include "connectors/target.h"
#include "model/workspace.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr double k_min_saving = 0.005;   // of the workload's cost left, for one more index
constexpr double k_min_bytes = 8192;     // one page: no index is cheaper
// The planner does not cost index maintenance, so dbsage adds it: per row
// written, per index that must change, about a leaf page touched (half of
// random_page_cost's 4, as most such pages are cached) — an estimate, said
// so in the report. DELETE leaves index entries to VACUUM: a quarter of it.
constexpr double k_index_write_cost = 2.0;
constexpr double k_delete_share = 0.25;


// What one row written by e costs an index: nothing for an UPDATE that
// changes none of its columns (a HOT update, when the page has room).
double write_cost_per_row(const Entry& e, const IndexCandidate& index) {
    if (e.written != index.schema + "." + index.table) return 0;
    if (e.kind == StatementKind::insert) return k_index_write_cost;
    if (e.kind == StatementKind::delete_) return k_index_write_cost * k_delete_share;
    for (const auto& column : index.columns)
        if (std::find(e.set_columns.begin(), e.set_columns.end(), column.name) != e.set_columns.end()) return k_index_write_cost;
    return 0;
}


// An existing plain index whose columns the chosen one starts with serves
// nothing the chosen one does not: it can go once the new one is built.
void made_redundant(const IndexCandidate& chosen, const Schema& schema, std::vector<HygieneItem>& out) {
    const Table* t = schema.find_table(chosen.schema, chosen.table);
    if (!t || !chosen.where.empty() || chosen.method != "btree") return;
    for (const auto& index : t->indexes) {
        if (index.method != "btree" || index.unique || index.primary || !index.constraint.empty() ||
            !index.predicate.empty() || !index.include.empty() || index.keys.size() >= chosen.columns.size())
            continue;
        bool prefix = true;
        for (size_t i = 0; i < index.keys.size() && prefix; ++i)
            prefix = index.keys[i].column == chosen.columns[i].name && index.keys[i].descending == chosen.columns[i].descending;
        if (!prefix) continue;
        std::uint64_t bytes = index.size_bytes ? static_cast<std::uint64_t>(*index.size_bytes) : 0;
        out.push_back({"made-redundant", t->schema + "." + index.name,
                       "index " + index.name + " is a prefix of the recommended " + chosen.key() +
                           ", which serves every lookup it serves",
                       "DROP INDEX CONCURRENTLY " + quote_ident(t->schema) + "." + quote_ident(index.name) +
                           ";  -- after the new index is built",
                       bytes});
    }
}

// Candidates the session cannot cost leave the pool, said in a note: GIN
// ones on a live database (HypoPG cannot simulate them), trigram ones where
// pg_trgm is not available.
void drop_uncostable(WhatIfPostgres& whatif, std::vector<IndexCandidate>& pool, AdviceReport& report) {
    auto& notes = report.notes;
    auto trgm = whatif.connection().query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
    bool trigrams = trgm && !trgm->empty();
    std::vector<std::string> gin, no_trgm;
    std::erase_if(pool, [&](const IndexCandidate& c) {
        if (!whatif.can_cost(c)) {
            gin.push_back(c.key());
            report.uncosted.push_back(c);
        }
        else if (c.needs_trigram() && !trigrams) no_trgm.push_back(c.key());
        else return false;
        return true;
    });
    if (!gin.empty())
        notes.push_back(std::to_string(gin.size()) + " GIN candidate" + (gin.size() == 1 ? "" : "s") + " (" + join(gin, "; ") +
                        ") not costed: HypoPG cannot simulate GIN; give --clone to build them on a scratch copy");
    if (!no_trgm.empty())
        notes.push_back("trigram candidates (" + join(no_trgm, "; ") + ") not costed: pg_trgm is not available on the server");
}

// A trigram index needs pg_trgm in the database it is built in.
void trigram_note(const std::vector<const IndexCandidate*>& config, const std::string& target, std::vector<std::string>& notes) {
    if (std::none_of(config.begin(), config.end(), [](const IndexCandidate* c) { return c->needs_trigram(); })) return;
    auto live = PgConnection::open_read_only(target);
    auto rows = live ? (*live)->query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'") : Result<std::vector<PgRow>>(live.status());
    if (rows && rows->empty())
        notes.push_back("the gin_trgm_ops index needs the pg_trgm extension: its owner runs CREATE EXTENSION pg_trgm; first");
}

class Search {
public:
    Search(WhatIfPostgres& whatif, std::vector<Entry>& entries) : m_whatif(whatif), m_entries(entries) {}

    // The query's cost under config, counting only indexes on its tables.
    Result<double> cost(const Entry& e, const std::vector<const IndexCandidate*>& config) {
        std::vector<const IndexCandidate*> relevant;
        for (const auto* c : config)
            if (e.tables.count(c->schema + "." + c->table)) relevant.push_back(c);
        return m_whatif.cost(e.query.sql, relevant);
    }

    // The weighted cost of the statements on table (all: ""), reads and the
    // upkeep of the configuration's indexes by writes.
    Result<double> weighted(const std::vector<const IndexCandidate*>& config, const std::string& table) {
        double total = 0;
        for (const auto& e : m_entries) {
            if (!table.empty() && !e.tables.count(table)) continue;
            auto c = cost(e, config);
            if (!c) return c.status();
            total += e.query.weight * (*c + upkeep(e, config));
        }
        return total;
    }

    static double upkeep(const Entry& e, const std::vector<const IndexCandidate*>& config) {
        double per_row = 0;
        for (const auto* index : config) per_row += write_cost_per_row(e, *index);
        return per_row * e.rows_written;
    }

private:
    WhatIfPostgres& m_whatif;
    std::vector<Entry>& m_entries;
};


struct Grown {
    std::vector<const IndexCandidate*> config;
    double cost = 0;  // the workload's weighted cost under it
};

// Grows a configuration one index at a time (or one extended by a column)
// by weighted cost saved per byte (by_ratio) or saved outright, within the
// budget, until nothing saves k_min_saving of what is left.
Result<Grown> grow(Search& search, WhatIfPostgres& whatif, const Schema& schema, const std::vector<IndexCandidate>& pool,
                   std::uint64_t budget, bool by_ratio, std::map<std::string, std::uint64_t>& sizes) {
    std::vector<const IndexCandidate*> config;
    std::uint64_t used = 0;
    auto total = search.weighted(config, "");
    if (!total) return total.status();
    double workload_cost = *total;
    while (true) {
        const IndexCandidate* best = nullptr;
        std::vector<const IndexCandidate*> best_config;
        double best_score = 0, best_benefit = 0;
        std::uint64_t best_size = 0;
        for (const auto& candidate : pool) {
            if (std::find(config.begin(), config.end(), &candidate) != config.end()) continue;
            // Adding it, or extending an index already chosen (which it replaces).
            std::vector<const IndexCandidate*> next;
            std::int64_t freed = 0;
            for (const auto* c : config) {
                if (c->is_prefix_of(candidate)) freed += static_cast<std::int64_t>(sizes[c->key()]);
                else next.push_back(c);
            }
            next.push_back(&candidate);
            auto hypopg = whatif.size(candidate);
            if (!hypopg) return hypopg.status();
            std::uint64_t size = corrected_index_size(candidate, schema, *hypopg);  // keeps a built index's real size
            sizes[candidate.key()] = size;
            std::int64_t delta = static_cast<std::int64_t>(size) - freed;
            if (budget && static_cast<std::int64_t>(used) + delta > static_cast<std::int64_t>(budget)) continue;
            std::string table = candidate.schema + "." + candidate.table;
            auto before = search.weighted(config, table);
            if (!before) return before.status();
            auto after = search.weighted(next, table);
            if (!after) return after.status();
            double benefit = *before - *after;
            double ratio = benefit / std::max<double>(static_cast<double>(delta), k_min_bytes);
            double score = by_ratio ? ratio : benefit;
            if (benefit > 0 && score > best_score) {
                best = &candidate;
                best_config = std::move(next);
                best_score = score;
                best_benefit = benefit;
                best_size = static_cast<std::uint64_t>(std::max<std::int64_t>(delta, 0));
            }
        }
        if (!best || best_benefit < k_min_saving * workload_cost) break;
        config = std::move(best_config);
        used += best_size;
        workload_cost -= best_benefit;  // what is left to save from
    }

    return Grown{config, workload_cost};
}

// The existing indexes, judged on the live database (the what-if session
// may be on a copy), less what the workload and the advice contradict: an
// index the workload's own plans read is not unused, however few scans were
// counted; a foreign key the advice itself indexes needs no second word.
Status judge_existing(const AdviseOptions& options, WhatIfPostgres& whatif, const std::vector<Entry>& entries,
                      const std::vector<const IndexCandidate*>& config, AdviceReport& report) {
    auto live = PgConnection::open_read_only(options.target);
    if (!live) return live.status();
    auto items = index_hygiene(**live, options.target, options.unused_min_bytes, report.notes);
    std::set<std::string> read, advised;
    for (const auto& e : entries)
        if (auto names = whatif.indexes_read(e.query.sql, config); names && e.query.weight > 0) read.insert(names->begin(), names->end());
    for (const auto* chosen : config) advised.insert(chosen->ddl(true));
    std::erase_if(items, [&](const HygieneItem& item) {
        return (item.kind == "unused" && read.count(item.object.substr(item.object.find('.') + 1))) ||
               (item.kind == "fk-without-index" && advised.count(item.sql));
    });
    report.existing.insert(report.existing.end(), items.begin(), items.end());
    return Status::ok();
}

}  // namespace

Result<AdviceReport> advise_indexes(const AdviseOptions& options) {
    if (classify_target(options.target) == TargetKind::sqlite) return advise_sqlite(options);
    if (classify_target(options.target) == TargetKind::mysql) return advise_mysql(options);
    auto started = std::chrono::steady_clock::now();
    AdviceReport report;
    Workspace ws;
    if (Status read = read_postgres_schema(options.target, ws); !read.is_ok()) return read;
    report.target = ws.live_target;
    std::vector<IndexCandidate> pool;
    auto entries = workload_entries(options, ws.schema, true, pool, report);
    if (!entries) return entries.status();
    // --clone: the what-if costs come from a scratch copy of the workload's
    // tables, where GIN candidates can be built and a database without
    // hypopg does not matter (dbsage never creates one there).
    auto whatif = WhatIfPostgres::open(options.target);
    bool live_hypopg = static_cast<bool>(whatif);
    std::unique_ptr<ScratchPostgres> scratch;
    if (options.clone) {
        std::set<std::string> tables;
        for (const auto& e : *entries) tables.insert(e.tables.begin(), e.tables.end());
        std::string copied;
        auto cloned = clone_tables(options.target, tables, options.clone_max_bytes, copied);
        if (!cloned) return Status::error("--clone: " + cloned.status().message());
        scratch = std::move(*cloned);
        whatif = WhatIfPostgres::open_scratch(scratch->conninfo());
        report.notes.push_back("what-if costs from " + copied + (live_hypopg ? "" : " (the database has no hypopg)"));
    }
    if (!whatif) return whatif.status();
    if (int filled = fill_parameter_values((*whatif)->connection(), ws.schema, *entries); filled > 0)
        report.notes.push_back(std::to_string(filled) + " statement" + (filled == 1 ? "" : "s") +
                               " with $n got typical values from pg_stats (histogram median, else most common value; LIMIT 20)");
    drop_uncostable(**whatif, pool, report);
    report.candidates = static_cast<int>(pool.size());
    Search search(**whatif, *entries);

    std::vector<const IndexCandidate*> config;
    std::map<std::string, std::uint64_t> sizes;
    for (auto& e : *entries) {
        auto c = search.cost(e, {});
        if (!c) {
            report.notes.push_back(e.query.origin + ": EXPLAIN failed (" + c.status().message() + "); left out");
            e.query.weight = 0;
            continue;
        }
        e.query.cost_before = *c;
        if (!e.written.empty()) {
            auto rows = (*whatif)->rows_written(e.query.sql);
            if (rows) e.rows_written = *rows;
        }
    }
    auto grown = grow(search, **whatif, ws.schema, pool, options.budget_bytes, true, sizes);
    if (!grown) return grown.status();
    // Under a budget, choosing by benefit per byte can fill it with small
    // wins and leave out the one large index that matters most; choosing by
    // benefit alone is the other half of the classic knapsack bound: the
    // cheaper of the two sets is kept.
    if (options.budget_bytes) {
        auto by_benefit = grow(search, **whatif, ws.schema, pool, options.budget_bytes, false, sizes);
        if (!by_benefit) return by_benefit.status();
        if (by_benefit->cost < grown->cost) {
            grown = std::move(by_benefit);
            report.notes.push_back("under the budget, the set chosen by cost saved (not per byte) costs less, and is the one given");
        }
    }
    config = grown->config;
    for (auto& e : *entries) {
        auto c = search.cost(e, config);
        if (!c) return c.status();
        e.query.cost_after = *c + Search::upkeep(e, config);
        e.query.tables.assign(e.tables.begin(), e.tables.end());
        report.cost_before += e.query.weight * e.query.cost_before;
        report.cost_after += e.query.weight * e.query.cost_after;
        report.queries.push_back(e.query);
    }
    for (const auto* chosen : config) {
        IndexAdvice advice{*chosen, sizes[chosen->key()], {}};
        std::vector<const IndexCandidate*> without;
        for (const auto* c : config)
            if (c != chosen) without.push_back(c);
        for (size_t i = 0; i < entries->size(); ++i) {
            auto without_it = search.cost((*entries)[i], without);
            auto with_it = search.cost((*entries)[i], config);
            if (without_it && with_it && *without_it > *with_it) advice.serves.push_back(i);
        }
        report.bytes_added += advice.size_bytes;
        report.create.push_back(std::move(advice));
    }
    for (const auto* chosen : config) made_redundant(*chosen, ws.schema, report.existing);
    trigram_note(config, options.target, report.notes);
    find_still_costly(options.target, report);
    if (options.hygiene)
        if (Status judged = judge_existing(options, **whatif, *entries, config, report); !judged.is_ok()) return judged;
    report.planner_calls = (*whatif)->planner_calls();
    if (options.verify)
        if (Status verified = verify_advice(options.target, options.clone_max_bytes, report); !verified.is_ok())
            return verified;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace dbsage
