#include "sql/splitter.h"

#include <cctype>

#include "util/strings.h"

namespace dbsage {
namespace {

bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$'; }


class Splitter {
public:
    Splitter(std::string_view text, PsqlVariables& variables) : m_text(text), m_vars(variables) {}

    SplitScript run() {
        while (m_pos < m_text.size()) step();
        finish_statement(m_text.size());
        return std::move(m_out);
    }

private:
    char at(size_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }

    void begin_statement_if_needed() {
        if (m_in_statement) return;
        m_in_statement = true;
        m_start = m_pos;
        m_parse_text.clear();
        m_prev_was_begin = false;
        m_atomic_depth = 0;
        m_paren_depth = 0;
        m_bracket_depth = 0;
        m_statement_rules = std::move(m_pending_rules);
        m_pending_rules.clear();
    }

    void finish_statement(size_t end) {
        if (!m_in_statement) return;
        ScriptPiece piece;
        piece.offset = m_start;
        piece.length = end - m_start;
        std::string_view source = m_text.substr(m_start, end - m_start);
        bool substituted = false;
        for (const auto& r : m_replacements) substituted = substituted || r.value;
        if (!substituted) {
            piece.parse_text = source;
            for (const auto& r : m_replacements) piece.parse_text.replace(r.offset - m_start, r.length, r.text);
        } else {
            // Values change lengths: build both texts and note where they shift.
            size_t at = 0;
            piece.shifts.emplace_back(0, 0);
            for (const auto& r : m_replacements) {
                size_t rel = r.offset - m_start;
                piece.text.append(source.substr(at, rel - at));
                piece.parse_text.append(source.substr(at, rel - at));
                piece.text.append(r.value ? r.text : std::string(source.substr(rel, r.length)));
                piece.parse_text.append(r.text);
                at = rel + r.length;
                if (r.text.size() != r.length) piece.shifts.emplace_back(piece.text.size(), at);
            }
            piece.text.append(source.substr(at));
            piece.parse_text.append(source.substr(at));
        }
        m_replacements.clear();
        piece.ignored_rules = std::move(m_statement_rules);
        m_statement_rules.clear();
        m_last_statement_end_line = line_of(end);
        m_out.pieces.push_back(std::move(piece));
        m_in_statement = false;
    }

    size_t line_of(size_t offset) {
        // Lines are counted lazily, only for trailing-comment attribution.
        while (m_line_cursor < offset && m_line_cursor < m_text.size()) {
            if (m_text[m_line_cursor] == '\n') ++m_line_count;
            ++m_line_cursor;
        }
        return m_line_count;
    }

    void comment_seen(size_t from, size_t to) {
        auto comment = m_text.substr(from, to - from);
        if (comment.find("dbsage:") == std::string_view::npos) return;
        std::vector<std::string> rules;
        read_directive(comment, rules, m_out.ignore_file);
        if (rules.empty()) return;
        if (m_in_statement) {
            m_statement_rules.insert(m_statement_rules.end(), rules.begin(), rules.end());
        } else if (!m_out.pieces.empty() && line_of(from) == m_last_statement_end_line) {
            auto& prev = m_out.pieces.back().ignored_rules;
            prev.insert(prev.end(), rules.begin(), rules.end());
        } else {
            m_pending_rules.insert(m_pending_rules.end(), rules.begin(), rules.end());
        }
    }

