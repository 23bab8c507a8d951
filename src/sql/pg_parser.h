// The one place that calls libpg_query: the real PostgreSQL 15 parser.
#pragma once

#include <memory>
#include <string>

#include "sql/json_tree.h"

namespace dbsage {

class ParseOutcome {
public:
    ParseOutcome();
    ~ParseOutcome();
    ParseOutcome(ParseOutcome&&) noexcept;
    ParseOutcome& operator=(ParseOutcome&&) noexcept;

    bool ok() const { return error.empty(); }
    // The "stmts" array of the parse tree: [{"stmt": …, "stmt_location": …}].
    tree::Json statements() const { return m_root["stmts"]; }

    std::string error;       // PostgreSQL's own message when not ok
    int error_offset = -1;   // 0-based byte offset of the error in the input
    // The statement may well be valid, but it is too large or nested too
    // deeply for dbsage to analyse (error says which).
    bool too_large = false;

private:
    friend ParseOutcome parse_postgres(const std::string& sql);
    std::unique_ptr<simdjson::dom::parser> m_parser;  // owns the memory the tree views
    tree::Json m_root;
};

// Statements longer than this are parsed (and should be translated) on a
// thread with a large stack: a shorter one cannot nest deep enough to exhaust
// a default 8 MB stack.
constexpr size_t k_large_stack_statement_bytes = 4096;

// Parses SQL text with PostgreSQL's grammar. Never throws, and never lets
// libpg_query crash or end the process: invalid UTF-8 is an error (in
// PostgreSQL's words), statements over 16 MB are refused as too_large, and
// long statements are parsed on a thread with a large stack.
ParseOutcome parse_postgres(const std::string& sql);

}  // namespace dbsage
