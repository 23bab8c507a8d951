#include "advisor/verify.h"

#include "advisor/clone.h"
#include "advisor/parameter_values.h"
#include "advisor/whatif_postgres.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "connectors/postgres/pg_connection.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr int k_timed_runs = 3;           // after one warm-up run; the median counts
constexpr double k_faster = 0.8;          // measured after <= 80% of before: faster beyond noise

}  // namespace

Result<double> measure_query(PgConnection& conn, const std::string& sql, std::set<std::string>& used) {
    std::vector<double> times;
    for (int run = 0; run <= k_timed_runs; ++run) {
        if (auto begin = conn.query("BEGIN"); !begin) return begin.status();
        auto plan = conn.query("EXPLAIN (ANALYZE, FORMAT JSON) " + sql);
        conn.query("ROLLBACK");
        if (!plan) return plan.status();
        auto top = plan_of(*plan);
        if (!top) return top.status();
        if (run > 0) times.push_back(top->value("Execution Time", 0.0));
        if (run == k_timed_runs) index_names_in(*top, used);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void withdraw_unproven(AdviceReport& report, const std::vector<std::set<std::string>>& used) {
    std::vector<IndexAdvice> kept;
    for (auto& advice : report.create) {
        bool measured = false, faster = false;
        for (size_t i : advice.serves) {
            const auto& q = report.queries[i];
            if (!q.measured_before_ms || !q.measured_after_ms) continue;
            measured = true;
            // Faster on the clock, and through this index: a plan that does
            // not read it owes its time to noise.
            if (*q.measured_after_ms <= k_faster * *q.measured_before_ms && used[i].count(advice.index.name())) faster = true;
        }
        if (!measured || faster) {
            kept.push_back(std::move(advice));
            continue;
        }
        report.bytes_added -= std::min(report.bytes_added, advice.size_bytes);
        report.withdrawn.push_back(std::move(advice));
    }
    report.create = std::move(kept);
}

Status verify_advice(const std::string& target, std::uint64_t clone_max_bytes, AdviceReport& report) {
    if (report.create.empty()) return Status::ok();
    std::set<std::string> tables;
    for (const auto& q : report.queries) tables.insert(q.tables.begin(), q.tables.end());
    std::string copied;
    auto scratch = clone_tables(target, tables, clone_max_bytes, copied);
    if (!scratch) return Status::error("--verify: " + scratch.status().message());
    auto clone = PgConnection::open_for_changes((*scratch)->conninfo());
    if (!clone) return clone.status();
    report.verify_note = fmt::format("measured on {}, median of {} runs after a warm-up", copied, k_timed_runs);

    std::vector<std::set<std::string>> used(report.queries.size());
    auto measure_all = [&](bool after) -> Status {
        for (size_t i = 0; i < report.queries.size(); ++i) {
            auto& q = report.queries[i];
            if (q.weight <= 0 || highest_parameter(q.sql) > 0) continue;
            used[i].clear();
            auto ms = measure_query(**clone, q.sql, used[i]);
            if (!ms) return Status::error("--verify: " + q.origin + ": " + ms.status().message());
            (after ? q.measured_after_ms : q.measured_before_ms) = *ms;
        }
        return Status::ok();
    };
    if (Status before = measure_all(false); !before.is_ok()) return before;
    // Built under the names the advice gives them, so the plans can be read
    // for them (CONCURRENTLY buys nothing on a copy no one else uses).
    for (const auto& advice : report.create) {
        std::string ddl = advice.index.ddl(true);
        ddl.replace(0, std::string("CREATE INDEX CONCURRENTLY").size(), "CREATE INDEX");
        if (auto built = (*clone)->query(ddl); !built)
            return Status::error("--verify: " + ddl + ": " + built.status().message());
    }
    if (auto analyzed = (*clone)->query("ANALYZE"); !analyzed) return analyzed.status();
    if (Status after = measure_all(true); !after.is_ok()) return after;

    withdraw_unproven(report, used);
    report.verified = true;
    return Status::ok();
}

}  // namespace dbsage
