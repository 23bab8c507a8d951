// Logs digested in blocks: one thread reads blocks cut at record boundaries
// while workers digest the blocks before them. Every log format goes through
// it; those whose records depend on the ones before (the MySQL slow log) on
// one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "digest/digest.h"
#include "digest/log_input.h"
#include "digest/record_sink.h"

namespace dbsage {

// Reads the whole records of one block into the sink it was made for.
class BlockParser {
public:
    virtual ~BlockParser() = default;
    virtual void run(std::string_view block) = 0;
    // The input is over: a record the parser still holds is handed on.
    virtual void finish() {}
};

struct BlockFormat {
    // Where text that starts at a record may be cut: after its last whole
    // record, so that what follows starts the next one. 0: none yet.
    std::function<size_t(std::string_view text)> cut;
    // A parser for one worker.
    std::function<std::unique_ptr<BlockParser>(RecordSink& sink)> make_parser;
    // The parser hands the sink views into the block itself, which stay
    // valid until the block ends (so the sink need not copy them).
    bool views_into_block = false;
    // A record depends on the ones before it (the parser keeps state from
    // block to block): the blocks are read in order on one thread.
    bool in_order = false;
};

// Digests one log into report. threads: workers (1: everything on the
// calling thread). bytes_read grows by the bytes of the file read
// (LogInput::consumed). The result is the
// same for any number of threads.
void digest_blocks(LogInput& in, const BlockFormat& format, const DigestOptions& options, int threads,
                   DigestReport& report, std::uint64_t& bytes_read);

}  // namespace dbsage
