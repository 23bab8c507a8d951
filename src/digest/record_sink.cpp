#include "digest/record_sink.h"

#include <xxhash.h>

#include <algorithm>
#include <tuple>

#include "digest/normalizer.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr size_t k_max_skipped_examples = 5;
constexpr size_t k_fingerprint_cache_size = 1 << 14;  // a power of two

// An N+1 pattern: enough executions in a row within the window.
void judge_run(const DigestOptions& options, std::string_view session, const StatementRun& run,
               std::vector<NPlusOne>& out) {
    if (run.count < static_cast<std::uint64_t>(options.n_plus_one_min)) return;
    if (run.last_ms - run.first_ms > options.n_plus_one_window_ms) return;
    out.push_back({run.fingerprint, std::string(session), run.count, run.last_ms - run.first_ms, {}});
}

void count_in(std::map<std::string, std::uint64_t, std::less<>>& counts, std::string_view key) {
    if (key.empty()) return;
    auto it = counts.find(key);
    if (it == counts.end()) it = counts.emplace(std::string(key), 0).first;
    ++it->second;
}

}  // namespace

RecordSink::RecordSink(const DigestOptions& options, DigestReport& report)
    : m_options(options), m_report(report), m_fingerprints(k_fingerprint_cache_size) {}

void RecordSink::skip(std::uint64_t number) {
    ++m_report.skipped_lines;
    if (m_skipped.size() < k_max_skipped_examples) m_skipped.push_back(number);
}

void RecordSink::event(std::string_view severity, std::string_view msg, const PrefixFields& fields) {
    flush();
    ++m_report.records;
    if (severity == "LOG" && starts_with(msg, "duration: ")) {
        double ms = parse_duration(msg.substr(10, 30));
        size_t two = msg.find(" ms  ");
        if (two == std::string_view::npos) {
            // log_duration's bare line: the statement came earlier, from log_statement.
            auto logged = m_logged.find(fields.session);
            if (logged == m_logged.end()) {
                ++m_report.unattributed_durations;
                return;
            }
            const Logged& l = logged->second;
            m_pending = true;
            m_ms = ms;
            m_prepared = l.prepared;
            m_sql = l.sql;
            m_parameters = l.parameters;
            m_fields = PrefixFields{l.session, l.timestamp, l.user, l.database, l.application};
            flush();
            m_logged.erase(logged);
            return;
        }
        std::string_view rest = msg.substr(two + 5);
        if (starts_with(rest, "statement: ")) return start(fields, ms, rest.substr(11), false);
        for (std::string_view kind : {"execute ", "parse ", "bind "}) {
            if (!starts_with(rest, kind)) continue;
            size_t colon = rest.find(": ", kind.size());
            if (colon == std::string_view::npos) return;
            if (kind == "parse ") m_report.parse_ms += ms;
            else if (kind == "bind ") m_report.bind_ms += ms;
            else start(fields, ms, rest.substr(colon + 2), true);
            return;
        }
        return;
    }
    if (severity == "ERROR" || severity == "FATAL" || severity == "PANIC") {
        ++m_report.errors[error_class(msg)];
        return;
    }
    if (severity != "LOG") return;
    // log_statement: the statement now, its duration (if logged) on a later line.
    if (starts_with(msg, "statement: ")) {
        start(fields, 0, msg.substr(11), false);
        m_awaiting_duration = true;
        return;
    }
    if (starts_with(msg, "execute ")) {
        size_t colon = msg.find(": ", 8);
        if (colon != std::string_view::npos) {
            start(fields, 0, msg.substr(colon + 2), true);
            m_awaiting_duration = true;
            return;
        }
    }
    if (msg.find("still waiting for ") != std::string_view::npos) ++m_report.lock_waits;
    else if (starts_with(msg, "temporary file: ")) ++m_report.temp_files;
    else if (starts_with(msg, "automatic vacuum") || starts_with(msg, "automatic aggressive vacuum")) ++m_report.autovacuum;
    else if (starts_with(msg, "automatic analyze")) ++m_report.autoanalyze;
    else if (starts_with(msg, "checkpoint complete")) ++m_report.checkpoints;
    else if (starts_with(msg, "connection authorized")) ++m_report.connections;
    else if (starts_with(msg, "disconnection: ")) ++m_report.disconnections;
}

