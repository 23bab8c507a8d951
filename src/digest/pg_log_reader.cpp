// PostgreSQL stderr log reader: one pass over the text, no per-line allocation
// for lines that are not statements.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <thread>

#include <simdjson.h>
#include <cstring>
#include <fstream>
#include <sstream>

#include "digest/digest.h"
#include "digest/log_input.h"
#include "digest/normalizer.h"

namespace dbsage {
namespace {

constexpr std::string_view k_severities[] = {"LOG", "ERROR", "DETAIL", "STATEMENT", "WARNING", "FATAL",
                                             "HINT", "CONTEXT", "NOTICE", "PANIC", "INFO", "DEBUG"};

struct Line {
    std::string_view prefix;
    std::string_view severity;
    std::string_view message;
};

// Finds "SEVERITY:  " after the prefix; false for lines of another format.
bool split_line(std::string_view line, Line& out) {
    for (size_t at = line.find(":  "); at != std::string_view::npos; at = line.find(":  ", at + 1)) {
        size_t start = at;
        while (start > 0 && line[start - 1] >= 'A' && line[start - 1] <= 'Z') --start;
        auto word = line.substr(start, at - start);
        for (auto severity : k_severities) {
            if (word == severity && (start == 0 || line[start - 1] == ' ')) {
                out.prefix = line.substr(0, start);
                out.severity = word;
                out.message = line.substr(at + 3);
                return true;
            }
        }
    }
    return false;
}

// The session (process id in brackets), timestamp and user@db of a prefix.
struct PrefixFields {
    std::string_view session, timestamp, user, database, application;
};

// A log_line_prefix turned into literals and escapes, matched left to right:
// each escape takes the text up to the next literal.
class PrefixSpec {
public:
    explicit PrefixSpec(std::string_view spec) {
        std::string literal;
        for (size_t i = 0; i < spec.size(); ++i) {
            if (spec[i] != '%' || i + 1 >= spec.size()) {
                literal += spec[i];
                continue;
            }
            char e = spec[++i];
            if (e == '%') { literal += '%'; continue; }
            if (e == 'q') {  // what follows is missing for background processes
                m_parts.push_back({literal, 0});
                literal.clear();
                m_optional_from = m_parts.size();
                continue;
            }
            m_parts.push_back({literal, 0});
            literal.clear();
            m_parts.push_back({"", e});
        }
        m_parts.push_back({literal, 0});
    }

