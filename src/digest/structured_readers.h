// Log formats read on one thread: csvlog, jsonlog and the MySQL/MariaDB slow
// query log. Each turns its records into RecordSink calls.
#pragma once

#include <memory>
#include <string_view>

#include "digest/record_sink.h"

namespace dbsage {

enum class LogFormat { stderr_text, csv, json, mysql_slow };

// Tells the format from the first few KB of a log.
LogFormat detect_log_format(std::string_view head);

// Reads records from text handed over in pieces cut at line ends.
class FormatReader {
public:
    virtual ~FormatReader() = default;
    // Reads what it can; returns the bytes used. The rest (a record that
    // goes on past the piece) is handed over again with the next piece.
    virtual size_t consume(std::string_view text, bool at_end) = 0;
    // The input is over.
    virtual void finish() {}
};

// A reader of csvlog, jsonlog or the MySQL slow log (not stderr text).
std::unique_ptr<FormatReader> make_format_reader(LogFormat format, RecordSink& sink);

}  // namespace dbsage
