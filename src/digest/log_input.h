// Log files as byte streams: plain, gzip or zstd (told apart by their magic
// bytes, not their names), a directory of them, or standard input.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

class LogInput {
public:
    virtual ~LogInput() = default;
    // Reads up to size bytes; 0 at the end. A read error becomes status().
    virtual size_t read(char* buffer, size_t size) = 0;
    virtual Status status() const { return Status::ok(); }
};

// Opens one file ("-" is standard input), decompressing when needed.
Result<std::unique_ptr<LogInput>> open_log(const std::string& path);

// Expands directories into their regular files, sorted by name.
std::vector<std::string> expand_log_paths(const std::vector<std::string>& paths);

}  // namespace dbsage