    // Reads the fields of a line's prefix; false when the prefix does not fit.
    bool match(std::string_view prefix, PrefixFields& out) const {
        size_t pos = 0;
        for (size_t i = 0; i < m_parts.size(); ++i) {
            const Part& part = m_parts[i];
            if (!part.escape) {
                if (prefix.compare(pos, part.literal.size(), part.literal) != 0)
                    return pos == prefix.size() && (i + 1 == m_parts.size() || i >= m_optional_from);
                pos += part.literal.size();
                continue;
            }
            // The value runs to the next literal (or the end of the prefix).
            std::string_view next = i + 1 < m_parts.size() ? std::string_view(m_parts[i + 1].literal) : std::string_view();
            size_t end = next.empty() ? prefix.size() : prefix.find(next, pos + (part.escape == 'm' || part.escape == 't' ? 19 : 0));
            if (end == std::string_view::npos) end = prefix.size();
            std::string_view value = prefix.substr(pos, end - pos);
            switch (part.escape) {
                case 'm': case 't': case 'n': out.timestamp = value; break;
                case 'p': out.session = value; break;
                case 'c': if (out.session.empty()) out.session = value; break;
                case 'u': out.user = value; break;
                case 'd': out.database = value; break;
                case 'a': out.application = value; break;
                default: break;
            }
            pos = end;
        }
        return true;
    }

private:
    struct Part {
        std::string literal;
        char escape;
    };
    std::vector<Part> m_parts;
    size_t m_optional_from = static_cast<size_t>(-1);
};

PrefixFields prefix_fields(std::string_view prefix) {
    PrefixFields f;
    if (prefix.size() >= 19 && prefix[4] == '-' && prefix[10] == ' ') {
        size_t end = prefix.find(' ', 20);  // after the time: zone or space
        if (end != std::string_view::npos && end + 1 < prefix.size() && std::isalpha(static_cast<unsigned char>(prefix[end + 1]))) {
            size_t zone_end = prefix.find(' ', end + 1);
            end = zone_end == std::string_view::npos ? prefix.size() : zone_end;
        }
        f.timestamp = prefix.substr(0, end == std::string_view::npos ? prefix.size() : end);
    }
    if (auto open = prefix.find('['); open != std::string_view::npos) {
        auto close = prefix.find(']', open);
        if (close != std::string_view::npos) f.session = prefix.substr(open + 1, close - open - 1);
        auto dash = f.session.find('-');  // [pid-line] from %p-%l
        if (dash != std::string_view::npos) f.session = f.session.substr(0, dash);
    }
    if (auto u = prefix.find("user="); u != std::string_view::npos) {
        f.user = prefix.substr(u + 5, prefix.find_first_of(", ", u + 5) - (u + 5));
        if (auto d = prefix.find("db="); d != std::string_view::npos)
            f.database = prefix.substr(d + 3, prefix.find_first_of(", ", d + 3) - (d + 3));
    } else if (auto at = prefix.rfind('@'); at != std::string_view::npos) {
        size_t start = prefix.rfind(' ', at);
        start = start == std::string_view::npos ? 0 : start + 1;
        size_t end = prefix.find(' ', at);
        f.user = prefix.substr(start, at - start);
        f.database = prefix.substr(at + 1, (end == std::string_view::npos ? prefix.size() : end) - at - 1);
    }
    return f;
}

// Milliseconds since 0000-03-01 for "YYYY-MM-DD HH:MM:SS[.mmm]"; only differences matter.
double timestamp_ms(std::string_view ts) {
    if (ts.size() < 19) return 0;
    auto num = [&](size_t at, size_t len) {
        int v = 0;
        std::from_chars(ts.data() + at, ts.data() + at + len, v);
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    y -= m <= 2;
    int era = y / 400, yoe = y - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long days = era * 146097L + yoe * 365L + yoe / 4 - yoe / 100 + doy;
    double ms = ((days * 24.0 + num(11, 2)) * 60 + num(14, 2)) * 60000.0 + num(17, 2) * 1000.0;
    if (ts.size() > 20 && ts[19] == '.') {
        int frac = 0;
        auto [end, ec] = std::from_chars(ts.data() + 20, ts.data() + std::min<size_t>(ts.size(), 23), frac);
        for (auto digits = end - (ts.data() + 20); digits < 3; ++digits) frac *= 10;
        ms += frac;
    }
    return ms;
}

// Replaces $n in a prepared statement with the values of "$1 = 'x', $2 = '3'".
std::string with_parameters(std::string sql, std::string_view detail) {
    std::vector<std::pair<int, std::string>> values;
    size_t at = 0;
    while ((at = detail.find('$', at)) != std::string_view::npos) {
        int n = 0;
        auto [p, ec] = std::from_chars(detail.data() + at + 1, detail.data() + detail.size(), n);
        if (ec != std::errc()) { ++at; continue; }
        size_t eq = detail.find(" = ", at);
        if (eq == std::string_view::npos) break;
        size_t start = eq + 3, end = start;
        if (end < detail.size() && detail[end] == '\'') {
            for (++end; end < detail.size(); ++end) {
                if (detail[end] == '\'' && end + 1 < detail.size() && detail[end + 1] == '\'') { ++end; continue; }
                if (detail[end] == '\'') { ++end; break; }
            }
        } else {
            end = detail.find(',', start);
            if (end == std::string_view::npos) end = detail.size();
        }
        values.emplace_back(n, std::string(detail.substr(start, end - start)));
        at = end;
    }
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [n, value] : values) {
        std::string key = "$" + std::to_string(n);
        for (size_t pos = sql.find(key); pos != std::string::npos; pos = sql.find(key, pos + value.size()))
            sql.replace(pos, key.size(), value);
    }
    return sql;
}

// Error messages grouped with their constants removed.
std::string error_class(std::string_view message) {
    std::string out;
    bool quoted = false;
    for (char c : message.substr(0, 120)) {
        if (c == '"') {
            if (!quoted) out += "\"?\"";
            quoted = !quoted;
            continue;
        }
        if (quoted) continue;
        if (std::isdigit(static_cast<unsigned char>(c))) {
            if (out.empty() || out.back() != '?') out += '?';
            continue;
        }
        out += c;
    }
    return out;
}

class Reader {
    struct Run {
        std::uint64_t fingerprint = 0, count = 0;
        double first_ms = 0, last_ms = 0;
    };

public:
    Reader(const DigestOptions& options, DigestReport& report) : m_options(options), m_report(report) {
        if (!options.prefix.empty()) m_spec.emplace(options.prefix);
    }

