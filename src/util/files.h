// Reading a whole input file into memory.
#pragma once

#include <string>
#include <string_view>

#include "dbsage/status.h"

namespace dbsage {

// The bytes of path ("-": standard input). A directory ("PATH: a directory,
// not a WHAT"), or a file that cannot be opened or read to its end ("PATH:
// cannot be read"), is an error naming the path.
Result<std::string> read_file_text(const std::string& path, std::string_view what = "file");

}  // namespace dbsage