    void step() {
        char c = m_text[m_pos];
        if (c == '-' && at(m_pos + 1) == '-') {
            size_t end = m_text.find('\n', m_pos);
            if (end == std::string_view::npos) end = m_text.size();
            comment_seen(m_pos, end);
            m_pos = end;
            return;
        }
        if (c == '/' && at(m_pos + 1) == '*') {
            size_t start = m_pos;
            int depth = 0;
            while (m_pos < m_text.size()) {
                if (m_text[m_pos] == '/' && at(m_pos + 1) == '*') { ++depth; m_pos += 2; continue; }
                if (m_text[m_pos] == '*' && at(m_pos + 1) == '/') {
                    m_pos += 2;
                    if (--depth == 0) break;
                    continue;
                }
                ++m_pos;
            }
            comment_seen(start, m_pos);
            return;
        }
        if (std::isspace(static_cast<unsigned char>(c))) { ++m_pos; return; }
        if (c == '\\') { meta_command(); return; }

        begin_statement_if_needed();
        if (c == '\'') { quoted('\'', m_pos > 0 && (m_text[m_pos - 1] == 'E' || m_text[m_pos - 1] == 'e')); return; }
        if (c == '"') { quoted('"', false); return; }
        if (c == '$' && dollar_quote()) return;
        if (c == ':' && variable()) return;
        if (c == ';' && m_paren_depth == 0 && m_atomic_depth == 0) {
            ++m_pos;
            finish_statement(m_pos);
            if (copy_from_stdin(m_out.pieces.back().parse_text)) skip_copy_data();
            return;
        }
        if (c == '(') ++m_paren_depth;
        if (c == ')' && m_paren_depth > 0) --m_paren_depth;
        if (c == '[') ++m_bracket_depth;
        if (c == ']' && m_bracket_depth > 0) --m_bracket_depth;
        if (is_ident_start(c)) { word(); return; }
        ++m_pos;
    }

    // COPY … FROM STDIN is followed by data lines up to a line holding "\.",
    // as in pg_dump's plain output.
    static bool copy_from_stdin(std::string_view statement) {
        auto text = to_lower(statement);
        auto start = text.find_first_not_of(" \t\r\n");
        return start != std::string::npos && text.compare(start, 4, "copy") == 0 &&
               text.find("from stdin") != std::string::npos;
    }

    void skip_copy_data() {
        size_t line = m_text.find('\n', m_pos);
        while (line != std::string_view::npos) {
            size_t start = line + 1;
            size_t end = m_text.find('\n', start);
            auto content = m_text.substr(start, (end == std::string_view::npos ? m_text.size() : end) - start);
            if (content == "\\." || content == "\\.\r") {
                m_pos = end == std::string_view::npos ? m_text.size() : end + 1;
                return;
            }
            line = end;
        }
        m_pos = m_text.size();  // a dump cut off inside its data
    }

    void word() {
        size_t start = m_pos;
        while (m_pos < m_text.size() && is_ident_char(m_text[m_pos])) ++m_pos;
        auto w = m_text.substr(start, m_pos - start);
        auto is = [&](std::string_view keyword) { return w.size() == keyword.size() && starts_with_ci(w, keyword); };
        // BEGIN ATOMIC … END bodies (SQL-standard function bodies) contain
        // semicolons; CASE … END nests inside them.
        if (m_atomic_depth > 0) {
            if (is("begin") || is("case")) ++m_atomic_depth;
            else if (is("end")) --m_atomic_depth;
        } else if (is("atomic") && m_prev_was_begin) {
            m_atomic_depth = 1;
        }
        m_prev_was_begin = is("begin");
    }

    void quoted(char quote, bool backslash_escapes) {
        ++m_pos;
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos];
            if (backslash_escapes && c == '\\') { m_pos += 2; continue; }
            if (c == quote) {
                if (at(m_pos + 1) == quote) { m_pos += 2; continue; }
                ++m_pos;
                return;
            }
            ++m_pos;
        }
    }

    bool dollar_quote() {
        size_t end = m_pos + 1;
        while (end < m_text.size() && m_text[end] != '$' && is_ident_char(m_text[end]) && m_text[end] != '$') ++end;
        if (at(end) != '$') return false;
        if (end > m_pos + 1 && std::isdigit(static_cast<unsigned char>(m_text[m_pos + 1]))) return false;  // $1
        auto tag = m_text.substr(m_pos, end - m_pos + 1);
        auto close = m_text.find(tag, end + 1);
        m_pos = close == std::string_view::npos ? m_text.size() : close + tag.size();
        return true;
    }

