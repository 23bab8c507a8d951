#include "dialect/dialect_splitter.h"

#include <cctype>

#include "sql/splitter.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr size_t k_block = 1 << 20;

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// The bytes that end a run inside quotes: the closing quote, and a backslash
// where it escapes.
const std::array<bool, 256>& quote_stop(char close, bool escapes) {
    static const auto k_tables = [] {
        std::array<std::array<bool, 256>, 8> t{};
        const char closes[] = {'\'', '"', '`', ']'};
        for (int i = 0; i < 4; ++i) {
            t[i * 2][static_cast<unsigned char>(closes[i])] = true;
            t[i * 2 + 1][static_cast<unsigned char>(closes[i])] = true;
            t[i * 2 + 1]['\\'] = true;
        }
        return t;
    }();
    int i = close == '\'' ? 0 : close == '"' ? 1 : close == '`' ? 2 : 3;
    return k_tables[i * 2 + (escapes ? 1 : 0)];
}

bool is_data_keyword(const std::string& word) {
    return word == "INSERT" || word == "REPLACE" || word == "LOAD" || word == "LOCK" || word == "UNLOCK";
}

}  // namespace

void DialectSplitter::skip_until(const std::array<bool, 256>& stop) {
    for (;;) {
        peek();  // refills an exhausted block
        if (m_pos >= m_buf.size()) return;
        const char* begin = m_buf.data() + m_pos;
        const char* end = m_buf.data() + m_buf.size();
        const char* p = begin;
        while (p < end && !stop[static_cast<unsigned char>(*p)]) {
            if (*p == '\n') {
                ++m_line;
                m_column = 1;
            } else {
                ++m_column;
            }
            ++p;
        }
        size_t n = static_cast<size_t>(p - begin);
        if (m_keep) m_piece->text.append(begin, n);
        m_pos += n;
        m_offset += n;
        if (p < end) return;
    }
}

char DialectSplitter::peek(size_t k) {
    while (m_pos + k >= m_buf.size() && !m_eof) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
        size_t old = m_buf.size();
        m_buf.resize(old + k_block);
        m_in.read(m_buf.data() + old, static_cast<std::streamsize>(k_block));
        m_buf.resize(old + static_cast<size_t>(m_in.gcount()));
        if (m_in.gcount() == 0) m_eof = true;
    }
    return m_pos + k < m_buf.size() ? m_buf[m_pos + k] : '\0';
}

void DialectSplitter::advance() {
    char c = peek();
    if (m_pos >= m_buf.size()) return;
    if (m_keep) m_piece->text += c;
    ++m_pos;
    ++m_offset;
    if (c == '\n') {
        ++m_line;
        m_column = 1;
    } else {
        ++m_column;
    }
}

bool DialectSplitter::at_delimiter() {
    for (size_t i = 0; i < m_delimiter.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(peek(i))) != std::toupper(static_cast<unsigned char>(m_delimiter[i])))
            return false;
    return true;
}

// The mysql client's DELIMITER command, at the start of a statement.
bool DialectSplitter::line_is_delimiter_command() {
    static const std::string k_word = "DELIMITER";
    for (size_t i = 0; i < k_word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(peek(i))) != k_word[i]) return false;
    return peek(k_word.size()) == ' ' || peek(k_word.size()) == '\t';
}

void DialectSplitter::skip_comment(bool block) {
    int line = m_line;
    std::string text;
    auto collect = [&] {
        if (text.size() < 4096) text += peek();
        advance();
    };
    if (block) {
        collect();
        collect();
        while (!(peek() == '*' && peek(1) == '/') && !(peek() == '\0' && m_pos >= m_buf.size())) collect();
        collect();
        collect();
    } else {
        while (peek() != '\n' && !(peek() == '\0' && m_pos >= m_buf.size())) collect();
    }
    if (text.find("dbsage:ignore") == std::string::npos) return;
    DialectPiece& into = m_piece ? *m_piece : m_pending;
    bool trailing = !m_piece && line == m_last_end_line;
    read_directive(text, trailing ? into.previous_ignored_rules : into.ignored_rules, into.ignore_file);
}

void DialectSplitter::skip_space_and_comments() {
    for (;;) {
        char c = peek();
        if (c == '\0' && m_pos >= m_buf.size()) return;
        if (std::isspace(static_cast<unsigned char>(c))) {
            advance();
        } else if ((c == '-' && peek(1) == '-' && (m_dialect == Dialect::sqlite || std::isspace(static_cast<unsigned char>(peek(2))) || peek(2) == '\0')) ||
                   (c == '#' && m_dialect == Dialect::mysql)) {
            skip_comment(false);
        } else if (c == '/' && peek(1) == '*' && !(m_dialect == Dialect::mysql && peek(2) == '!')) {
            skip_comment(true);
        } else if (m_dialect != Dialect::sqlite && m_delimiter != ";" && at_delimiter()) {
            for (size_t i = 0; i < m_delimiter.size(); ++i) advance();  // an empty statement
        } else if (c == ';') {
            advance();
        } else {
            return;
        }
    }
}

