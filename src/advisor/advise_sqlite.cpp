#include "advisor/advise_sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>

#include "advisor/verify_sqlite.h"
#include "advisor/workload_entries.h"
#include "connectors/sqlite/sqlite_schema_reader.h"
#include "model/workspace.h"
#include "util/strings.h"

namespace dbsage {
namespace {

class MemoryDb {
public:
    ~MemoryDb() { sqlite3_close(m_db); }
    Status open(const std::string& source) {
        if (sqlite3_open_v2(":memory:", &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr) != SQLITE_OK)
            return Status::error("cannot open an in-memory SQLite database");
        std::string uri = "file:" + source + "?mode=ro";
        return exec("ATTACH " + quote_literal(uri) + " AS src");
    }
    Status exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return Status::ok();
        std::string message = error ? error : "failed";
        sqlite3_free(error);
        return Status::error(message);
    }
    // Rows of text (NULL as "").
    Result<std::vector<std::vector<std::string>>> rows(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return Status::error(sqlite3_errmsg(m_db));
        std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> guard(st, sqlite3_finalize);
        std::vector<std::vector<std::string>> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                auto* text = sqlite3_column_text(st, i);
                row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
            }
            out.push_back(std::move(row));
        }
        if (rc != SQLITE_DONE) return Status::error(sqlite3_errmsg(m_db));
        return out;
    }
    // EXPLAIN QUERY PLAN's details, one step a line.
    Result<std::string> plan(const std::string& sql) {
        auto r = rows("EXPLAIN QUERY PLAN " + sql);
        if (!r) return r.status();
        std::string out;
        for (const auto& row : *r) out += (out.empty() ? "" : "; ") + row.back();
        return out;
    }

private:
    sqlite3* m_db = nullptr;
};

// Rows of each table the candidates' statistics are computed from: the
// whole table up to k_sample_rows, else a uniform sample of about that many
// (kept in a temporary table), scaled back up.
constexpr double k_sample_rows = 100000;

struct Sample {
    std::string from;   // the table or its sample
    double rows = 0;    // the table's rows
    double scale = 1;   // rows per sampled row
};

Result<Sample> sample_of(MemoryDb& db, const std::string& table, std::map<std::string, Sample>& samples) {
    if (auto it = samples.find(table); it != samples.end()) return it->second;
    Sample sample{"src." + quote_ident(table)};
    auto n = db.rows("SELECT count(*) FROM " + sample.from);
    if (!n) return n.status();
    sample.rows = std::stod((*n)[0][0]);
    if (sample.rows > k_sample_rows) {
        sample.scale = std::ceil(sample.rows / k_sample_rows);
        std::string name = fmt::format("temp.dbsage_sample_{}", samples.size());
        if (Status made = db.exec(fmt::format("CREATE TABLE {} AS SELECT * FROM {} WHERE abs(random()) % {:.0f} = 0", name,
                                              sample.from, sample.scale));
            !made.is_ok())
            return made;
        sample.from = name;
    }
    samples.emplace(table, sample);
    return sample;
}

// sqlite_stat1 for a candidate, from the file's data: "N a ab …" where each
// number is the average rows per distinct value of the leading columns. On a
// sample the distinct values are estimated (GEE: values seen once stand for
// sqrt(1/share) each, the others for themselves).
Result<std::string> candidate_stat(MemoryDb& db, const IndexCandidate& c, std::map<std::string, Sample>& samples, double& rows) {
    auto sample = sample_of(db, c.table, samples);
    if (!sample) return sample.status();
    std::string where = c.where.empty() ? "" : " WHERE " + c.where;
    rows = sample->rows;
    if (!c.where.empty()) {
        auto n = db.rows("SELECT count(*) FROM " + sample->from + where);
        if (!n) return n.status();
        rows = std::stod((*n)[0][0]) * sample->scale;
    }
    std::string stat = fmt::format("{:.0f}", std::max(1.0, rows));
    std::vector<IndexKeyColumn> prefix;
    for (const auto& col : c.columns) {
        prefix.push_back(col);
        IndexCandidate p = c;
        p.columns = prefix;
        auto d = db.rows("SELECT count(*), coalesce(sum(n = 1), 0) FROM (SELECT count(*) AS n FROM " + sample->from + where +
                         " GROUP BY " + p.key_list(false) + ")");
        if (!d) return d.status();
        double distinct = std::stod((*d)[0][0]), once = std::stod((*d)[0][1]);
        double estimate = std::max(1.0, std::sqrt(sample->scale) * once + (distinct - once));
        stat += fmt::format(" {:.0f}", std::max(1.0, std::ceil(rows / estimate)));
    }
    return stat;
}

