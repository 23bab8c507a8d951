// The formats other than PostgreSQL's stderr text: csvlog and jsonlog (blocks
// read on several threads) and the MySQL/MariaDB slow query log (blocks read
// in order on one thread). Each turns its records into RecordSink calls.
#pragma once

#include <string_view>

#include "digest/block_pipeline.h"
#include "digest/record_sink.h"

namespace dbsage {

enum class LogFormat { stderr_text, csv, json, mysql_slow };

// Tells the format from the first few KB of a log.
LogFormat detect_log_format(std::string_view head);

// Where text made of newline-ended records may be cut: after its last
// newline (0: none yet).
size_t line_cut(std::string_view text);

// The formats as blocks for digest_blocks.
BlockFormat csv_block_format();
BlockFormat json_block_format();
BlockFormat mysql_slow_block_format();

}  // namespace dbsage
