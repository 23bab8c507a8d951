#include "digest/syslog_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <map>
#include <string>

namespace dbsage {
namespace {

// A message part waits this many lines for its continuation parts: syslog
// writes them microseconds apart, so a part this late belongs to no one.
constexpr std::uint64_t k_wait_lines = 1000;
constexpr size_t k_read_bytes = 1u << 20;

struct SyslogLine {
    std::string time;  // ISO: "2026-11-30 10:00:00[.fff]"
    std::string_view pid, rest;
    int part = 1;
};

bool digits(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

// "Nov 30 10:00:00" (day space-padded) or RFC 3339 "2026-11-30T10:00:00.123456+01:00".
size_t read_time(std::string_view line, int year, std::string& out) {
    static constexpr std::string_view k_months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (line.size() >= 16 && line[3] == ' ' && line[6] == ' ' && line[9] == ':' && line[12] == ':') {
        size_t month = k_months.find(line.substr(0, 3));
        if (month == std::string_view::npos || month % 3 != 0) return 0;
        char day0 = line[4] == ' ' ? '0' : line[4];
        out = fmt::format("{}-{:02}-{}{} {}", year, month / 3 + 1, day0, line[5], line.substr(7, 8));
        return 15;
    }
    if (line.size() >= 20 && line[4] == '-' && line[10] == 'T' && line[13] == ':') {
        size_t end = line.find(' ');
        if (end == std::string_view::npos) return 0;
        size_t fraction_end = 19;
        while (fraction_end < end && fraction_end < 23 && (line[fraction_end] == '.' || std::isdigit(static_cast<unsigned char>(line[fraction_end]))))
            ++fraction_end;
        out.assign(line.substr(0, fraction_end));
        out[10] = ' ';
        return end;
    }
    return 0;
}

// "<time> <host> <ident>[<pid>]: [<n>-<part>] <rest>"; the [n-part] is
// absent with syslog_sequence_numbers off. Heroku's log drain writes no host,
// "app[postgres.<pid>]" and the database's name in brackets first:
// "<time> app[postgres.4711]: [DATABASE] [3-1] sql_error_code = 00000 LOG:  …".
bool parse(std::string_view line, int year, SyslogLine& out) {
    size_t at = read_time(line, year, out.time);
    if (at == 0 || at >= line.size() || line[at] != ' ') return false;
    size_t colon = line.find("]: ", at + 1);
    size_t open = colon == std::string_view::npos ? colon : line.rfind('[', colon);
    if (open == std::string_view::npos || open <= at) return false;
    out.pid = line.substr(open + 1, colon - open - 1);
    if (size_t dot = out.pid.rfind('.'); dot != std::string_view::npos) out.pid.remove_prefix(dot + 1);
    if (!digits(out.pid)) return false;
    out.rest = line.substr(colon + 3);
    out.part = 1;
    if (out.rest.size() > 2 && out.rest[0] == '[') {
        size_t close = out.rest.find("] ");
        std::string_view name = out.rest.substr(1, close == std::string_view::npos ? 0 : close - 1);
        if (!name.empty() && name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == std::string_view::npos &&
            !digits(name.substr(0, 1)))
            out.rest.remove_prefix(close + 2);
    }
    if (out.rest.size() > 2 && out.rest[0] == '[') {
        size_t close = out.rest.find("] ");
        std::string_view seq = out.rest.substr(1, close == std::string_view::npos ? 0 : close - 1);
        size_t dash = seq.find('-');
        if (digits(seq.substr(0, dash)) && (dash == std::string_view::npos || digits(seq.substr(dash + 1)))) {
            if (dash != std::string_view::npos) std::from_chars(seq.data() + dash + 1, seq.data() + seq.size(), out.part);
            out.rest.remove_prefix(close + 2);
        }
    }
    return true;
}

// rsyslog writes control characters as "#ooo" octal: a tab is "#011".
void append_unescaped(std::string& out, std::string_view text) {
    size_t at;
    while ((at = text.find("#011")) != std::string_view::npos) {
        out.append(text.substr(0, at));
        out += '\t';
        text.remove_prefix(at + 4);
    }
    out.append(text);
}

class SyslogInput : public LogInput {
public:
    SyslogInput(LogInput& source, int year) : m_source(source), m_year(year) {}

    size_t read(char* buffer, size_t size) override {
        while (m_out.size() - m_out_at < size && !m_done) fill();
        size_t n = std::min(size, m_out.size() - m_out_at);
        std::memcpy(buffer, m_out.data() + m_out_at, n);
        m_out_at += n;
        if (m_out_at == m_out.size()) {
            m_out.clear();
            m_out_at = 0;
        }
        return n;
    }
    Status status() const override { return m_source.status(); }
    std::uint64_t consumed() const override { return m_source.consumed(); }

private:
    struct Pending {
        std::string text;
        std::uint64_t last_line = 0;
    };

    void fill() {
        size_t old = m_in.size();
        m_in.resize(old + k_read_bytes);
        size_t n = read_full(m_source, m_in.data() + old, k_read_bytes);
        m_in.resize(old + n);
        if (n == 0) m_done = true;
        size_t pos = 0;
        while (true) {
            size_t nl = m_in.find('\n', pos);
            if (nl == std::string::npos) break;
            line(std::string_view(m_in).substr(pos, nl - pos));
            pos = nl + 1;
        }
        if (m_done && pos < m_in.size()) {
            line(std::string_view(m_in).substr(pos));
            pos = m_in.size();
        }
        m_in.erase(0, pos);
        if (m_done) flush_older_than(static_cast<std::uint64_t>(-1));
    }

    void line(std::string_view l) {
        ++m_line;
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        SyslogLine s;
        if (!parse(l, m_year, s)) {
            m_out.append(l);  // not a syslog line: the stderr reader says it skipped it
            m_out += '\n';
            return;
        }
        auto it = m_pending.find(s.pid);
        if (s.part > 1) {
            std::string& into = it != m_pending.end() ? it->second.text : m_out;
            into += '\t';
            append_unescaped(into, s.rest);
            into += '\n';
            if (it != m_pending.end()) it->second.last_line = m_line;
            return;
        }
        if (it != m_pending.end()) {
            m_out += it->second.text;
            m_pending.erase(it);
        }
        Pending& p = m_pending[std::string(s.pid)];
        p.text = s.time;
        p.text += " [";
        p.text.append(s.pid);
        p.text += "] ";
        append_unescaped(p.text, s.rest);
        p.text += '\n';
        p.last_line = m_line;
        if (m_line % 256 == 0 && m_line > k_wait_lines) flush_older_than(m_line - k_wait_lines);
    }

    void flush_older_than(std::uint64_t line) {
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->second.last_line >= line) {
                ++it;
                continue;
            }
            m_out += it->second.text;
            it = m_pending.erase(it);
        }
    }

    LogInput& m_source;
    int m_year;
    std::string m_in, m_out;
    size_t m_out_at = 0;
    bool m_done = false;
    std::uint64_t m_line = 0;
    std::map<std::string, Pending, std::less<>> m_pending;
};

}  // namespace

bool looks_like_syslog(std::string_view head) {
    size_t start = head.find_first_not_of("\r\n");
    if (start == std::string_view::npos) return false;
    std::string_view first = head.substr(start, head.find('\n', start) - start);
    SyslogLine s;
    return parse(first, 2000, s) && s.rest.find(":  ") != std::string_view::npos;
}

std::unique_ptr<LogInput> syslog_as_stderr(LogInput& source, int year) { return std::make_unique<SyslogInput>(source, year); }

}  // namespace dbsage
