// A Finding is what every analysis produces and every report consumes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dbsage {

enum class Severity { info = 0, warning = 1, error = 2 };

std::string_view to_string(Severity severity);
// Parses "error", "warning" or "info"; returns nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view text);

// Where a finding points. For SQL sources file/line/column are set (1-based);
// for live sources object holds a path such as "public.orders.customer_id".
// Both are set when both are known.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
    std::string object;
};

// "file:line", as messages point at a statement.
std::string file_line(const Location& location);

struct Finding {
    std::string rule;
    Severity severity = Severity::warning;
    std::string message;  // what is wrong and why: lowercase, no final period
    std::string help;     // what to do
    Location location;
    std::optional<std::string> fix;  // ready-to-run SQL, when a safe rewrite exists
};

}  // namespace dbsage
