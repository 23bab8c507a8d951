#include "digest/normalizer.h"

#include <xxhash.h>

#include <array>
#include <cctype>

namespace dbsage {
namespace {

// ASCII tests: the C library's are locale-aware and show up in profiles.
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool ident_start(char c) { return is_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool ident_char(char c) { return ident_start(c) || is_digit(c) || c == '$'; }

// A table, not string_view::find: these run once per input character.
constexpr auto k_operator_table = [] {
    std::array<bool, 256> table{};
    for (char c : std::string_view("+-*/<>=~!@#%^&|`?:")) table[static_cast<unsigned char>(c)] = true;
    return table;
}();
inline bool is_operator_char(char c) { return k_operator_table[static_cast<unsigned char>(c)]; }

class Normalizer {
public:
    Normalizer(std::string_view sql, SqlQuotes quotes) : m_in(sql), m_mysql(quotes == SqlQuotes::mysql) {
        m_out.reserve(sql.size());
    }

    std::string run() {
        while (m_pos < m_in.size()) step();
        while (!m_out.empty() && (m_out.back() == ' ' || m_out.back() == ';')) m_out.pop_back();
        if (m_has_lists) collapse_lists();
        return std::move(m_out);
    }

private:
    char at(size_t i) const { return i < m_in.size() ? m_in[i] : '\0'; }

    void space() {
        if (!m_out.empty() && m_out.back() != ' ') m_pending_space = true;
    }

    // Canonical spacing, whatever the input's style: "f(a, b)", "x = ?",
    // no space after "(" or before "," and ")", one space after ",".
    void emit(std::string_view token) {
        bool after_open = !m_out.empty() && m_out.back() == '(';
        bool tight = token == "," || token == ")" || token == ";" ||
                     (token == "(" && !m_out.empty() && (ident_char(m_out.back()) || m_out.back() == ')'));
        if ((m_pending_space || (!m_out.empty() && m_out.back() == ',')) && !m_out.empty() && !tight && !after_open)
            m_out += ' ';
        m_pending_space = false;
        m_out += token;
    }

    // A "-" that starts a negative number rather than subtracting.
    bool is_sign() const {
        if (m_in[m_pos] != '-' || !is_digit(at(m_pos + 1))) return false;
        if (m_out.empty()) return true;
        char last = m_out.back();
        return std::string_view("=<>+-*/,(").find(last) != std::string_view::npos;
    }

    void constant() { emit("?"); }

    void step() {
        char c = m_in[m_pos];
        if (is_space(c)) {
            ++m_pos;
            space();
            return;
        }
        if (c == '-' && at(m_pos + 1) == '-') {
            while (m_pos < m_in.size() && m_in[m_pos] != '\n') ++m_pos;
            space();
            return;
        }
        if (c == '/' && at(m_pos + 1) == '*') {
            int depth = 0;
            while (m_pos < m_in.size()) {
                if (m_in[m_pos] == '/' && at(m_pos + 1) == '*') { ++depth; m_pos += 2; continue; }
                if (m_in[m_pos] == '*' && at(m_pos + 1) == '/') { m_pos += 2; if (--depth == 0) break; continue; }
                ++m_pos;
            }
            space();
            return;
        }
        if (c == '\'' || (m_mysql && c == '"') ||
            ((c == 'E' || c == 'e' || c == 'B' || c == 'b' || c == 'X' || c == 'x') && at(m_pos + 1) == '\'')) {
            bool escapes = m_mysql || c == 'E' || c == 'e';
            char quote = c == '"' ? '"' : '\'';
            if (c != quote) ++m_pos;
            ++m_pos;
            while (m_pos < m_in.size()) {
                if (escapes && m_in[m_pos] == '\\') { m_pos += 2; continue; }
                if (m_in[m_pos] == quote) {
                    if (at(m_pos + 1) == quote) { m_pos += 2; continue; }
                    ++m_pos;
                    break;
                }
                ++m_pos;
            }
            constant();
            return;
        }
        if (c == '$') {
            if (is_digit(at(m_pos + 1))) {  // $1 parameter
                m_pos += 2;
                while (is_digit(at(m_pos))) ++m_pos;
                constant();
                return;
            }
            size_t end = m_pos + 1;
            while (end < m_in.size() && ident_char(m_in[end]) && m_in[end] != '$') ++end;
            if (at(end) == '$') {  // dollar-quoted string
                auto tag = m_in.substr(m_pos, end - m_pos + 1);
                auto close = m_in.find(tag, end + 1);
                m_pos = close == std::string_view::npos ? m_in.size() : close + tag.size();
                constant();
                return;
            }
        }
        if (is_sign()) ++m_pos;  // the number that follows becomes "?" sign and all
        c = m_in[m_pos];
        if (is_digit(c) || (c == '.' && is_digit(at(m_pos + 1)))) {
            // A number, unless it ends an identifier-like token already emitted (t1).
            while (m_pos < m_in.size() && ((is_alpha(m_in[m_pos]) || is_digit(m_in[m_pos])) || m_in[m_pos] == '.' ||
                                           ((m_in[m_pos] == '+' || m_in[m_pos] == '-') &&
                                            (m_in[m_pos - 1] == 'e' || m_in[m_pos - 1] == 'E'))))
                ++m_pos;
            constant();
            return;
        }
        if (c == '"' || (m_mysql && c == '`')) {  // a quoted identifier keeps its case
            size_t start = m_pos++;
            while (m_pos < m_in.size()) {
                if (m_in[m_pos] == c) {
                    if (at(m_pos + 1) == c) { m_pos += 2; continue; }
                    ++m_pos;
                    break;
                }
                ++m_pos;
            }
            emit(m_in.substr(start, m_pos - start));
            return;
        }
        if (ident_start(c)) {
            size_t start = m_pos;
            while (m_pos < m_in.size() && ident_char(m_in[m_pos])) ++m_pos;
            if (m_pending_space || (!m_out.empty() && m_out.back() == ',')) emit("");
            size_t word = m_out.size();
            for (size_t i = start; i < m_pos; ++i) m_out += lower(m_in[i]);
            std::string_view emitted = std::string_view(m_out).substr(word);
            if (emitted == "in" || emitted == "values") m_has_lists = true;
            return;
        }
        // Operators and punctuation: runs of operator characters stay together.
        if (is_operator_char(c)) {
            size_t start = m_pos;
            while (m_pos < m_in.size() && is_operator_char(m_in[m_pos])) ++m_pos;
            emit(m_in.substr(start, m_pos - start));
            return;
        }
        emit(std::string_view(&m_in[m_pos], 1));
        ++m_pos;
    }

    // "in (?, ?, ?)" -> "in (?)"; "values (?, ?), (?, ?)" -> "values (?, ?)".
    void collapse_lists() {
        std::string& s = m_out;
        for (size_t at = s.find("in(?, ?"); at != std::string::npos; at = s.find("in(?, ?", at + 1)) {
            if (at > 0 && ident_char(s[at - 1])) continue;
            size_t end = at + 3;  // past "in("
            bool only_constants = true;
            while (end < s.size() && s[end] != ')') {
                if (s[end] != '?' && s[end] != ',' && s[end] != ' ') only_constants = false;
                ++end;
            }
            if (end < s.size() && only_constants) s.replace(at + 2, end - at - 1, "(?)");
        }
        for (size_t at = s.find("values("); at != std::string::npos; at = s.find("values(", at + 1)) {
            size_t first_end = s.find(')', at);
            if (first_end == std::string::npos) break;
            size_t next = first_end + 1;
            while (s.compare(next, 3, ", (") == 0) {
                size_t close = s.find(')', next);
                if (close == std::string::npos) break;
                next = close + 1;
            }
            if (next > first_end + 1) s.erase(first_end + 1, next - first_end - 1);
        }
    }

    std::string_view m_in;
    size_t m_pos = 0;
    std::string m_out;
    bool m_pending_space = false;
    bool m_has_lists = false;  // "in" or "values" seen: lists may need collapsing
    bool m_mysql = false;
};

}  // namespace

std::string normalize_query(std::string_view sql, SqlQuotes quotes) { return Normalizer(sql, quotes).run(); }

std::uint64_t fingerprint_id(std::string_view normalized) { return XXH3_64bits(normalized.data(), normalized.size()); }

}  // namespace dbsage