void RecordSink::continue_statement(std::string_view line) {
    if (m_sql.data() != m_sql_copy.data()) m_sql_copy.assign(m_sql);
    m_sql_copy += '\n';
    m_sql_copy += line;
    m_sql = m_sql_copy;
}

void RecordSink::parameters(std::string_view values) {
    if (!m_text_stable) values = m_parameters_copy.assign(values);
    m_parameters = values;
}

void RecordSink::statement(const PrefixFields& fields, double ms, std::string_view sql, std::uint64_t rows_sent,
                           std::uint64_t rows_examined) {
    flush();
    ++m_report.records;
    start(fields, ms, sql, false);
    m_rows_sent = rows_sent;
    m_rows_examined = rows_examined;
    flush();
}

void RecordSink::start(const PrefixFields& f, double ms, std::string_view sql, bool prepared) {
    m_pending = true;
    m_ms = ms;
    m_prepared = prepared;
    m_parameters = {};
    m_sql = sql;
    m_fields = f;
    if (m_text_stable) return;
    m_sql = m_sql_copy.assign(sql);
    std::string_view* fields[] = {&m_fields.session, &m_fields.timestamp, &m_fields.user, &m_fields.database,
                                  &m_fields.application};
    for (size_t i = 0; i < std::size(fields); ++i) *fields[i] = m_field_copies[i].assign(*fields[i]);
}

std::string RecordSink::example() const {
    if (m_prepared && !m_parameters.empty()) return with_parameters(std::string(m_sql), m_parameters);
    return std::string(m_sql);
}

std::uint64_t RecordSink::fingerprint_of(std::string_view sql) {
    std::uint64_t text_hash = XXH3_64bits(sql.data(), sql.size());
    CachedFingerprint& slot = m_fingerprints[text_hash & (k_fingerprint_cache_size - 1)];
    if (slot.text_hash == text_hash && slot.id != 0) return slot.id;
    std::string normalized = normalize_query(sql, m_quotes);
    std::uint64_t id = fingerprint_id(normalized);
    QueryStats& q = m_report.queries[id];
    if (q.calls == 0 && q.query.empty()) q.query = std::move(normalized);
    slot = {text_hash, id};
    return id;
}

double RecordSink::time_of(std::string_view ts) {
    if (ts.size() < 19) return 0;
    std::string_view second = ts.substr(0, 19);
    if (second != m_second_text) {
        m_second_text.assign(second);
        m_second_ms = timestamp_ms(second);
    }
    return m_second_ms + timestamp_fraction_ms(ts);
}

void RecordSink::keep_logged() {
    Logged l{std::string(m_sql), std::string(m_parameters), std::string(m_fields.session),
             std::string(m_fields.timestamp), std::string(m_fields.user), std::string(m_fields.database),
             std::string(m_fields.application), m_prepared};
    m_logged.insert_or_assign(l.session, std::move(l));
}

void RecordSink::flush() {
    if (!m_pending) return;
    m_pending = false;
    if (m_awaiting_duration) {
        m_awaiting_duration = false;
        keep_logged();
        return;
    }
    std::uint64_t id = fingerprint_of(m_sql);
    QueryStats& q = m_report.queries[id];
    std::string_view ts = m_fields.timestamp;
    if (q.calls == 0) q.min_ms = m_ms;
    keep_earliest(q.first, ts);
    ++q.calls;
    q.total_ms += m_ms;
    if (m_ms < q.min_ms) q.min_ms = m_ms;
    // The slowest run is the example; among equally slow ones the smallest
    // text, so the choice does not depend on reading order (threads).
    if (m_ms > q.max_ms || q.example.empty()) {
        q.max_ms = m_ms;
        q.example = example();
    } else if (m_ms == q.max_ms) {
        std::string candidate = example();
        if (candidate < q.example) q.example = std::move(candidate);
    }
    keep_latest(q.last, ts);
    q.histogram.add(m_ms);
    q.rows_sent += m_rows_sent;
    q.rows_examined += m_rows_examined;
    m_rows_sent = m_rows_examined = 0;
    count_in(q.users, m_fields.user);
    count_in(q.databases, m_fields.database);
    count_in(q.applications, m_fields.application);
    ++m_report.statements;
    m_report.total_ms += m_ms;
    keep_earliest(m_report.first, ts);
    if (ts.size() >= 16) {
        std::string_view minute = ts.substr(0, 16);
        if (!m_minute || minute != m_minute_text) {
            m_minute_text.assign(minute);
            m_minute = &m_report.per_minute[m_minute_text];  // std::map nodes stay put
        }
        ++m_minute->first;
        m_minute->second += m_ms;
    }
    keep_latest(m_report.last, ts);
    track_run(id, time_of(ts));
}