// The plan names the candidates as created here (dbsage_candidate_N); the
// report says the names the advice gives them.
std::string with_advice_names(const std::string& plan, const std::vector<IndexCandidate>& pool) {
    static const std::string k_prefix = "dbsage_candidate_";
    std::string out;
    size_t at = 0;
    for (size_t found; (found = plan.find(k_prefix, at)) != std::string::npos;) {
        size_t end = found + k_prefix.size();
        while (end < plan.size() && std::isdigit(static_cast<unsigned char>(plan[end]))) ++end;
        size_t n = std::stoul(plan.substr(found + k_prefix.size(), end - found - k_prefix.size()));
        out += plan.substr(at, found - at) + (n < pool.size() ? pool[n].name() : plan.substr(found, end - found));
        at = end;
    }
    return out + plan.substr(at);
}

// SQLite has B-trees alone, and no INCLUDE: a covering index there carries
// the other columns as trailing keys (how .expert writes them too).
// An INTEGER PRIMARY KEY is the rowid, which every index entry holds already.
void sqlite_candidates(std::vector<IndexCandidate>& pool, const Schema& schema) {
    std::vector<IndexCandidate> out;
    for (auto& c : pool) {
        if (c.method != "btree") continue;
        const Table* t = schema.find_table(c.schema, c.table);
        const Constraint* pk = t ? t->primary_key() : nullptr;
        auto rowid = [&](const std::string& column) {
            const Column* col = pk && pk->columns.size() == 1 && pk->columns[0] == column ? t->find_column(column) : nullptr;
            return col && col->type.starts_with("int");
        };
        for (const auto& column : c.include)
            if (!rowid(column)) c.columns.push_back({column});
        for (auto& key : c.columns) key.nulls.clear();  // an SQLite index has no NULLS FIRST/LAST
        c.include.clear();
        if (std::none_of(out.begin(), out.end(), [&](const IndexCandidate& o) { return o.key() == c.key(); }))
            out.push_back(std::move(c));
    }
    pool = std::move(out);
}

}  // namespace

