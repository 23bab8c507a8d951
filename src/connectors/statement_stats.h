// A server's own per-statement statistics, as its catalog holds them
// (pg_stat_statements, performance_schema's digest summary): rows, not a
// workload. src/workload turns them into one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dbsage {

struct StatementStats {
    std::string text;  // the statement as the server shows it ($n or ? in place of constants)
    // The slowest execution with its constants, where the server kept one
    // (MySQL's events_statements_history_long); empty otherwise.
    std::string example;
    std::uint64_t calls = 0;
    double total_ms = 0;
    std::optional<double> min_ms, max_ms;
    std::optional<std::uint64_t> rows_sent, rows_examined;
    std::string database;  // where the server tells it per statement (MySQL); else empty
};

}  // namespace dbsage
