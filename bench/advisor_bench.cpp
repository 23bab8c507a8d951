// The index-advisor benchmark (issue 9): a generated web shop with skewed
// data and a weighted workload of 18 statement shapes, on a scratch
// PostgreSQL with HypoPG. It compares, in one run, the index sets of
//   (a) dbsage advise indexes,
//   (b) a single-column index on every filtered column,
//   (c) a Dexter-style advisor built from Dexter's documented rules (per
//       query, single columns and column pairs; the best one, kept when it
//       at least halves the query's cost),
// by the workload's weighted planner cost and measured time as a share of
// the no-index baseline, the indexes' size and the what-if calls they took;
// then, on an SQLite copy, dbsage against (d) sqlite3's own .expert.
//
//   advisor_bench [--scale F] [--sqlite-scale F] [--no-sqlite] [--no-postgres]
//
// Run from the repository root (it reads bench/advisor/*.sql).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "advisor/advisor.h"
#include "advisor/verify.h"
#include "advisor/whatif_postgres.h"
#include "advisor/workload_entries.h"
#include "advisor_sqlite_bench.h"
#include "connectors/postgres/pg_connection.h"
#include "connectors/postgres/pg_schema_reader.h"
#include "model/workspace.h"
#include "sql/script_reader.h"
#include "sandbox/scratch_postgres.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

struct Config {
    std::string name;
    std::vector<IndexCandidate> indexes{};
    int whatif_calls = 0;
    double advisor_seconds = 0;
    double cost = 0, measured_ms = 0;
    std::uint64_t hypo_bytes = 0, real_bytes = 0;
};

bool plain_single(const IndexCandidate& c) {
    return c.method == "btree" && c.columns.size() == 1 && !c.columns[0].expression && c.where.empty() && c.include.empty();
}

// (b): every column a predicate or join filters on, one index each.
Config every_filtered_column(const std::vector<IndexCandidate>& pool) {
    Config config{"(b) one index per filtered column"};
    std::set<std::string> seen;
    for (const auto& c : pool) {
        if (!plain_single(c) || c.reason.find("ORDER BY") != std::string::npos || c.columns[0].descending) continue;
        if (seen.insert(c.schema + "." + c.table + "." + c.columns[0].name).second) config.indexes.push_back(c);
    }
    return config;
}

// (c): per query, each single column and ordered pair of the columns its
// candidates name (on one table) alone; the cheapest, when it at least
// halves the query's cost. Reads only, as Dexter reads its query log.
Result<Config> dexter_style(WhatIfPostgres& whatif, const std::vector<Entry>& entries, const Schema& schema) {
    Config config{"(c) Dexter-style (singles and pairs, one per query, >= 50%)"};
    auto started = Clock::now();
    int calls_before = whatif.planner_calls();
    std::set<std::string> chosen;
    for (const auto& e : entries) {
        if (e.kind != StatementKind::select) continue;
        Workspace ws;
        read_sql_text("q", e.query.sql, ws);
        if (ws.statements.empty() || !ws.statements[0].query) continue;
        std::map<std::string, std::vector<std::string>> columns;  // table -> columns
        for (const auto& c : index_candidates(*ws.statements[0].query, schema, 3))
            if (c.method == "btree" && c.where.empty())
                for (const auto& k : c.columns)
                    if (!k.expression) {
                        auto& list = columns[c.schema + "." + c.table];
                        if (std::find(list.begin(), list.end(), k.name) == list.end()) list.push_back(k.name);
                    }
        std::vector<IndexCandidate> tries;
        for (const auto& [table, list] : columns) {
            std::string schema_name = table.substr(0, table.find('.')), name = table.substr(table.find('.') + 1);
            for (const auto& a : list) {
                tries.push_back({schema_name, name, {{a}}});
                for (const auto& b : list)
                    if (a != b) tries.push_back({schema_name, name, {{a}, {b}}});
            }
        }
        auto base = whatif.cost(e.query.sql, {});
        if (!base) return base.status();
        double best = *base;
        const IndexCandidate* pick = nullptr;
        for (const auto& t : tries) {
            auto c = whatif.cost(e.query.sql, {&t});
            if (!c) return c.status();
            if (*c < best) best = *c, pick = &t;
        }
        if (pick && best <= 0.5 * *base && chosen.insert(pick->key()).second) config.indexes.push_back(*pick);
    }
    config.whatif_calls = whatif.planner_calls() - calls_before;
    config.advisor_seconds = seconds_since(started);
    return config;
}