    // Numbers lines from here on (the line before the next one read).
    void set_line_number(std::uint64_t number) { m_line_number = number; }

    void run(std::string_view text) {
        size_t pos = 0;
        std::uint64_t& number = m_line_number;
        while (pos < text.size()) {
            const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
            size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
            std::string_view line = text.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            pos = end + 1;
            ++number;
            ++m_report.lines;
            if (!line.empty() && line[0] == '\t') {  // continuation of a multi-line message
                if (m_pending) {
                    m_sql += '\n';
                    m_sql += line.substr(1);
                }
                continue;
            }
            Line parsed;
            if (!split_line(line, parsed)) {
                if (!line.empty()) skip(number);
                continue;
            }
            if (parsed.severity == "DETAIL" && m_pending && parsed.message.rfind("parameters: ", 0) == 0) {
                m_parameters.assign(parsed.message.substr(12));
                continue;
            }
            flush();
            PrefixFields fields;
            if (m_spec) {
                if (!m_spec->match(parsed.prefix, fields)) {
                    skip(number);
                    continue;
                }
            } else {
                fields = prefix_fields(parsed.prefix);
            }
            handle(parsed.severity, parsed.message, fields);
        }
    }

    // One record of a structured log (csvlog, jsonlog): the fields come apart.
    void record(std::string_view severity, std::string_view message, std::string_view detail, const PrefixFields& fields) {
        ++m_report.lines;
        flush();
        handle(severity, message, fields);
        if (m_pending && detail.rfind("parameters: ", 0) == 0) m_parameters.assign(detail.substr(12));
    }

    // One complete statement from a log whose records are not line-based
    // events (the MySQL slow log).
    void statement(const PrefixFields& fields, double ms, std::string_view sql, std::uint64_t rows_sent,
                   std::uint64_t rows_examined) {
        flush();
        start(fields, ms, sql, false);
        m_rows_sent = rows_sent;
        m_rows_examined = rows_examined;
        flush();
    }

    // A structured record that could not be read.
    void skip_record() { skip(++m_report.lines); }

    // The last record waits for continuation lines until the input ends.
    void flush_pending() { flush(); }

private:
    void skip(std::uint64_t number) {
        ++m_report.skipped_lines;
        if (m_report.skipped_examples.size() < 5) m_report.skipped_examples.push_back(number);
    }