bool DialectSplitter::next(DialectPiece& piece) {
    m_piece = nullptr;
    m_pending = DialectPiece{};
    for (;;) {
        m_keep = false;
        skip_space_and_comments();
        if (peek() == '\0' && m_pos >= m_buf.size()) return false;
        if (m_dialect == Dialect::mysql && m_column == 1 && line_is_delimiter_command()) {
            for (int i = 0; i < 9; ++i) advance();
            std::string rest;
            while (peek() != '\n' && !(peek() == '\0' && m_pos >= m_buf.size())) {
                rest += peek();
                advance();
            }
            rest = std::string(trim(rest));
            if (!rest.empty()) m_delimiter = rest.substr(0, rest.find_first_of(" \t"));
            continue;
        }
        break;
    }
    piece = std::move(m_pending);
    m_pending = DialectPiece{};
    m_piece = &piece;
    piece.line = m_line;
    piece.column = m_column;
    piece.offset = m_offset;
    m_keep = true;
    bool first_word_done = false, in_trigger = false, in_body = false, body_ended = false;
    int case_depth = 0;
    int words = 0;
    std::string word;
    auto finish_word = [&] {
        if (word.empty()) return;
        std::string up = to_upper(word);
        if (!first_word_done) {
            piece.keyword = up;
            first_word_done = true;
            if (is_data_keyword(up)) {
                piece.data = true;
                piece.text.clear();
                m_keep = false;
            }
        }
        ++words;
        if (words <= 4 && up == "TRIGGER") in_trigger = m_dialect == Dialect::sqlite;
        if (in_trigger && up == "BEGIN" && !in_body) in_body = true;
        else if (in_body && up == "CASE") ++case_depth;
        else if (in_body && up == "END") {
            if (case_depth > 0) --case_depth;
            else body_ended = true;
        } else if (in_body && body_ended) {
            body_ended = false;  // END was not the last word before ';'
        }
        word.clear();
    };
    for (;;) {
        char c = peek();
        if (c == '\0' && m_pos >= m_buf.size()) break;
        // The mysql client looks for its delimiter anywhere outside quotes and
        // comments, even inside a word ("END$$").
        if (m_dialect == Dialect::mysql && at_delimiter()) {
            finish_word();
            m_keep = false;
            for (size_t i = 0; i < m_delimiter.size(); ++i) advance();
            break;
        }
        if (piece.data && word.empty()) {
            // Rows: only quotes, comments and the delimiter matter.
            if (m_data_stop_for != m_delimiter) {
                m_data_stop = {};
                for (unsigned char s : {'\'', '"', '`', '[', '-', '#', '/', ';'}) m_data_stop[s] = true;
                m_data_stop[static_cast<unsigned char>(m_dialect == Dialect::mysql ? m_delimiter[0] : ';')] = true;
                m_data_stop_for = m_delimiter;
            }
            skip_until(m_data_stop);
            c = peek();
            if (c == '\0' && m_pos >= m_buf.size()) break;
            if (m_dialect == Dialect::mysql && at_delimiter()) continue;
        }
        if (is_word_char(c)) {
            word += c;
            advance();
            continue;
        }
        finish_word();
        if (c == '\'' || c == '"' || c == '`' || (c == '[' && m_dialect == Dialect::sqlite)) {
            char close = c == '[' ? ']' : c;
            bool escapes = m_dialect == Dialect::mysql && c != '`';
            advance();
            const auto& stop = quote_stop(close, escapes);
            for (;;) {
                skip_until(stop);
                char q = peek();
                if (q == '\0' && m_pos >= m_buf.size()) break;
                if (escapes && q == '\\') {
                    advance();
                    advance();
                    continue;
                }
                advance();
                if (q == close) {
                    if (peek() == close && close != ']') {
                        advance();
                        continue;
                    }
                    break;
                }
            }
            if (!first_word_done) {
                first_word_done = true;
                piece.keyword = std::string(1, c);
            }
            continue;
        }
        if ((c == '-' && peek(1) == '-' && (m_dialect == Dialect::sqlite || std::isspace(static_cast<unsigned char>(peek(2))))) ||
            (c == '#' && m_dialect == Dialect::mysql)) {
            skip_comment(false);
            continue;
        }
        if (c == '/' && peek(1) == '*') {
            if (!first_word_done && m_dialect == Dialect::mysql && peek(2) == '!') {
                piece.keyword = "/*!";
                first_word_done = true;
            }
            skip_comment(true);
            continue;
        }
        // SQLite: a trigger body's statements end in ';' too; the trigger ends at
        // the END that closes its BEGIN, not one that closes a CASE.
        if (m_dialect == Dialect::sqlite && c == ';' && (!in_body || body_ended)) {
            m_keep = false;
            advance();
            break;
        }
        if (!first_word_done && !std::isspace(static_cast<unsigned char>(c))) {
            first_word_done = true;
            piece.keyword = std::string(1, c);
        }
        advance();
    }
    finish_word();
    m_keep = false;
    while (!piece.text.empty() && std::isspace(static_cast<unsigned char>(piece.text.back()))) piece.text.pop_back();
    piece.end_line = m_line;
    m_last_end_line = m_line;
    m_piece = nullptr;
    return true;
}

}  // namespace dbsage
