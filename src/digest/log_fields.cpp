#include "digest/log_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace dbsage {
namespace {

constexpr std::string_view k_severities[] = {"LOG", "ERROR", "DETAIL", "STATEMENT", "WARNING", "FATAL",
                                             "HINT", "CONTEXT", "NOTICE", "PANIC", "INFO", "DEBUG"};

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return upper(c) || digit(c) || (c >= 'a' && c <= 'z'); }

// The length of a time zone as log_timezone prints it at the start of text:
// UTC, CEST, EST5 is not one, but +03, -05 and UTC+3 are. 0 when none.
size_t zone_length(std::string_view text) {
    size_t n = 0;
    while (n < text.size() && n < 5 && upper(text[n])) ++n;
    if (n == 1) return 0;
    if (n < text.size() && (text[n] == '+' || text[n] == '-') && n + 1 < text.size() && digit(text[n + 1])) {
        size_t k = n + 1;
        while (k < text.size() && k < n + 3 && digit(text[k])) ++k;
        if (k < text.size() && text[k] == ':' && k + 2 < text.size() && digit(text[k + 1]) && digit(text[k + 2])) k += 3;
        if (k == text.size() || !alnum(text[k])) return k;  // "UTC-6565d0a1" is a zone and then a session id
    }
    if (n == 0) return 0;
    return n == text.size() || !alnum(text[n]) ? n : 0;
}

// A %c session id: hex process start time, a dot, hex pid ("6565d0a1.4d2").
bool is_session_id(std::string_view word) {
    auto dot = word.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (i != dot && !std::isxdigit(static_cast<unsigned char>(word[i]))) return false;
    return true;
}

}  // namespace

bool split_log_line(std::string_view line, LogLine& out) {
    // The colons of a leading "YYYY-MM-DD HH:MM:SS" are never the severity's.
    size_t from = line.size() > 19 && line[4] == '-' && line[13] == ':' ? 19 : 0;
    for (size_t at = line.find(":  ", from); at != std::string_view::npos; at = line.find(":  ", at + 1)) {
        size_t start = at;
        while (start > 0 && line[start - 1] >= 'A' && line[start - 1] <= 'Z') --start;
        // Any prefix may end right before the severity: "…:[1234]:LOG:  " (RDS), "…-LOG:  " (Azure).
        if (at - start < 3 || (start > 0 && alnum(line[start - 1]))) continue;
        auto word = line.substr(start, at - start);
        for (auto severity : k_severities) {
            if (word == severity) {
                out.prefix = line.substr(0, start);
                out.severity = severity;
                out.message = line.substr(at + 3);
                return true;
            }
        }
    }
    return false;
}

PrefixSpec::PrefixSpec(std::string_view spec) {
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

bool PrefixSpec::match(std::string_view prefix, PrefixFields& out) const {
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
        // A timestamp's own spaces and colons (and its zone) are not the next literal.
        size_t skip = part.escape == 'm' || part.escape == 't' ? timestamp_length(prefix.substr(pos)) : 0;
        size_t end = next.empty() ? prefix.size() : prefix.find(next, pos + skip);
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

size_t timestamp_length(std::string_view text) {
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':')
        return 0;
    size_t end = 19;
    if (end < text.size() && text[end] == '.')
        for (++end; end < text.size() && digit(text[end]);) ++end;
    if (end + 1 < text.size() && text[end] == ' ')
        if (size_t zone = zone_length(text.substr(end + 1))) end += 1 + zone;
    return end;
}

PrefixFields guess_prefix_fields(std::string_view prefix) {
    PrefixFields f;
    size_t rest = timestamp_length(prefix);  // searches start after the timestamp
    f.timestamp = prefix.substr(0, rest);
    auto is_delimiter = [](char c) { return c == ' ' || c == ':' || c == ',' || c == '[' || c == ']' || c == '(' || c == ')' || c == '-'; };
    if (auto open = prefix.find('[', rest); open != std::string_view::npos) {
        auto close = prefix.find(']', open);
        if (close != std::string_view::npos) f.session = prefix.substr(open + 1, close - open - 1);
        auto dash = f.session.find('-');  // [pid-line] from %p-%l
        if (dash != std::string_view::npos) f.session = f.session.substr(0, dash);
    }
    if (f.session.empty()) {
        // No brackets: a %c session id, else the first bare number (%p).
        std::string_view first_number;
        for (size_t i = rest; i < prefix.size();) {
            while (i < prefix.size() && (prefix[i] == ' ' || prefix[i] == ':' || prefix[i] == '-')) ++i;
            size_t end = i;
            while (end < prefix.size() && prefix[end] != ' ' && prefix[end] != ':' && prefix[end] != '-') ++end;
            auto word = prefix.substr(i, end - i);
            if (is_session_id(word)) {
                f.session = word;
                break;
            }
            bool number = !word.empty();
            for (char c : word) number = number && digit(c);
            if (number && first_number.empty()) first_number = word;
            i = end;
        }
        if (f.session.empty()) f.session = first_number;
    }
    size_t u = prefix.find('=', rest) == std::string_view::npos ? std::string_view::npos : prefix.find("user=", rest);
    if (u != std::string_view::npos) {
        f.user = prefix.substr(u + 5, prefix.find_first_of(", ", u + 5) - (u + 5));
        if (auto d = prefix.find("db=", rest); d != std::string_view::npos)
            f.database = prefix.substr(d + 3, prefix.find_first_of(", ", d + 3) - (d + 3));
    } else if (auto at = prefix.rfind('@'); at != std::string_view::npos && at >= rest) {
        size_t start = at;
        while (start > rest && !is_delimiter(prefix[start - 1])) --start;
        size_t end = at + 1;
        while (end < prefix.size() && !is_delimiter(prefix[end])) ++end;
        f.user = prefix.substr(start, at - start);
        f.database = prefix.substr(at + 1, end - at - 1);
    }
    return f;
}

double parse_duration(std::string_view text) {
    // Up to 15 digits are exact in a double, and so is their quotient by a
    // power of ten up to 10^15: IEEE division rounds it once, as from_chars does.
    constexpr double k_powers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    std::uint64_t mantissa = 0;
    int digits = 0, decimals = -1;
    size_t i = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
            ++digits;
            if (decimals >= 0) ++decimals;
        } else if (c == '.' && decimals < 0) {
            decimals = 0;
        } else {
            break;
        }
    }
    bool plain = i == text.size() || (text[i] != 'e' && text[i] != 'E');
    if (digits > 0 && digits <= 15 && plain) return static_cast<double>(mantissa) / k_powers[std::max(decimals, 0)];
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

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
    return ((days * 24.0 + num(11, 2)) * 60 + num(14, 2)) * 60000.0 + num(17, 2) * 1000.0 + timestamp_fraction_ms(ts);
}

int timestamp_fraction_ms(std::string_view ts) {
    if (ts.size() <= 20 || ts[19] != '.') return 0;
    int ms = 0, digits = 0;
    for (size_t i = 20; i < ts.size() && digits < 3 && ts[i] >= '0' && ts[i] <= '9'; ++i, ++digits) ms = ms * 10 + (ts[i] - '0');
    for (; digits < 3; ++digits) ms *= 10;
    return ms;
}

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

}  // namespace dbsage