    void handle(std::string_view severity, std::string_view msg, const PrefixFields& fields) {
        if (severity == "LOG" && msg.rfind("duration: ", 0) == 0) {
            double ms = 0;
            std::from_chars(msg.data() + 10, msg.data() + std::min<size_t>(msg.size(), 40), ms);
            size_t two = msg.find(" ms  ");
            if (two == std::string_view::npos) return;  // log_duration without the statement
            std::string_view rest = msg.substr(two + 5);
            if (rest.rfind("statement: ", 0) == 0) return start(fields, ms, rest.substr(11), false);
            for (std::string_view kind : {"execute ", "parse ", "bind "}) {
                if (rest.rfind(kind, 0) != 0) continue;
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
        if (msg.find("still waiting for ") != std::string_view::npos) ++m_report.lock_waits;
        else if (msg.rfind("temporary file: ", 0) == 0) ++m_report.temp_files;
        else if (msg.rfind("automatic vacuum", 0) == 0 || msg.rfind("automatic aggressive vacuum", 0) == 0) ++m_report.autovacuum;
        else if (msg.rfind("automatic analyze", 0) == 0) ++m_report.autoanalyze;
        else if (msg.rfind("checkpoint complete", 0) == 0) ++m_report.checkpoints;
        else if (msg.rfind("connection authorized", 0) == 0) ++m_report.connections;
        else if (msg.rfind("disconnection: ", 0) == 0) ++m_report.disconnections;
    }

    void start(const PrefixFields& f, double ms, std::string_view sql, bool prepared) {
        m_pending = true;
        m_ms = ms;
        m_sql.assign(sql);
        m_prepared = prepared;
        m_parameters.clear();
        m_session.assign(f.session);
        m_timestamp.assign(f.timestamp);
        m_user.assign(f.user);
        m_database.assign(f.database);
        m_application.assign(f.application);
    }

    void flush() {
        if (!m_pending) return;
        m_pending = false;
        std::string normalized = normalize_query(m_sql);
        std::uint64_t id = fingerprint_id(normalized);
        QueryStats& q = m_report.queries[id];
        const std::string& ts = m_timestamp;
        if (q.calls == 0) {
            q.query = std::move(normalized);
            q.min_ms = m_ms;
            q.first = ts;
        }
        ++q.calls;
        q.total_ms += m_ms;
        if (m_ms < q.min_ms) q.min_ms = m_ms;
        // The slowest run is the example; among equally slow ones the smallest
        // text, so the choice does not depend on reading order (threads).
        if (m_ms > q.max_ms || q.example.empty()) {
            q.max_ms = m_ms;
            q.example = m_prepared && !m_parameters.empty() ? with_parameters(m_sql, m_parameters) : m_sql;
        } else if (m_ms == q.max_ms) {
            std::string candidate = m_prepared && !m_parameters.empty() ? with_parameters(m_sql, m_parameters) : m_sql;
            if (candidate < q.example) q.example = std::move(candidate);
        }
        q.last = ts;
        q.histogram.add(m_ms);
        q.rows_sent += m_rows_sent;
        q.rows_examined += m_rows_examined;
        m_rows_sent = m_rows_examined = 0;
        if (!m_user.empty()) ++q.users[m_user];
        if (!m_database.empty()) ++q.databases[m_database];
        if (!m_application.empty()) ++q.applications[m_application];
        ++m_report.statements;
        m_report.total_ms += m_ms;
        if (m_report.first.empty()) m_report.first = ts;
        if (ts.size() >= 16) {
            auto& minute = m_report.per_minute[ts.substr(0, 16)];
            ++minute.first;
            minute.second += m_ms;
        }
        if (!ts.empty()) m_report.last = ts;
        track_repeats(id, ts);
    }

    // N+1: one session running the same statement many times in a row.
    void track_repeats(std::uint64_t id, const std::string& ts) {
        Run& run = m_runs[m_session];
        double now = timestamp_ms(ts);
        if (run.fingerprint == id) {
            ++run.count;
            run.last_ms = now;
            return;
        }
        close_run(run, m_session);
        run = Run{id, 1, now, now};
    }

    void close_run(const Run& run, const std::string& session) {
        if (run.count < static_cast<std::uint64_t>(m_options.n_plus_one_min)) return;
        if (run.last_ms - run.first_ms > m_options.n_plus_one_window_ms) return;
        const QueryStats& q = m_report.queries[run.fingerprint];
        m_report.n_plus_one.push_back({run.fingerprint, session, run.count, run.last_ms - run.first_ms, q.example});
    }

public:
    void finish() {
        for (const auto& [session, run] : m_runs) close_run(run, session);
        m_runs.clear();
    }

private:
    const DigestOptions& m_options;
    DigestReport& m_report;
    std::optional<PrefixSpec> m_spec;
    std::uint64_t m_line_number = 0;
    bool m_pending = false;
    bool m_prepared = false;
    double m_ms = 0;
    std::uint64_t m_rows_sent = 0, m_rows_examined = 0;
    std::string m_sql;
    std::string m_parameters;
    std::string m_session, m_timestamp, m_user, m_database, m_application;  // copies: the text is read in chunks
    std::unordered_map<std::string, Run> m_runs;
};

// csvlog: RFC 4180 records (quoted fields may hold newlines). Columns as
// PostgreSQL 13-17 write them: 0 time, 1 user, 2 database, 3 pid,
// 11 severity, 13 message, 14 detail.
size_t read_csv_records(std::string_view text, Reader& reader, bool at_end) {
    std::vector<std::string> fields;
    size_t pos = 0, record_start = 0;
    std::string field;
    while (pos < text.size()) {
        fields.clear();
        record_start = pos;
        bool complete = false;
        while (pos < text.size()) {
            field.clear();
            if (text[pos] == '"') {
                ++pos;
                for (; pos < text.size(); ++pos) {
                    if (text[pos] == '"') {
                        if (pos + 1 < text.size() && text[pos + 1] == '"') { field += '"'; ++pos; continue; }
                        ++pos;
                        break;
                    }
                    field += text[pos];
                }
            } else {
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n') field += text[pos++];
            }
            fields.push_back(field);
            if (pos < text.size() && text[pos] == ',') { ++pos; continue; }
            if (pos < text.size() && text[pos] == '\n') { ++pos; complete = true; }
            break;
        }
        if (!complete && !at_end) return record_start;  // finish it with the next chunk
        if (fields.size() < 15) continue;
        PrefixFields f{fields[3], fields[0], fields[1], fields[2], fields.size() > 22 ? std::string_view(fields[22]) : std::string_view()};
        reader.record(fields[11], fields[13], fields[14], f);
    }
    return text.size();
}

// jsonlog (PostgreSQL 15+): one object per line.
void read_json_lines(std::string_view text, Reader& reader) {
    simdjson::dom::parser parser;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        simdjson::dom::element doc;
        if (line.empty() || parser.parse(line.data(), line.size()).get(doc)) {
            if (!line.empty()) reader.skip_record();
            continue;
        }
        auto text_of = [&](const char* key) {
            std::string_view v;
            return doc[key].get(v) ? std::string_view() : v;
        };
        int64_t pid = 0;
        std::string pid_text = doc["pid"].get(pid) ? std::string() : std::to_string(pid);
        PrefixFields f{pid_text, text_of("timestamp"), text_of("user"), text_of("dbname"), text_of("application_name")};
        reader.record(text_of("error_severity"), text_of("message"), text_of("detail"), f);
    }
}

// The MySQL / MariaDB slow query log: "# Time:", "# User@Host:", "# Query_time:"
// header lines, then "use db;", "SET timestamp=…;" and the statement up to
// the next header. State survives chunk boundaries.
class MysqlSlowReader {
public:
    explicit MysqlSlowReader(Reader& reader) : m_reader(reader) {}

