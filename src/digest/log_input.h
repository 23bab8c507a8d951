// Log files as byte streams: plain, gzip or zstd (told apart by their magic
// bytes, not their names), a directory of them, or standard input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dbsage/status.h"

namespace dbsage {

class LogInput {
public:
    virtual ~LogInput() = default;
    // Reads up to size bytes; 0 at the end. A read error becomes status().
    virtual size_t read(char* buffer, size_t size) = 0;
    virtual Status status() const { return Status::ok(); }
    // Bytes of the file read so far: compressed bytes for a compressed
    // file, so that progress can be told against the file's size.
    virtual std::uint64_t consumed() const = 0;
};

// What was read ahead (to tell the format), then the rest of the input.
class PrefixedInput : public LogInput {
public:
    PrefixedInput(std::string head, LogInput& rest) : m_head(std::move(head)), m_rest(rest) {}
    size_t read(char* buffer, size_t size) override;
    Status status() const override { return m_rest.status(); }
    std::uint64_t consumed() const override { return m_rest.consumed(); }

private:
    std::string m_head;
    size_t m_at = 0;
    LogInput& m_rest;
};

// Text in memory; it must outlive the input.
std::unique_ptr<LogInput> text_input(std::string_view text);

// Reads until size bytes or the end: some inputs (gzip) hand over less.
size_t read_full(LogInput& in, char* buffer, size_t size);

// Opens one file ("-" is standard input), decompressing when needed.
Result<std::unique_ptr<LogInput>> open_log(const std::string& path);

struct LogPaths {
    std::vector<std::string> files;
    std::vector<std::string> notes;  // inputs left out, and why
};

// Expands directories (recursively) into their regular files, sorted by
// path; a file named twice is read once. Of the stderr, csvlog and jsonlog
// copies of one log (postgresql.log, .csv and .json side by side, written by
// a log_destination with several destinations) only one is kept, with a note.
LogPaths expand_log_paths(const std::vector<std::string>& paths);

}  // namespace dbsage
