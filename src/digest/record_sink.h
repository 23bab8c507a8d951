// Where log records of every format end up: statements aggregated per
// fingerprint, events counted, N+1 runs tracked. Logs are read in blocks
// (one per worker at a time); what a block cannot settle alone (its line
// count, the first runs of its sessions) is handed on as a BlockEnd and
// joined in block order by BlockJoiner.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "digest/digest.h"
#include "digest/log_fields.h"
#include "digest/normalizer.h"

namespace dbsage {

// One session running one fingerprint several times in a row.
struct StatementRun {
    std::uint64_t fingerprint = 0, count = 0;
    double first_ms = 0, last_ms = 0;
};

// A session's runs at the edges of a block: the head may continue the run
// the session had at the end of the block before, the tail may go on in
// the next block. whole: the session ran only one fingerprint in the block
// (head and tail are the same run).
struct SessionEdge {
    std::string session;
    StatementRun head, tail;
    bool whole = false;
};

struct BlockEnd {
    std::uint64_t lines = 0;
    std::vector<std::uint64_t> skipped;  // first few skipped lines, counted from the block's start
    std::vector<SessionEdge> edges;
};

class RecordSink {
public:
    RecordSink(const DigestOptions& options, DigestReport& report);

    // The text records point into stays put until end_block() (stderr
    // blocks): the sink keeps views instead of copies.
    void set_text_stable(bool stable) { m_text_stable = stable; }
    // How the log's statements quote strings and names (MySQL: "x" is a string).
    void set_sql_quotes(SqlQuotes quotes) { m_quotes = quotes; }
    // Blocks come in order to this one sink: a statement logged at the end
    // of one block may get its duration line in the next.
    void set_blocks_in_order(bool in_order) { m_blocks_in_order = in_order; }

    // Counts one line of input and returns its number within the block.
    std::uint64_t next_line() {
        ++m_report.lines;
        return ++m_block_lines;
    }

    // A line (numbered by next_line) that could not be read.
    void skip(std::uint64_t number);

    // One record: a duration, an error or another event.
    void event(std::string_view severity, std::string_view message, const PrefixFields& fields);

    // The statement of the last record goes on ("\t" continuation lines).
    bool pending() const { return m_pending; }
    void continue_statement(std::string_view line);
    // "DETAIL:  parameters: $1 = ..." of the last record.
    void parameters(std::string_view values);

    // One complete statement from a log without line-based records (MySQL).
    void statement(const PrefixFields& fields, double ms, std::string_view sql, std::uint64_t rows_sent,
                   std::uint64_t rows_examined);

    // Aggregates the pending statement, if any.
    void flush();

    // The block read so far is complete: settles what it can and hands on
    // the rest. Line numbers start again at 1.
    BlockEnd end_block();

private:
    void start(const PrefixFields& fields, double ms, std::string_view sql, bool prepared);
    std::uint64_t fingerprint_of(std::string_view sql);
    std::string example() const;
    double time_of(std::string_view ts);
    void track_run(std::uint64_t id, double now);

    // log_statement's "statement: …" line, waiting for log_duration's bare
    // "duration: … ms" line of the same session.
    struct Logged {
        std::string sql, parameters, session, timestamp, user, database, application;
        bool prepared = false;
    };
    void keep_logged();

    struct SessionRuns {
        StatementRun current;
        StatementRun head;
        bool head_closed = false;  // current is no longer the block's first run
    };

    const DigestOptions& m_options;
    DigestReport& m_report;
    std::uint64_t m_block_lines = 0;
    std::vector<std::uint64_t> m_skipped;
    bool m_pending = false;
    bool m_awaiting_duration = false;  // the pending statement has no duration yet
    bool m_blocks_in_order = false;
    std::map<std::string, Logged, std::less<>> m_logged;  // by session
    bool m_prepared = false;
    double m_ms = 0;
    std::uint64_t m_rows_sent = 0, m_rows_examined = 0;
    // The pending statement: views into the text, or into the copies below
    // when the text is not stable or the statement went on over lines.
    bool m_text_stable = false;
    std::string_view m_sql, m_parameters;
    PrefixFields m_fields;
    std::string m_sql_copy, m_parameters_copy;
    std::string m_field_copies[5];
    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
    };
    std::unordered_map<std::string, SessionRuns, StringHash, std::equal_to<>> m_runs;
    // Statement text -> fingerprint: prepared statements and ORMs repeat the
    // same text, which then skips normalization. Direct-mapped: a slot holds
    // the last text hashed to it (no allocation, no clearing).
    struct CachedFingerprint {
        std::uint64_t text_hash = 0, id = 0;
    };
    std::vector<CachedFingerprint> m_fingerprints;
    SqlQuotes m_quotes = SqlQuotes::postgres;
    // The last timestamp's whole seconds and the last minute's counters:
    // consecutive records nearly always share them.
    std::string m_second_text;
    double m_second_ms = 0;
    std::string m_minute_text;
    std::pair<std::uint64_t, double>* m_minute = nullptr;
};

// Joins BlockEnds in block order: numbers skipped lines from the input's
// start and judges the N+1 runs that cross block boundaries.
class BlockJoiner {
public:
    BlockJoiner(const DigestOptions& options, DigestReport& report) : m_options(options), m_report(report) {}

    void add(BlockEnd&& end);
    // The input is over: the runs still open are judged.
    void finish();

private:
    const DigestOptions& m_options;
    DigestReport& m_report;
    std::uint64_t m_line_base = 0;
    std::unordered_map<std::string, StatementRun> m_open;
};

// After all inputs: N+1 patterns get their fingerprint's example and a
// stable order (most executions first).
void finish_report(DigestReport& report);

}  // namespace dbsage
