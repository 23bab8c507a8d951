// Parse + lint throughput on a generated corpus, single thread.
//   lint_throughput [MEGABYTES] [RUNS]
// Prints one line per run and the median as MB/s and statements/s.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "corpus.h"
#include "dbsage/lint.h"

int main(int argc, char** argv) {
    size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
    int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    char tmpl[] = "/tmp/dbsage-bench-XXXXXX";
    if (!mkdtemp(tmpl)) return 2;
    std::string dir = tmpl;
    // Split the corpus into files of ~256 KB, like a directory of migrations.
    std::string corpus = dbsage::bench::make_corpus(megabytes << 20);
    size_t files = 0;
    for (size_t at = 0; at < corpus.size(); ++files) {
        size_t end = std::min(corpus.size(), at + (256u << 10));
        end = corpus.find("\\set ON_ERROR_STOP", end);
        if (end == std::string::npos) end = corpus.size();
        char name[32];
        std::snprintf(name, sizeof name, "/%06zu.sql", files);
        std::ofstream(dir + name) << corpus.substr(at, end - at);
        at = end;
    }
    std::vector<double> seconds;
    int statements = 0;
    size_t findings = 0;
    for (int r = 0; r < runs; ++r) {
        dbsage::LintOptions options;
        options.targets = {dir};
        options.config_path = dir + "/none.toml";
        std::ofstream(options.config_path) << "";
        auto start = std::chrono::steady_clock::now();
        auto report = dbsage::lint(options);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!report) {
            std::fprintf(stderr, "lint failed: %s\n", report.status().message().c_str());
            return 2;
        }
        statements = report->statements;
        findings = report->findings.size();
        seconds.push_back(s);
        std::printf("run %d: %.3f s\n", r + 1, s);
    }
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    double mb = static_cast<double>(corpus.size()) / (1 << 20);
    std::printf("corpus: %.1f MB in %zu files, %d statements, %zu findings\n", mb, files, statements, findings);
    std::printf("median: %.3f s  %.1f MB/s  %.0f statements/s\n", median, mb / median, statements / median);
    std::filesystem::remove_all(dir);
    return 0;
}