    void run(std::string_view text) {
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            line(text.substr(pos, end - pos));
            pos = end + 1;
        }
    }

    void finish() { emit(); }

private:
    static std::string_view value_after(std::string_view line, std::string_view key) {
        size_t at = line.find(key);
        if (at == std::string_view::npos) return {};
        size_t start = line.find_first_not_of(' ', at + key.size());
        if (start == std::string_view::npos) return {};
        size_t end = line.find(' ', start);
        return line.substr(start, (end == std::string_view::npos ? line.size() : end) - start);
    }

    template <typename T>
    static T number(std::string_view text) {
        T value{};
        std::from_chars(text.data(), text.data() + text.size(), value);
        return value;
    }

    void line(std::string_view l) {
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.rfind("# ", 0) == 0) {
            if (l.rfind("# Time:", 0) == 0 || l.rfind("# User@Host:", 0) == 0) emit();
            if (l.rfind("# Time:", 0) == 0) {
                m_time.assign(value_after(l, "# Time:"));
            } else if (l.rfind("# User@Host:", 0) == 0) {
                auto user = value_after(l, "# User@Host:");
                m_user.assign(user.substr(0, user.find('[')));
                m_session.assign(value_after(l, "Id:"));
            } else if (l.rfind("# Thread_id:", 0) == 0) {
                m_session.assign(value_after(l, "# Thread_id:"));
                if (auto schema = value_after(l, "Schema:"); !schema.empty()) m_database.assign(schema);
            } else if (l.rfind("# Query_time:", 0) == 0) {
                emit_if_statement();
                m_ms = number<double>(value_after(l, "Query_time:")) * 1000.0;
                m_rows_sent = number<std::uint64_t>(value_after(l, "Rows_sent:"));
                m_rows_examined = number<std::uint64_t>(value_after(l, "Rows_examined:"));
                m_have_timing = true;
            }
            return;
        }
        if (!m_have_timing) return;  // server banner lines ("Tcp port: …", "Time Id Command Argument")
        if (m_sql.empty() && l.rfind("use ", 0) == 0) {
            auto db = l.substr(4);
            while (!db.empty() && (db.back() == ';' || db.back() == ' ')) db.remove_suffix(1);
            m_database.assign(db);
            return;
        }
        if (m_sql.empty() && l.rfind("SET timestamp=", 0) == 0) return;
        if (!m_sql.empty()) m_sql += '\n';
        m_sql.append(l);
    }

    void emit_if_statement() {
        if (!m_sql.empty()) emit();
    }

    void emit() {
        if (m_have_timing && !m_sql.empty()) {
            PrefixFields f{m_session, m_time, m_user, m_database, {}};
            m_reader.statement(f, m_ms, m_sql, m_rows_sent, m_rows_examined);
        }
        m_sql.clear();
        m_have_timing = false;
    }

