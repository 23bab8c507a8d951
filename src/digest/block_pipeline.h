// stderr logs digested on several threads: one thread reads blocks cut at
// record boundaries while workers digest the blocks before them.
#pragma once

#include <cstdint>

#include "digest/digest.h"
#include "digest/log_input.h"

namespace dbsage {

// Digests one stderr log into report. threads: workers (1: everything on
// the calling thread). bytes_read grows as the input is read. The result is
// the same for any number of threads.
void digest_stderr_blocks(LogInput& in, const DigestOptions& options, int threads, DigestReport& report,
                          std::uint64_t& bytes_read);

}  // namespace dbsage