Status planner_cost(WhatIfPostgres& whatif, const std::vector<Entry>& entries, Config& config) {
    for (const auto& e : entries) {
        std::vector<const IndexCandidate*> relevant;
        for (const auto& c : config.indexes)
            if (e.tables.count(c.schema + "." + c.table)) relevant.push_back(&c);
        auto c = whatif.cost(e.query.sql, relevant);
        if (!c) return c.status();
        config.cost += e.query.weight * *c;
    }
    for (const auto& c : config.indexes) {
        auto bytes = whatif.size(c);
        if (!bytes) return bytes.status();
        config.hypo_bytes += *bytes;
    }
    return Status::ok();
}

// Builds the set for real, times every statement (median of 3 after a
// warm-up, writes rolled back), and drops it again.
Status measured_time(PgConnection& conn, const std::vector<Entry>& entries, Config& config) {
    std::vector<std::string> names;
    for (size_t i = 0; i < config.indexes.size(); ++i) {
        std::string name = "bench_" + std::to_string(i);
        std::string ddl = config.indexes[i].ddl(false);
        ddl.insert(std::string("CREATE INDEX ").size(), name + " ");
        if (auto made = conn.query(ddl); !made) return Status::error(ddl + ": " + made.status().message());
        names.push_back(config.indexes[i].schema + "." + name);
    }
    if (auto analyzed = conn.query("ANALYZE"); !analyzed) return analyzed.status();
    for (const auto& name : names) {
        auto size = conn.query("SELECT pg_relation_size(" + quote_literal(name) + ")");
        if (size && !size->empty() && (*size)[0][0]) config.real_bytes += std::stoull(*(*size)[0][0]);
    }
    for (const auto& e : entries) {
        std::set<std::string> used;
        auto ms = measure_query(conn, e.query.sql, used);
        if (!ms) return Status::error(e.query.origin + ": " + ms.status().message());
        config.measured_ms += e.query.weight * *ms;
    }
    for (const auto& name : names) conn.query("DROP INDEX " + name);
    return Status::ok();
}

