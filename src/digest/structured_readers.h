// The formats other than PostgreSQL's stderr text: csvlog and jsonlog (cut
// into blocks, read on several threads) and the MySQL/MariaDB slow query log
// (read on one thread). Each turns its records into RecordSink calls.
#pragma once

#include <memory>
#include <string_view>

#include "digest/block_pipeline.h"
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

// A reader of the MySQL slow log.
std::unique_ptr<FormatReader> make_mysql_slow_reader(RecordSink& sink);

// csvlog and jsonlog as blocks for digest_blocks.
BlockFormat csv_block_format();
BlockFormat json_block_format();

}  // namespace dbsage