// N+1: one session running the same statement many times in a row. A run
// ended inside the block is judged here; a session's first run may have
// begun in the block before, so it waits for BlockJoiner.
void RecordSink::track_run(std::uint64_t id, double now) {
    auto it = m_runs.find(m_fields.session);
    if (it == m_runs.end()) it = m_runs.emplace(std::string(m_fields.session), SessionRuns{}).first;
    SessionRuns& s = it->second;
    StatementRun& run = s.current;
    if (run.count > 0 && run.fingerprint == id) {
        ++run.count;
        run.last_ms = now;
        return;
    }
    if (run.count > 0) {
        if (!s.head_closed) {
            s.head = run;
            s.head_closed = true;
        } else {
            judge_run(m_options, m_fields.session, run, m_report.n_plus_one);
        }
    }
    run = StatementRun{id, 1, now, now};
}

BlockEnd RecordSink::end_block() {
    flush();
    // Blocks on several threads: a statement and its duration in different
    // blocks cannot be paired (digest_logs reads such logs in order).
    if (!m_blocks_in_order) {
        m_report.unattributed_statements += m_logged.size();
        m_logged.clear();
    }
    BlockEnd end;
    end.lines = m_block_lines;
    end.skipped = std::move(m_skipped);
    for (auto& [session, s] : m_runs) {
        if (s.current.count == 0) continue;
        end.edges.push_back({session, s.head_closed ? s.head : s.current, s.current, !s.head_closed});
    }
    m_runs.clear();
    m_skipped.clear();
    m_block_lines = 0;
    return end;
}

void BlockJoiner::add(BlockEnd&& end) {
    for (auto n : end.skipped)
        if (m_report.skipped_examples.size() < k_max_skipped_examples) m_report.skipped_examples.push_back(m_line_base + n);
    m_line_base += end.lines;
    for (auto& edge : end.edges) {
        StatementRun merged = edge.head;
        if (auto it = m_open.find(edge.session); it != m_open.end()) {
            if (it->second.fingerprint == merged.fingerprint) {
                merged.count += it->second.count;
                merged.first_ms = it->second.first_ms;
            } else {
                judge_run(m_options, edge.session, it->second, m_report.n_plus_one);
            }
        }
        if (edge.whole) {
            m_open[edge.session] = merged;
        } else {
            judge_run(m_options, edge.session, merged, m_report.n_plus_one);
            m_open[edge.session] = edge.tail;
        }
    }
}

void BlockJoiner::finish() {
    for (const auto& [session, run] : m_open) judge_run(m_options, session, run, m_report.n_plus_one);
    m_open.clear();
}

void finish_report(DigestReport& report) {
    if (report.unattributed_durations > 0)
        report.warnings.push_back(std::to_string(report.unattributed_durations) +
                                  " duration lines had no statement line of their session before them (log_duration "
                                  "on without log_statement, or a prefix without %p): their time is in no query");
    for (auto& n : report.n_plus_one)
        if (auto it = report.queries.find(n.fingerprint); it != report.queries.end()) n.example = it->second.example;
    std::sort(report.n_plus_one.begin(), report.n_plus_one.end(), [](const NPlusOne& a, const NPlusOne& b) {
        return std::tie(b.count, a.session, a.fingerprint, a.span_ms) < std::tie(a.count, b.session, b.fingerprint, b.span_ms);
    });
}

}  // namespace dbsage
