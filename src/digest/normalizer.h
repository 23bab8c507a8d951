// Query fingerprints: one lexer pass that turns a statement into its shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dbsage {

// Constants (numbers, strings, booleans-as-literals) and $n parameters become
// "?", IN (...) and VALUES (...), (...) lists collapse to one element,
// comments go, whitespace folds to one space, unquoted words are lowercased
// and a trailing semicolon is dropped. Quoted identifiers keep their case.
// Simple-protocol and prepared executions of one statement normalize alike.
// With MySQL quoting, "x" is a string (not an identifier), backslashes
// escape inside strings and `x` is a quoted identifier.
enum class SqlQuotes { postgres, mysql };
std::string normalize_query(std::string_view sql, SqlQuotes quotes = SqlQuotes::postgres);

// A stable 64-bit id of a normalized query (XXH3).
std::uint64_t fingerprint_id(std::string_view normalized);

}  // namespace dbsage