Result<AdviceReport> advise_sqlite(const AdviseOptions& options) {
    auto started = std::chrono::steady_clock::now();
    AdviceReport report;
    Workspace ws;
    if (Status read = read_sqlite_schema(options.target, ws); !read.is_ok()) return read;
    std::string path = starts_with_ci(options.target, "sqlite:") ? options.target.substr(7) : options.target;
    report.target = path;
    report.sqlite = true;
    std::vector<IndexCandidate> pool;
    auto entries = workload_entries(options, ws.schema, false, pool, report);
    if (!entries) return entries.status();
    sqlite_candidates(pool, ws.schema);
    report.candidates = static_cast<int>(pool.size());

    MemoryDb db;
    if (Status opened = db.open(path); !opened.is_ok()) return Status::error(path + ": " + opened.message());
    auto schema = db.rows("SELECT sql FROM src.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                          "AND type IN ('table', 'index', 'view') ORDER BY type = 'table' DESC, type = 'view'");
    if (!schema) return Status::error(path + ": " + schema.status().message());
    for (const auto& row : *schema)
        if (Status made = db.exec(row[0]); !made.is_ok()) report.notes.push_back("not copied (" + made.message() + "): " + one_line(row[0]));
    // Statistics as the file has them; tables and indexes it never analyzed
    // get theirs computed, as every candidate does.
    if (Status stat = db.exec("ANALYZE sqlite_schema; DELETE FROM main.sqlite_stat1"); !stat.is_ok()) return stat;
    bool file_stats = db.exec("INSERT INTO main.sqlite_stat1 SELECT * FROM src.sqlite_stat1").is_ok();
    if (!file_stats)
        report.notes.push_back("the file has no sqlite_stat1 (run ANALYZE or PRAGMA optimize); the candidates' statistics "
                               "were computed from its data");

    std::vector<AdvisedQuery> queries;
    for (auto& e : *entries) {
        auto before = db.plan(e.query.sql);
        if (!before) {
            report.notes.push_back(e.query.origin + ": SQLite cannot plan it (" + before.status().message() + "); left out");
            e.query.weight = 0;
            continue;
        }
        e.query.plan_before = *before;
    }
    std::map<std::string, const IndexCandidate*> by_name;
    std::map<std::string, double> rows_of;
    std::map<std::string, Sample> samples;
    for (size_t i = 0; i < pool.size(); ++i) {
        const IndexCandidate& c = pool[i];
        std::string name = fmt::format("dbsage_candidate_{}", i);
        std::string ddl = "CREATE INDEX " + name + " ON " + quote_ident(c.table) + " (" + c.key_list(true) + ")" +
                          (c.where.empty() ? "" : " WHERE " + c.where);
        if (Status made = db.exec(ddl); !made.is_ok()) continue;
        double rows = 0;
        auto stat = candidate_stat(db, c, samples, rows);
        if (!stat) continue;
        db.exec("INSERT INTO main.sqlite_stat1 VALUES (" + quote_literal(c.table) + ", " + quote_literal(name) + ", " +
                quote_literal(*stat) + ")");
        by_name[name] = &c;
        rows_of[name] = rows;
    }
    if (Status reload = db.exec("ANALYZE sqlite_schema"); !reload.is_ok()) return reload;

    std::map<std::string, IndexAdvice> chosen;
    for (size_t qi = 0; qi < entries->size(); ++qi) {
        auto& e = (*entries)[qi];
        if (e.query.weight <= 0) continue;
        auto after = db.plan(e.query.sql);
        if (!after) continue;
        e.query.plan_after = *after;
        for (const auto& [name, candidate] : by_name) {
            if (after->find("INDEX " + name + " ") == std::string::npos && !after->ends_with("INDEX " + name)) continue;
            auto [it, inserted] = chosen.try_emplace(name, IndexAdvice{*candidate, 0, {}});
            it->second.serves.push_back(qi);
        }
    }
    for (auto& e : *entries) {
        e.query.tables.assign(e.tables.begin(), e.tables.end());
        e.query.plan_after = with_advice_names(e.query.plan_after, pool);
        report.queries.push_back(e.query);
    }
    for (auto& [name, advice] : chosen) {
        // About the bytes of the keys plus a rowid and cell overhead per row.
        std::string widths = "0";
        for (const auto& col : advice.index.columns)
            widths += " + coalesce(avg(length(" + (col.expression ? col.name : quote_ident(col.name)) + ")), 8)";
        auto w = db.rows("SELECT " + widths + " FROM src." + quote_ident(advice.index.table));
        double width = w && !w->empty() ? std::stod((*w)[0][0]) : 16;
        advice.size_bytes = static_cast<std::uint64_t>(rows_of[name] * (width + 12));
        report.bytes_added += advice.size_bytes;
        report.create.push_back(std::move(advice));
    }
    report.planner_calls = static_cast<int>(entries->size() * 2);
    if (options.verify)
        if (Status verified = verify_sqlite(path, report); !verified.is_ok()) return verified;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace dbsage
