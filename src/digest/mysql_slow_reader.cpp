// The MySQL / MariaDB slow query log: "# Time:", "# User@Host:",
// "# Query_time:" header lines, then "use db;", "SET timestamp=…;" and the
// statement up to the next header. State survives block boundaries: "# Time:"
// and "use db;" are written only when they change, so blocks are read in
// order. The shapes below were taken from logs written by MySQL 8.0 and by
// MariaDB 10.11 with log_slow_verbosity=query_plan,explain,innodb.
#include <algorithm>
#include <charconv>
#include <string>

#include "digest/structured_readers.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr size_t k_max_statement_bytes = 16u << 20;

std::string_view value_after(std::string_view line, std::string_view key) {
    size_t at = line.find(key);
    if (at == std::string_view::npos) return {};
    size_t start = line.find_first_not_of(' ', at + key.size());
    if (start == std::string_view::npos) return {};
    size_t end = line.find(' ', start);
    return line.substr(start, (end == std::string_view::npos ? line.size() : end) - start);
}

template <typename T>
T number(std::string_view text) {
    T value{};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// "# Time:" as MySQL 5.7+ writes it ("2026-11-30T07:59:16.123456Z") is kept;
// the older form MariaDB still writes ("261130  7:59:16": YYMMDD, an hour
// without its leading zero) becomes "2026-11-30 07:59:16", so that times
// sort and the per-minute counts work the same for both.
std::string log_time(std::string_view line) {
    std::string_view rest = line.substr(7);
    size_t start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) return {};
    rest = rest.substr(start);
    if (rest.size() < 6 || rest.find_first_not_of("0123456789") != 6) return std::string(rest);
    std::string_view clock = rest.substr(6);
    clock.remove_prefix(std::min(clock.find_first_not_of(' '), clock.size()));
    std::string out = "20" + std::string(rest.substr(0, 2)) + "-" + std::string(rest.substr(2, 2)) + "-" +
                      std::string(rest.substr(4, 2)) + " ";
    if (clock.find(':') == 1) out += '0';
    out.append(clock);
    return out;
}

// "use `shop`;" (MariaDB quotes the name), "use shop;" (MySQL).
std::string database_of_use(std::string_view line) {
    std::string_view db = line.substr(4);
    while (!db.empty() && (db.back() == ';' || db.back() == ' ')) db.remove_suffix(1);
    if (db.size() < 2 || db.front() != '`' || db.back() != '`') return std::string(db);
    std::string out;
    for (size_t i = 1; i + 1 < db.size(); ++i) {
        out += db[i];
        if (db[i] == '`' && db[i + 1] == '`') ++i;  // a doubled backtick is one
    }
    return out;
}

class MysqlSlowParser : public BlockParser {
public:
    explicit MysqlSlowParser(RecordSink& sink) : m_sink(sink) { m_sink.set_sql_quotes(SqlQuotes::mysql); }

    void run(std::string_view text) override {
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            m_sink.next_line();
            line(text.substr(pos, end - pos));
            pos = end + 1;
        }
    }

    void finish() override { emit(); }

private:
    void line(std::string_view l) {
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        // The server writes its banner when it starts and after FLUSH SLOW
        // LOGS: it ends the entry before and is no statement.
        if (l.size() > 13 && l.substr(l.size() - 13) == "started with:" && l.find(", Version: ") != std::string_view::npos) {
            emit();
            m_in_banner = true;
            return;
        }
        if (m_in_banner && (starts_with(l, "Tcp port:") || starts_with(l, "Time "))) return;
        if (l == "#" || starts_with(l, "# ")) {  // "#" alone frames MariaDB's "# explain:" lines
            m_in_banner = false;
            header(l);
            return;
        }
        if (!m_have_timing) return;
        if (m_sql.empty() && starts_with(l, "use ")) {
            m_database = database_of_use(l);
            return;
        }
        if (m_sql.empty() && starts_with(l, "SET timestamp=")) return;
        if (m_sql.size() > k_max_statement_bytes) return;  // broken input: no header for a long way
        if (!m_sql.empty()) m_sql += '\n';
        m_sql.append(l);
    }

    void header(std::string_view l) {
        if (starts_with(l, "# Time:") || starts_with(l, "# User@Host:")) emit();
        if (starts_with(l, "# Time:")) {
            m_time = log_time(l);
        } else if (starts_with(l, "# User@Host:")) {
            auto user = value_after(l, "# User@Host:");
            m_user.assign(user.substr(0, user.find('[')));
            m_session.assign(value_after(l, "Id:"));
        } else if (starts_with(l, "# Thread_id:")) {
            m_session.assign(value_after(l, "# Thread_id:"));
            // "Schema:   QC_hit: No": no database selected.
            auto schema = value_after(l, "Schema:");
            if (!schema.empty() && schema.back() == ':') schema = {};
            m_database.assign(schema);
        } else if (starts_with(l, "# Query_time:")) {
            if (!m_sql.empty()) emit();
            m_ms = number<double>(value_after(l, "Query_time:")) * 1000.0;
            m_rows_sent = number<std::uint64_t>(value_after(l, "Rows_sent:"));
            m_rows_examined = number<std::uint64_t>(value_after(l, "Rows_examined:"));
            m_have_timing = true;
        }
    }

    void emit() {
        if (m_have_timing && !m_sql.empty()) {
            PrefixFields f{m_session, m_time, m_user, m_database, {}};
            m_sink.statement(f, m_ms, m_sql, m_rows_sent, m_rows_examined);
        }
        m_sql.clear();
        m_have_timing = false;
    }

    RecordSink& m_sink;
    std::string m_time, m_user, m_session, m_database, m_sql;
    double m_ms = 0;
    std::uint64_t m_rows_sent = 0, m_rows_examined = 0;
    bool m_have_timing = false;
    bool m_in_banner = false;
};

}  // namespace

BlockFormat mysql_slow_block_format() {
    BlockFormat format;
    format.cut = line_cut;
    format.make_parser = [](RecordSink& sink) { return std::make_unique<MysqlSlowParser>(sink); };
    format.in_order = true;
    return format;
}

}  // namespace dbsage