    // psql interpolation: :name, :'name', :"name". A variable that \set gave a
    // value is replaced by it (quoted as a literal or an identifier for the
    // quoted forms); an unknown one by a placeholder of the same length: an
    // identifier, a string literal, a quoted identifier.
    bool variable() {
        if (m_pos > 0 && m_text[m_pos - 1] == ':') return false;
        char next = at(m_pos + 1);
        if (next == ':' || next == '=') return false;
        if (next == '\'' || next == '"') {
            size_t end = m_pos + 2;
            while (end < m_text.size() && is_ident_char(m_text[end])) ++end;
            if (end == m_pos + 2 || at(end) != next) return false;
            size_t length = end - m_pos + 1;
            auto known = m_vars.find(std::string(m_text.substr(m_pos + 2, end - m_pos - 2)));
            if (known != m_vars.end()) {
                m_replacements.push_back({m_pos, length, quote(known->second, next), true});
            } else {
                std::string replacement(length, 'v');
                replacement.front() = next;
                replacement.back() = next;
                m_replacements.push_back({m_pos, length, replacement, false});
            }
            m_pos = end + 1;
            return true;
        }
        if (!is_ident_start(next) || m_bracket_depth > 0) return false;
        size_t end = m_pos + 1;
        while (end < m_text.size() && is_ident_char(m_text[end])) ++end;
        auto known = m_vars.find(std::string(m_text.substr(m_pos + 1, end - m_pos - 1)));
        if (known != m_vars.end()) {
            m_replacements.push_back({m_pos, end - m_pos, known->second, true});
        } else {
            std::string replacement(end - m_pos, 'v');
            replacement.front() = '_';
            m_replacements.push_back({m_pos, end - m_pos, replacement, false});
        }
        m_pos = end;
        return true;
    }

    static std::string quote(const std::string& value, char q) {
        std::string out(1, q);
        for (char c : value) {
            if (c == q) out += q;
            out += c;
        }
        return out + q;
    }

    // \set name [value ...]: the values are joined without spaces, single
    // quotes removed (with '' inside them kept as one quote), as psql does.
    void set_variable(std::string_view argument, bool unset) {
        size_t i = 0;
        auto skip_space = [&] { while (i < argument.size() && std::isspace(static_cast<unsigned char>(argument[i]))) ++i; };
        skip_space();
        size_t name_end = i;
        while (name_end < argument.size() && !std::isspace(static_cast<unsigned char>(argument[name_end]))) ++name_end;
        std::string name(argument.substr(i, name_end - i));
        if (name.empty()) return;
        if (unset) {
            m_vars.erase(name);
            return;
        }
        std::string value;
        for (i = name_end, skip_space(); i < argument.size(); skip_space()) {
            if (argument[i] == '\'') {
                for (++i; i < argument.size(); ++i) {
                    if (argument[i] == '\'' && i + 1 < argument.size() && argument[i + 1] == '\'') { value += '\''; ++i; continue; }
                    if (argument[i] == '\'') { ++i; break; }
                    value += argument[i];
                }
                continue;
            }
            if (argument[i] == '`') return;  // a shell command's output: unknown, keep the placeholder
            while (i < argument.size() && !std::isspace(static_cast<unsigned char>(argument[i]))) value += argument[i++];
        }
        m_vars[name] = value;
    }

    void meta_command() {
        // A meta-command inside a statement ends that statement's text for
        // psql's purposes only when it is \g or \gx or similar; we treat the
        // statement as finished there too, since psql sends it.
        size_t start = m_pos;
        size_t end = m_text.find('\n', m_pos);
        if (end == std::string_view::npos) end = m_text.size();
        auto line = m_text.substr(start + 1, end - start - 1);
        // "\\" is psql's separator between meta-commands on a line; stop there.
        auto sep = line.find("\\\\");
        if (sep != std::string_view::npos) line = line.substr(0, sep);
        size_t word_end = 0;
        while (word_end < line.size() && !std::isspace(static_cast<unsigned char>(line[word_end])) &&
               (word_end == 0 || line[word_end] != '\\'))
            ++word_end;
        std::string command(line.substr(0, word_end));
        if (m_in_statement && (command.rfind("g", 0) == 0 || command == ";")) finish_statement(start);
        ScriptPiece piece;
        piece.kind = ScriptPiece::Kind::meta_command;
        piece.offset = start;
        piece.length = end - start;
        piece.command = command;
        piece.argument = std::string(trim(line.substr(word_end)));
        if (m_in_statement) {
            m_replacements.push_back({start, end - start, std::string(end - start, ' '), false});  // psql strips it
        } else {
            if (command == "set" || command == "unset") set_variable(piece.argument, command == "unset");
            m_out.pieces.push_back(std::move(piece));
        }
        m_pos = end;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    SplitScript m_out;
    bool m_in_statement = false;
    size_t m_start = 0;
    std::string m_parse_text;
    struct Replacement {
        size_t offset;       // in the script
        size_t length;       // of source replaced
        std::string text;    // what the parser sees there
        bool value;          // a \set value (psql sends it), not a placeholder
    };
    PsqlVariables& m_vars;
    std::vector<Replacement> m_replacements;
    bool m_prev_was_begin = false;
    int m_atomic_depth = 0;
    int m_paren_depth = 0;
    int m_bracket_depth = 0;
    std::vector<std::string> m_pending_rules;
    std::vector<std::string> m_statement_rules;
    size_t m_last_statement_end_line = static_cast<size_t>(-1);
    size_t m_line_cursor = 0;
    size_t m_line_count = 0;
};

}  // namespace

