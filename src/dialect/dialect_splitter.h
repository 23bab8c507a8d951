// Splits MySQL- and SQLite-dialect scripts into statements as their own
// clients do, reading a stream in blocks so a dump of any size is split in
// constant memory.
#pragma once

#include <array>
#include <istream>
#include <string>

#include "model/schema.h"

namespace dbsage {

struct DialectPiece {
    // The statement without its delimiter; empty for a data statement,
    // whose text is skipped, never held.
    std::string text;
    bool data = false;   // INSERT, REPLACE, LOAD DATA, LOCK/UNLOCK TABLES: counted, not run
    std::string keyword; // the first word, upper-case ("CREATE"); "/*!" for a versioned comment
    int line = 1;        // where the statement starts (1-based)
    int column = 1;
    int end_line = 1;
    size_t offset = 0;   // byte offset of its start in the stream
    // "-- dbsage:ignore" comments: before or inside this statement, and on
    // the line where the statement before it ended (they silence that one).
    std::vector<std::string> ignored_rules;
    std::vector<std::string> previous_ignored_rules;
    bool ignore_file = false;  // a "dbsage:ignore-file" comment was seen
};

class DialectSplitter {
public:
    // MySQL: ' " ` quotes with backslash escapes, -- , # and /* */ comments,
    // the client's DELIMITER command. SQLite: ' " ` [] quotes, -- and /* */
    // comments, and CREATE TRIGGER … BEGIN … END bodies kept whole.
    DialectSplitter(std::istream& in, Dialect dialect) : m_in(in), m_dialect(dialect) {}

    // The next statement, or false at the end of the input.
    bool next(DialectPiece& piece);
    size_t bytes_read() const { return m_offset; }

private:
    // The character k places ahead, or '\0' past the end.
    char peek(size_t k = 0);
    void advance();
    bool at_delimiter();
    bool line_is_delimiter_command();
    void skip_space_and_comments();
    // Skips one comment starting here (-- or # to the end of the line, or
    // /* */), reading any dbsage:ignore directive in it.
    void skip_comment(bool block);
    // Advances over bytes not in stop a block at a time: the fast path through
    // data statements and quoted text.
    void skip_until(const std::array<bool, 256>& stop);

    std::istream& m_in;
    Dialect m_dialect;
    std::string m_buf;
    size_t m_pos = 0;
    bool m_eof = false;
    size_t m_offset = 0;
    int m_line = 1, m_column = 1;
    std::string m_delimiter = ";";
    bool m_keep = false;  // append what advance() passes to m_piece->text
    std::array<bool, 256> m_data_stop{};
    std::string m_data_stop_for;  // the delimiter m_data_stop was made for
    int m_last_end_line = 0;      // where the statement before ended
    DialectPiece m_pending;       // directives read before the next statement starts
    DialectPiece* m_piece = nullptr;
};

}  // namespace dbsage
