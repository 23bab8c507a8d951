// The one place that calls libpg_query: the real PostgreSQL 15 parser.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dbsage {

struct ParseOutcome {
    nlohmann::json tree;      // {"version":…, "stmts":[…]} when ok
    std::string error;        // PostgreSQL's own message when not ok
    int error_offset = -1;    // 0-based byte offset of the error in the input
    bool ok() const { return error.empty(); }
};

// Parses SQL text with PostgreSQL's grammar. Never throws.
ParseOutcome parse_postgres(const std::string& sql);

}  // namespace dbsage