int run(double scale, double sqlite_scale, bool with_sqlite, bool with_postgres) {
    if (!with_postgres) return run_sqlite_bench(sqlite_scale, "/tmp");
    auto started = ScratchPostgres::start();
    if (!started) {
        std::cerr << started.status().message() << "\n";
        return 2;
    }
    auto& pg = **started;
    auto generation = Clock::now();
    std::string script = read_file("bench/advisor/generate-postgres.sql");
    for (auto [token, rows] : {std::pair{"{users}", 1000000.0}, {"{products}", 100000.0}, {"{orders}", 4000000.0}, {"{events}", 3000000.0}})
        script = replace_all(script, token, std::to_string(static_cast<long>(rows * scale)));
    std::string path = pg.dir() + "/generate.sql";
    std::ofstream(path) << "CREATE EXTENSION hypopg;\n" << script;
    if (Status loaded = pg.run_psql_file(path); !loaded.is_ok()) {
        std::cerr << "generating the data: " << loaded.message() << "\n";
        return 2;
    }
    auto conn = PgConnection::open_for_changes(pg.conninfo());
    if (!conn) return std::cerr << conn.status().message() << "\n", 2;
    auto total = (*conn)->query("SELECT pg_database_size(current_database())");
    double data_mb = total && !total->empty() ? std::stod(*(*total)[0][0]) / 1048576.0 : 0;
    std::cout << fmt::format("data: {:.0f} MB generated in {:.0f} s (scale {})\n", data_mb, seconds_since(generation), scale);

    AdviseOptions options;
    options.target = pg.conninfo();
    options.query_files = {"bench/advisor/workload-postgres.sql"};
    options.hygiene = false;
    auto advised = advise_indexes(options);
    if (!advised) return std::cerr << "dbsage: " << advised.status().message() << "\n", 2;
    Config a{"(a) dbsage advise indexes"};
    for (const auto& advice : advised->create) a.indexes.push_back(advice.index);
    a.whatif_calls = advised->planner_calls;
    a.advisor_seconds = advised->seconds;
    std::vector<Config> budgeted;
    for (std::uint64_t mb : {100, 200}) {
        options.budget_bytes = mb << 20;
        auto within = advise_indexes(options);
        if (!within) return std::cerr << "dbsage --budget: " << within.status().message() << "\n", 2;
        Config config{fmt::format("(a) dbsage advise indexes --budget {}MB", mb)};
        for (const auto& advice : within->create) config.indexes.push_back(advice.index);
        config.whatif_calls = within->planner_calls;
        config.advisor_seconds = within->seconds;
        budgeted.push_back(std::move(config));
    }
    options.budget_bytes = 0;

    Workspace ws;
    if (Status read = read_postgres_schema(options.target, ws); !read.is_ok()) return std::cerr << read.message() << "\n", 2;
    std::vector<IndexCandidate> pool;
    AdviceReport scratch_report;
    auto entries = workload_entries(options, ws.schema, false, pool, scratch_report);
    if (!entries) return std::cerr << entries.status().message() << "\n", 2;
    auto whatif = WhatIfPostgres::open(options.target);
    if (!whatif) return std::cerr << whatif.status().message() << "\n", 2;
    Config b = every_filtered_column(pool);
    auto c = dexter_style(**whatif, *entries, ws.schema);
    if (!c) return std::cerr << "dexter-style: " << c.status().message() << "\n", 2;

    std::vector<Config> configs{{"no index but the keys"}, a, budgeted[0], budgeted[1], b, *c};
    for (auto& config : configs) {
        if (Status s = planner_cost(**whatif, *entries, config); !s.is_ok()) return std::cerr << s.message() << "\n", 2;
        if (Status s = measured_time(**conn, *entries, config); !s.is_ok()) return std::cerr << s.message() << "\n", 2;
    }
    const Config& none = configs[0];
    std::cout << "\n| index set | indexes | planner cost | measured time | index MB (built) | what-if calls | advisor time |\n"
                 "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& config : configs)
        std::cout << fmt::format("| {} | {} | {:.1f}% | {:.1f}% ({:.1f} s) | {:.1f} | {} | {} |\n", config.name, config.indexes.size(),
                                 100 * config.cost / none.cost, 100 * config.measured_ms / none.measured_ms,
                                 config.measured_ms / 1000, static_cast<double>(config.real_bytes) / 1048576.0,
                                 config.whatif_calls ? std::to_string(config.whatif_calls) : "—",
                                 config.whatif_calls ? fmt::format("{:.2f} s", config.advisor_seconds) : "—");
    std::cout << "\n";
    for (const auto& config : configs) {
        if (config.indexes.empty()) continue;
        std::cout << config.name << ":\n";
        for (const auto& index : config.indexes) std::cout << "  " << index.ddl(true) << "\n";
    }
    if (!with_sqlite) return 0;
    return run_sqlite_bench(sqlite_scale, pg.dir());
}

}  // namespace
}  // namespace dbsage

int main(int argc, char** argv) {
    double scale = 1, sqlite_scale = 0.25;
    bool with_sqlite = true, with_postgres = true;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--scale" && i + 1 < argc) scale = std::stod(argv[++i]);
        else if (arg == "--sqlite-scale" && i + 1 < argc) sqlite_scale = std::stod(argv[++i]);
        else if (arg == "--no-sqlite") with_sqlite = false;
        else if (arg == "--no-postgres") with_postgres = false;
        else {
            std::cerr << "usage: advisor_bench [--scale F] [--sqlite-scale F] [--no-sqlite] [--no-postgres]\n";
            return 2;
        }
    }
    return dbsage::run(scale, sqlite_scale, with_sqlite, with_postgres);
}