void read_directive(std::string_view comment, std::vector<std::string>& rules, bool& ignore_file) {
    auto at = comment.find("dbsage:ignore");
    if (at == std::string_view::npos) return;
    auto rest = comment.substr(at + 13);
    if (rest.substr(0, 5) == "-file") {
        ignore_file = true;
        return;
    }
    auto end = rest.find("*/");
    if (end != std::string_view::npos) rest = rest.substr(0, end);
    bool any = false;
    for (auto& part : split(rest, ',')) {
        auto id = std::string(trim(part));
        auto space = id.find_first_of(" \t");
        if (space != std::string::npos) id = id.substr(0, space);
        if (!id.empty()) {
            rules.push_back(id);
            any = true;
        }
    }
    if (!any) rules.push_back("*");
}

SplitScript split_script(std::string_view text, PsqlVariables& variables) { return Splitter(text, variables).run(); }

SplitScript split_script(std::string_view text) {
    PsqlVariables variables;
    return split_script(text, variables);
}

}  // namespace dbsage

namespace dbsage {

std::vector<std::pair<std::string, int>> long_identifiers(std::string_view text, size_t max_bytes) {
    std::vector<std::pair<std::string, int>> out;
    size_t i = 0;
    auto skip_to = [&](std::string_view close) {
        auto end = text.find(close, i);
        i = end == std::string_view::npos ? text.size() : end + close.size();
    };
    while (i < text.size()) {
        char c = text[i];
        if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') { skip_to("\n"); continue; }
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') { i += 2; skip_to("*/"); continue; }
        if (c == '\'') {
            for (++i; i < text.size(); ++i) {
                if (text[i] == '\'' && (i + 1 >= text.size() || text[i + 1] != '\'')) break;
                if (text[i] == '\'') ++i;
            }
            ++i;
            continue;
        }
        if (c == '$') {
            size_t end = text.find('$', i + 1);
            if (end != std::string_view::npos) {
                auto tag = text.substr(i, end - i + 1);
                bool is_tag = true;
                for (char t : tag.substr(1, tag.size() - 2)) is_tag = is_tag && is_ident_char(t) && t != '$';
                if (is_tag && !(tag.size() > 2 && std::isdigit(static_cast<unsigned char>(tag[1])))) {
                    i = end + 1;
                    skip_to(tag);
                    continue;
                }
            }
            ++i;
            continue;
        }
        if (c == '"') {
            size_t start = i++;
            std::string name;
            for (; i < text.size(); ++i) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') { name += '"'; ++i; continue; }
                    break;
                }
                name += text[i];
            }
            ++i;
            if (name.size() > max_bytes) out.emplace_back(name, static_cast<int>(start));
            continue;
        }
        if (is_ident_start(c)) {
            size_t start = i;
            while (i < text.size() && is_ident_char(text[i])) ++i;
            if (i - start > max_bytes) out.emplace_back(to_lower(text.substr(start, i - start)), static_cast<int>(start));
            continue;
        }
        ++i;
    }
    return out;
}

}  // namespace dbsage
