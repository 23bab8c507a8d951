// The modules of src/ (its first-level folders) and the #include lines
// between them: dependencies point one way, sources -> model -> analyses ->
// reports (ARCHITECTURE.md). A new cycle, or a source that includes an
// analysis, fails here with the files that do it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "../support/test_paths.h"

namespace dbsage {
namespace {
namespace fs = std::filesystem;

// module -> module it includes -> "file:line" of one include that does it
using ModuleGraph = std::map<std::string, std::map<std::string, std::string>>;

ModuleGraph module_graph() {
    const fs::path src = test::source_dir() + "/src";
    auto module_of = [&](const fs::path& path) {
        fs::path rel = fs::relative(path, src);
        return rel.has_parent_path() ? rel.begin()->string() : rel.stem().string();
    };
    static const std::regex k_include(R"re(^\s*#\s*include\s+"([^"]+)")re");
    ModuleGraph graph;
    for (const auto& entry : fs::recursive_directory_iterator(src)) {
        std::string ext = entry.path().extension().string();
        if (ext != ".cpp" && ext != ".h") continue;
        std::string from = module_of(entry.path());
        graph[from];
        std::ifstream in(entry.path());
        int number = 0;
        for (std::string line; std::getline(in, line);) {
            ++number;
            std::smatch m;
            if (!std::regex_search(line, m, k_include)) continue;
            fs::path target = src / m[1].str();
            if (!fs::exists(target)) target = entry.path().parent_path() / m[1].str();
            if (!fs::exists(target)) continue;  // include/dbsage or a system header
            std::string to = module_of(target);
            if (to != from && !graph[from].count(to))
                graph[from][to] = fs::relative(entry.path(), src).string() + ":" + std::to_string(number);
        }
    }
    return graph;
}

// A path from `from` back to `to` through the graph, or empty.
std::vector<std::string> path_between(const ModuleGraph& graph, const std::string& from, const std::string& to,
                                      std::set<std::string>& seen) {
    if (from == to) return {to};
    if (!seen.insert(from).second) return {};
    auto it = graph.find(from);
    if (it == graph.end()) return {};
    for (const auto& [next, where] : it->second) {
        auto rest = path_between(graph, next, to, seen);
        if (!rest.empty()) {
            rest.insert(rest.begin(), from);
            return rest;
        }
    }
    return {};
}

TEST(ModuleGraph, HasNoCycle) {
    ModuleGraph graph = module_graph();
    ASSERT_GT(graph.size(), 10u);
    for (const auto& [from, targets] : graph)
        for (const auto& [to, where] : targets) {
            std::set<std::string> seen;
            auto back = path_between(graph, to, from, seen);
            if (back.empty()) continue;
            std::string cycle = from;
            for (const auto& m : back) cycle += " -> " + m;
            ADD_FAILURE() << "modules in a cycle: " << cycle << " (" << from << " -> " << to << " at " << where << ")";
        }
}

TEST(ModuleGraph, SourcesAndModelIncludeNoAnalysis) {
    // Sources fill the model; analyses read it. A source that needs an
    // analysis's type means the type belongs lower (in model/) or the code
    // belongs higher.
    const std::set<std::string> lower = {"util", "config", "model", "sql", "connectors", "sandbox", "dialect"};
    ModuleGraph graph = module_graph();
    for (const auto& module : lower) ASSERT_TRUE(graph.count(module)) << module << " is not a module of src/ any more";
    for (const auto& [from, targets] : graph) {
        if (!lower.count(from)) continue;
        for (const auto& [to, where] : targets)
            EXPECT_TRUE(lower.count(to)) << from << " includes the analysis module " << to << " at " << where;
    }
}

}  // namespace
}  // namespace dbsage
