#include "digest/structured_readers.h"

#include <simdjson.h>

#include <cstring>
#include <string>
#include <vector>

namespace dbsage {
namespace {

// One record of a structured log: the fields come apart.
void structured_record(RecordSink& sink, std::string_view severity, std::string_view message, std::string_view detail,
                       const PrefixFields& fields) {
    sink.next_line();
    sink.event(severity, message, fields);
    if (sink.pending() && detail.substr(0, 12) == "parameters: ") sink.parameters(detail.substr(12));
}

// csvlog: RFC 4180 records (quoted fields may hold newlines). Columns as
// PostgreSQL 13-17 write them: 0 time, 1 user, 2 database, 3 pid,
// 11 severity, 13 message, 14 detail, 22 application. Fields are views into
// the text; only those holding doubled quotes are copied, unescaped.
class CsvParser : public BlockParser {
public:
    explicit CsvParser(RecordSink& sink) : m_sink(sink), m_unescaped(k_max_fields) {}

    void run(std::string_view text) override {
        size_t pos = 0;
        while (pos < text.size()) {
            bool complete = read_record(text, pos);
            if (m_fields.size() < 15) {
                if (complete || !m_fields.empty()) m_sink.skip(m_sink.next_line());
                continue;
            }
            PrefixFields f{m_fields[3], m_fields[0], m_fields[1], m_fields[2],
                           m_fields.size() > 22 ? m_fields[22] : std::string_view()};
            structured_record(m_sink, m_fields[11], m_fields[13], m_fields[14], f);
        }
    }

private:
    static constexpr size_t k_max_fields = 40;

    // Reads one record from pos into m_fields; false when the text ends inside it.
    bool read_record(std::string_view text, size_t& pos) {
        m_fields.clear();
        size_t copies = 0;
        const char* data = text.data();
        while (pos < text.size()) {
            std::string_view field;
            if (text[pos] == '"') {
                size_t start = ++pos;
                bool doubled = false;
                for (;;) {
                    auto* q = static_cast<const char*>(std::memchr(data + pos, '"', text.size() - pos));
                    if (!q) {
                        pos = text.size();
                        break;
                    }
                    pos = static_cast<size_t>(q - data);
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        doubled = true;
                        pos += 2;
                        continue;
                    }
                    break;
                }
                field = text.substr(start, pos - start);
                if (pos < text.size()) ++pos;  // the closing quote
                if (doubled && copies < m_unescaped.size()) field = unescape(field, m_unescaped[copies++]);
            } else {
                size_t start = pos;
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n') ++pos;
                field = text.substr(start, pos - start);
            }
            if (m_fields.size() < k_max_fields) m_fields.push_back(field);
            if (pos < text.size() && text[pos] == ',') {
                ++pos;
                continue;
            }
            if (pos < text.size() && text[pos] == '\n') {
                ++pos;
                return true;
            }
            break;
        }
        return false;
    }

    static std::string_view unescape(std::string_view field, std::string& out) {
        out.clear();
        for (size_t i = 0; i < field.size(); ++i) {
            out += field[i];
            if (field[i] == '"' && i + 1 < field.size() && field[i + 1] == '"') ++i;
        }
        return out;
    }

    RecordSink& m_sink;
    std::vector<std::string_view> m_fields;
    std::vector<std::string> m_unescaped;
};

// jsonlog (PostgreSQL 15+): one object per line.
class JsonParser : public BlockParser {
public:
    explicit JsonParser(RecordSink& sink) : m_sink(sink) {}

    void run(std::string_view text) override {
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            std::string_view line = text.substr(pos, end - pos);
            pos = end + 1;
            simdjson::dom::element doc;
            if (line.empty() || m_parser.parse(line.data(), line.size()).get(doc)) {
                if (!line.empty()) m_sink.skip(m_sink.next_line());
                continue;
            }
            auto text_of = [&](const char* key) {
                std::string_view v;
                return doc[key].get(v) ? std::string_view() : v;
            };
            int64_t pid = 0;
            m_pid = doc["pid"].get(pid) ? std::string() : std::to_string(pid);
            PrefixFields f{m_pid, text_of("timestamp"), text_of("user"), text_of("dbname"), text_of("application_name")};
            structured_record(m_sink, text_of("error_severity"), text_of("message"), text_of("detail"), f);
        }
    }

private:
    RecordSink& m_sink;
    simdjson::dom::parser m_parser;
    std::string m_pid;
};

// The end of the last csv record in text that starts at a record: the last
// newline outside quotes. A doubled quote leaves and re-enters a quoted
// field, so counting quotes is enough.
size_t csv_cut(std::string_view text) {
    const char* data = text.data();
    size_t pos = 0, last = 0;
    while (pos < text.size()) {
        auto* open = static_cast<const char*>(std::memchr(data + pos, '"', text.size() - pos));
        size_t until = open ? static_cast<size_t>(open - data) : text.size();
        if (auto* nl = static_cast<const char*>(memrchr(data + pos, '\n', until - pos))) last = static_cast<size_t>(nl - data) + 1;
        if (!open) break;
        auto* close = static_cast<const char*>(std::memchr(open + 1, '"', text.size() - until - 1));
        if (!close) break;
        pos = static_cast<size_t>(close - data) + 1;
    }
    return last;
}

}  // namespace

size_t line_cut(std::string_view text) {
    auto* nl = static_cast<const char*>(memrchr(text.data(), '\n', text.size()));
    return nl ? static_cast<size_t>(nl - text.data()) + 1 : 0;
}

LogFormat detect_log_format(std::string_view head) {
    size_t start = head.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && head[start] == '{') return LogFormat::json;
    if (head.find("\n# Query_time:") != std::string_view::npos || head.rfind("# Time:", 0) == 0 ||
        head.rfind("# User@Host:", 0) == 0 || head.find("started with:") != std::string_view::npos)
        return LogFormat::mysql_slow;
    // csvlog lines start with the timestamp followed by a comma and quoted fields.
    if (head.size() > 25 && head[4] == '-' && head.find(",\"") != std::string_view::npos &&
        head.find(',') < head.find('\n') && head.find(',') < 35)
        return LogFormat::csv;
    return LogFormat::stderr_text;
}

BlockFormat csv_block_format() {
    BlockFormat format;
    format.cut = csv_cut;
    format.make_parser = [](RecordSink& sink) { return std::make_unique<CsvParser>(sink); };
    return format;
}

BlockFormat json_block_format() {
    BlockFormat format;
    format.cut = line_cut;
    format.make_parser = [](RecordSink& sink) { return std::make_unique<JsonParser>(sink); };
    return format;
}

}  // namespace dbsage
