#include <algorithm>

#include "digest/digest.h"
#include "digest/log_fields.h"

namespace dbsage {
namespace {

template <typename Map>
void add_counts(Map& into, const Map& from) {
    for (const auto& [key, n] : from) into[key] += n;
}

}  // namespace

void merge_reports(DigestReport& total, const DigestReport& part) {
    for (const auto& [id, q] : part.queries) {
        QueryStats& t = total.queries[id];
        if (t.calls == 0) {
            t = q;
            continue;
        }
        if (q.max_ms > t.max_ms || (q.max_ms == t.max_ms && q.example < t.example)) t.example = q.example;
        t.calls += q.calls;
        t.total_ms += q.total_ms;
        t.min_ms = std::min(t.min_ms, q.min_ms);
        t.max_ms = std::max(t.max_ms, q.max_ms);
        keep_earliest(t.first, q.first);
        keep_latest(t.last, q.last);
        t.histogram.merge(q.histogram);
        add_counts(t.users, q.users);
        add_counts(t.databases, q.databases);
        add_counts(t.applications, q.applications);
        t.rows_sent += q.rows_sent;
        t.rows_examined += q.rows_examined;
    }
    total.statements += part.statements;
    total.total_ms += part.total_ms;
    total.parse_ms += part.parse_ms;
    total.bind_ms += part.bind_ms;
    keep_earliest(total.first, part.first);
    keep_latest(total.last, part.last);
    add_counts(total.errors, part.errors);
    total.lock_waits += part.lock_waits;
    total.temp_files += part.temp_files;
    total.autovacuum += part.autovacuum;
    total.autoanalyze += part.autoanalyze;
    total.checkpoints += part.checkpoints;
    total.connections += part.connections;
    total.disconnections += part.disconnections;
    total.lines += part.lines;
    total.records += part.records;
    total.skipped_lines += part.skipped_lines;
    for (auto n : part.skipped_examples) total.skipped_examples.push_back(n);
    std::sort(total.skipped_examples.begin(), total.skipped_examples.end());
    if (total.skipped_examples.size() > 5) total.skipped_examples.resize(5);
    total.n_plus_one.insert(total.n_plus_one.end(), part.n_plus_one.begin(), part.n_plus_one.end());
    for (const auto& [minute, stats] : part.per_minute) {
        auto& t = total.per_minute[minute];
        t.first += stats.first;
        t.second += stats.second;
    }
    total.warnings.insert(total.warnings.end(), part.warnings.begin(), part.warnings.end());
    total.unattributed_durations += part.unattributed_durations;
    total.unattributed_statements += part.unattributed_statements;
}

}  // namespace dbsage