    Reader& m_reader;
    std::string m_time, m_user, m_session, m_database, m_sql;
    double m_ms = 0;
    std::uint64_t m_rows_sent = 0, m_rows_examined = 0;
    bool m_have_timing = false;
};

enum class LogFormat { stderr_text, csv, json, mysql_slow };

// The start of the last line before `pos` that begins a record: not a
// continuation ("\t…") and not the DETAIL of the message before it. Text
// can be cut there without splitting a statement from its lines. 0: none.
size_t record_boundary_before(std::string_view text, size_t pos) {
    while (pos > 0) {
        size_t nl = text.rfind('\n', pos - 1);
        if (nl == std::string_view::npos) return 0;
        size_t start = nl + 1;
        size_t end = start < text.size() ? text.find('\n', start) : std::string_view::npos;
        // Only before a whole line: a partial one may be a DETAIL that has not
        // arrived yet.
        if (end != std::string_view::npos && text[start] != '\t') {
            Line line;
            if (!split_line(text.substr(start, end - start), line) || line.severity != "DETAIL") return start;
        }
        pos = nl;
    }
    return 0;
}

// stderr text on several threads: each block is cut at record boundaries
// into one part per thread; every thread keeps its own reader and report,
// merged at the end. N+1 runs are closed at part ends (a run cut by a part
// boundary is judged in pieces).
void digest_stderr_parallel(LogInput& in, const DigestOptions& options, int threads, DigestReport& report,
                            std::uint64_t& bytes_read) {
    std::vector<DigestReport> parts(threads);
    std::vector<std::unique_ptr<Reader>> readers;
    for (auto& part : parts) readers.push_back(std::make_unique<Reader>(options, part));
    std::string buffer;
    std::uint64_t line_base = 0;
    bool at_end = false;
    bool need_more = false;  // the block held no record boundary: read on before cutting again
    while (!at_end || !buffer.empty()) {
        while (!at_end && (need_more || buffer.size() < options.chunk_bytes * static_cast<size_t>(threads))) {
            need_more = false;
            size_t kept = buffer.size();
            buffer.resize(kept + options.chunk_bytes);
            size_t got = in.read(buffer.data() + kept, options.chunk_bytes);
            buffer.resize(kept + got);
            bytes_read += got;
            if (got == 0) at_end = true;
            if (options.progress) options.progress(bytes_read);
        }
        std::string_view text(buffer);
        size_t end = at_end ? text.size() : record_boundary_before(text, text.size());
        if (end == 0) {
            if (at_end) break;
            need_more = true;  // one record larger than the block: read on
            continue;
        }
        // Cut points at record boundaries near equal shares.
        std::vector<size_t> cuts{0};
        for (int t = 1; t < threads; ++t) {
            size_t cut = record_boundary_before(text, end * static_cast<size_t>(t) / static_cast<size_t>(threads));
            cuts.push_back(std::max(cut, cuts.back()));
        }
        cuts.push_back(end);
        std::vector<std::uint64_t> bases;
        for (int t = 0; t < threads; ++t) {
            bases.push_back(line_base);
            auto piece = text.substr(cuts[t], cuts[t + 1] - cuts[t]);
            line_base += static_cast<std::uint64_t>(std::count(piece.begin(), piece.end(), '\n'));
        }
        auto work = [&](int t) {
            readers[t]->set_line_number(bases[t]);
            readers[t]->run(text.substr(cuts[t], cuts[t + 1] - cuts[t]));
            readers[t]->flush_pending();
            readers[t]->finish();
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
        work(0);
        for (auto& th : pool) th.join();
        buffer.erase(0, end);
    }
    for (const auto& part : parts) merge_reports(report, part);
}

LogFormat detect_format(std::string_view head) {
    size_t start = head.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && head[start] == '{') return LogFormat::json;
    if (head.find("\n# Query_time:") != std::string_view::npos || head.rfind("# Time:", 0) == 0 ||
        head.rfind("# User@Host:", 0) == 0 || head.find("started with:") != std::string_view::npos)
        return LogFormat::mysql_slow;
    // csvlog lines start with the timestamp followed by a comma and quoted fields.
    if (head.size() > 25 && head[4] == '-' && head.find(",\"") != std::string_view::npos &&
        head.find(",") < head.find('\n') && head.find(",") < 35)
        return LogFormat::csv;
    return LogFormat::stderr_text;
}

}  // namespace

