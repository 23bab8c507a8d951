// PostgreSQL's stderr log format: one record a line, "\t" continuation
// lines for multi-line statements, DETAIL lines after their record.
#pragma once

#include <optional>
#include <string_view>

#include "digest/block_pipeline.h"
#include "digest/log_fields.h"
#include "digest/record_sink.h"

namespace dbsage {

class StderrReader : public BlockParser {
public:
    // prefix: the server's log_line_prefix, or empty to find the fields by
    // their usual shapes.
    StderrReader(std::string_view prefix, RecordSink& sink);

    // Reads whole lines (a last line without its newline counts as whole).
    void run(std::string_view text) override;

private:
    RecordSink& m_sink;
    std::optional<PrefixSpec> m_spec;
};

// The start of the last whole line before `pos` that begins a record: not a
// continuation and not the DETAIL of the record before it. Text can be cut
// there without parting a statement from its lines. 0 when there is none.
size_t record_boundary_before(std::string_view text, size_t pos);

// stderr logs as blocks: cut before the last record that begins in them.
BlockFormat stderr_block_format(const DigestOptions& options);

}  // namespace dbsage
