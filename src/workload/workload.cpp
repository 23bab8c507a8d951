#include "workload/workload.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "connectors/mysql/mysql_statements.h"
#include "connectors/postgres/pg_stat_statements.h"
#include "connectors/target.h"
#include "digest/digest.h"
#include "digest/normalizer.h"
#include "model/workspace.h"
#include "sql/script_reader.h"
#include "util/files.h"

namespace dbsage {
namespace {

bool is_workload_statement(StatementKind kind) {
    return kind == StatementKind::select || kind == StatementKind::insert || kind == StatementKind::update ||
           kind == StatementKind::delete_;
}

}  // namespace

Result<std::vector<WorkloadQuery>> read_query_files(const std::vector<std::string>& paths) {
    static const std::regex k_calls(R"(^\s*--\s*calls:\s*([0-9]+(\.[0-9]+)?)\s*$)");
    std::vector<WorkloadQuery> out;
    for (const auto& path : paths) {
        auto text = read_file_text(path, "query file");
        if (!text) return text.status();
        // line -> weight of "-- calls: N" lines; a statement takes the last
        // one after the statement before it.
        std::map<int, double> weights;
        std::istringstream lines(*text);
        std::string line;
        for (int number = 1; std::getline(lines, line); ++number) {
            std::smatch m;
            if (std::regex_match(line, m, k_calls)) weights[number] = std::stod(m[1]);
        }
        Workspace ws;
        read_sql_text(path, *text, ws);
        int previous_end = 0;
        for (const auto& st : ws.statements) {
            int start = st.location.line;
            double weight = 1;
            for (auto it = weights.lower_bound(previous_end + 1); it != weights.end() && it->first < start; ++it)
                weight = it->second;
            previous_end = std::max(st.end_line, start);
            if (!st.query || !is_workload_statement(st.kind)) continue;
            out.push_back({st.text, weight, path + ":" + std::to_string(start)});
        }
    }
    return out;
}

Result<std::vector<WorkloadQuery>> read_workload_files(const std::vector<std::string>& paths) {
    std::vector<WorkloadQuery> out;
    for (const auto& path : paths) {
        auto text = read_file_text(path, "workload file");
        if (!text) return text.status();
        auto json = nlohmann::json::parse(*text, nullptr, false);
        if (json.is_discarded() || !json.contains("queries") || !json["queries"].is_array())
            return Status::error(path + ": not a workload file (dbsage digest --workload-out writes one)");
        for (const auto& q : json["queries"]) {
            std::string example = q.value("example", std::string());
            if (example.empty()) continue;
            double calls = q.value("calls", 1.0);
            double total_ms = q.value("total_ms", 0.0);
            out.push_back({example, total_ms > 0 ? total_ms : calls, path + " " + q.value("fingerprint", std::string())});
        }
    }
    return out;
}

namespace {

std::vector<WorkloadQuery> ranked_workload(const DigestReport& report, const std::string& origin, size_t limit) {
    std::vector<const QueryStats*> ranked;
    for (const auto& [id, q] : report.queries) ranked.push_back(&q);
    std::sort(ranked.begin(), ranked.end(), [](const QueryStats* a, const QueryStats* b) { return a->total_ms > b->total_ms; });
    if (ranked.size() > limit) ranked.resize(limit);
    std::vector<WorkloadQuery> out;
    for (const auto* q : ranked)
        out.push_back({q->example, std::max(q->total_ms, 1e-3), origin + " #" + std::to_string(out.size() + 1)});
    return out;
}

}  // namespace

Result<std::vector<WorkloadQuery>> read_log_workload(const std::vector<std::string>& paths) {
    if (paths.empty()) return std::vector<WorkloadQuery>{};
    auto report = digest_logs(paths, DigestOptions{});
    if (!report) return report.status();
    return ranked_workload(*report, "log", 200);
}

Result<DigestReport> read_server_digest(const std::string& target) {
    auto rows = classify_target(target) == TargetKind::mysql ? read_mysql_statement_digests(target)
                                                             : read_pg_stat_statements(target);
    if (!rows) return rows.status();
    DigestReport report;
    report.files.push_back(mask_target(target));
    for (const auto& row : *rows) {
        const std::string& example = row.example.empty() ? row.text : row.example;
        std::string normalized = normalize_query(example);
        QueryStats& q = report.queries[fingerprint_id(normalized)];
        if (q.calls == 0) {
            q.query = normalized;
            q.example = example;
            q.min_ms = row.min_ms.value_or(0);
        }
        q.calls += row.calls;
        q.total_ms += row.total_ms;
        if (row.max_ms) q.max_ms = std::max(q.max_ms, *row.max_ms);
        q.rows_sent += row.rows_sent.value_or(0);
        q.rows_examined += row.rows_examined.value_or(0);
        if (!row.database.empty()) q.databases[row.database] += row.calls;
        report.statements += row.calls;
        report.total_ms += row.total_ms;
    }
    return report;
}

Result<std::vector<WorkloadQuery>> read_server_workload(const std::string& target) {
    auto report = read_server_digest(target);
    if (!report) return report.status();
    // dbsage's own what-if statements (an earlier run of the advisor) are
    // not the application's workload.
    for (auto it = report->queries.begin(); it != report->queries.end();) {
        const std::string& q = it->second.query;
        bool own = q.rfind("explain", 0) == 0 || q.rfind("prepare dbsage_whatif", 0) == 0 ||
                   q.rfind("deallocate dbsage_whatif", 0) == 0 || q.find("hypopg_") != std::string::npos ||
                   q.rfind("set plan_cache_mode", 0) == 0;
        it = own ? report->queries.erase(it) : std::next(it);
    }
    return ranked_workload(*report, "pg_stat_statements", 100);
}

}  // namespace dbsage