void digest_text(std::string_view text, const DigestOptions& options, DigestReport& report) {
    Reader reader(options, report);
    reader.run(text);
    reader.flush_pending();
    reader.finish();
}

Result<DigestReport> digest_logs(const std::vector<std::string>& paths, const DigestOptions& options) {
    DigestReport report;
    std::uint64_t bytes_read = 0;
    for (const auto& path : expand_log_paths(paths)) {
        auto in = open_log(path);
        if (!in) return in.status();
        report.files.push_back(path);
        // Fixed-size chunks cut at line ends: memory does not grow with the log.
        std::string buffer;
        int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        if (threads > 1) {
            // Peek at the format: only stderr text splits safely between threads.
            std::string head(65536, '\0');
            head.resize((*in)->read(head.data(), head.size()));
            bytes_read += head.size();
            if (detect_format(std::string_view(head).substr(0, 4096)) == LogFormat::stderr_text) {
                struct Prefixed : LogInput {
                    Prefixed(std::string h, LogInput& rest) : head(std::move(h)), inner(rest) {}
                    size_t read(char* buffer, size_t size) override {
                        if (at < head.size()) {
                            size_t n = std::min(size, head.size() - at);
                            std::memcpy(buffer, head.data() + at, n);
                            at += n;
                            return n;
                        }
                        return inner.read(buffer, size);
                    }
                    Status status() const override { return inner.status(); }
                    std::string head;
                    size_t at = 0;
                    LogInput& inner;
                } prefixed(std::move(head), **in);
                std::uint64_t counted = bytes_read - prefixed.head.size();
                digest_stderr_parallel(prefixed, options, threads, report, counted);
                bytes_read = counted;
                if (!(*in)->status().is_ok())
                    report.warnings.push_back((*in)->status().message() + "; what came before was read");
                continue;
            }
            buffer = std::move(head);  // another format: one thread, starting with what was peeked
        }
        Reader reader(options, report);
        std::optional<LogFormat> format;
        MysqlSlowReader mysql(reader);
        auto consume = [&](std::string_view text, bool at_end) -> size_t {
            if (!format) format = detect_format(text.substr(0, 4096));
            if (*format == LogFormat::mysql_slow) {
                report.lines += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
                mysql.run(text);
                return text.size();
            }
            if (*format == LogFormat::csv) return read_csv_records(text, reader, at_end);
            if (*format == LogFormat::json) {
                read_json_lines(text, reader);
                return text.size();
            }
            reader.run(text);
            return text.size();
        };
        for (bool eof = false;;) {
            if (!eof) {
                size_t kept = buffer.size();
                buffer.resize(kept + options.chunk_bytes);
                size_t got = (*in)->read(buffer.data() + kept, options.chunk_bytes);
                buffer.resize(kept + got);
                bytes_read += got;
                if (options.progress) options.progress(bytes_read);
                eof = got == 0;
            }
            size_t cut = buffer.rfind('\n');
            if (cut == std::string::npos) {
                if (eof) break;
                continue;  // a line longer than a chunk: read on
            }
            size_t used = consume(std::string_view(buffer).substr(0, cut + 1), false);
            buffer.erase(0, used);
            if (eof && (used == 0 || buffer.find('\n') == std::string::npos)) break;
        }
        if (!(*in)->status().is_ok()) report.warnings.push_back((*in)->status().message() + "; what came before was read");
        if (!buffer.empty()) consume(buffer, true);  // a last record without its newline
        mysql.finish();
        reader.flush_pending();
        reader.finish();
    }
    if (report.statements == 0 && !report.warnings.empty()) return Status::error(report.warnings.front());
    if (report.lines == 0)
        return Status::error((paths.empty() ? std::string("input") : paths.front()) + ": the log is empty");
    if (report.statements == 0 && report.lines > 0 && report.lines == report.skipped_lines && !options.prefix.empty())
        return Status::error((paths.empty() ? std::string("input") : paths.front()) + ": no line matches --prefix '" +
                             options.prefix + "'; compare it with the server's log_line_prefix");
    if (report.statements == 0 && report.lines > 0 && report.lines == report.skipped_lines)
        return Status::error((paths.empty() ? std::string("input") : paths.front()) +
                             ": no PostgreSQL log lines recognized (is log_line_prefix unusual?)");
    return report;
}

}  // namespace dbsage
