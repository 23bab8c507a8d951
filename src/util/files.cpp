#include "util/files.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace dbsage {

Result<std::string> read_file_text(const std::string& path, std::string_view what) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return Status::error(path + ": a directory, not a " + std::string(what));
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::error(path + ": cannot be read");
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return Status::error(path + ": cannot be read");
    return text;
}

}  // namespace dbsage
