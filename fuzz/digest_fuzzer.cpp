// libFuzzer target: any bytes given to the digest, in every log format it
// detects, on one and two threads with tiny blocks, must never crash, hang
// or read out of bounds. Build with -DDBSAGE_FUZZ=ON and clang (see
// fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "digest/digest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int threads : {1, 2}) {
        dbsage::DigestOptions options;
        options.threads = threads;
        options.chunk_bytes = 64;
        options.max_record_bytes = 256;
        options.n_plus_one_min = 2;
        dbsage::DigestReport report;
        dbsage::digest_text(text, options, report);
    }
    dbsage::DigestOptions with_prefix;
    with_prefix.prefix = "%m [%p] %q%u@%d ";
    dbsage::DigestReport report;
    dbsage::digest_text(text, with_prefix, report);
    return 0;
}
