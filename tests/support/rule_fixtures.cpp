#include "rule_fixtures.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "test_paths.h"

namespace dbsage::test {
namespace fs = std::filesystem;

namespace {

bool is_dialect_fixture(const std::string& path) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("-- dialect: sqlite", 0) == 0 || line.rfind("-- dialect: mysql", 0) == 0) return true;
    return false;
}

}  // namespace

std::vector<std::string> rule_fixture_paths(bool dialect) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(source_dir() + "/tests/rules"))
        if (e.path().extension() == ".sql" && is_dialect_fixture(e.path().string()) == dialect)
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string fixture_test_name(const testing::TestParamInfo<std::string>& info) {
    std::string name = fs::path(info.param).stem().string();
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

}  // namespace dbsage::test
