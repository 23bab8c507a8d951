// Real migration files from Debian packages (MediaWiki's PostgreSQL patches,
// GNUmed's psql migrations), fetched by scripts/fetch-corpus.sh, never
// committed. Linted alone (the CI case), with a baseline, and as a directory:
// no crash, no input error, and findings per file and rule exactly as
// tests/corpus/expected-findings.txt records them, so they change only on
// purpose (DBSAGE_UPDATE_CORPUS=1 rewrites the file). migrate trace agrees
// with the predictor on every statement the server accepts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../support/test_paths.h"
#include "dbsage/migrate.h"

namespace dbsage {
namespace {

namespace fs = std::filesystem;

std::string corpus_dir() { return fs::path(test::binary()).parent_path().string() + "/corpus"; }

std::string expected_path() { return test::source_dir() + "/tests/corpus/expected-findings.txt"; }

void fetch() {
    std::string cmd = test::source_dir() + "/scripts/fetch-corpus.sh " + corpus_dir();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "could not fetch the corpus: " << cmd;
}

std::vector<std::string> sql_files(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".sql") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// "mode file rule count" lines for one lint run.
void tally(const std::string& mode, const std::string& args, std::map<std::string, int>& lines) {
    auto r = test::run_dbsage("lint --config /dev/null --format json " + args);
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << mode << " " << args << ": exit " << r.exit_code << "\n" << r.err;
    auto j = nlohmann::json::parse(r.out);
    for (const auto& f : j["findings"]) {
        std::string file = fs::path(f["file"].is_string() ? f["file"].get<std::string>() : "-").filename().string();
        ++lines[mode + " " + file + " " + f["rule"].get<std::string>()];
    }
}

TEST(Corpus, RealMigrationsGiveTheRecordedFindings) {
    fetch();
    std::string mw = corpus_dir() + "/mediawiki";
    std::map<std::string, int> lines;
    for (const auto& file : sql_files(mw + "/archives")) {
        tally("alone", file, lines);
        tally("baseline", "--schema " + mw + "/baseline.sql " + file, lines);
    }
    tally("gnumed", corpus_dir() + "/gnumed", lines);
    std::string actual;
    for (const auto& [key, count] : lines) actual += key + " " + std::to_string(count) + "\n";
    if (std::getenv("DBSAGE_UPDATE_CORPUS")) {
        std::ofstream(expected_path()) << actual;
        GTEST_SKIP() << "rewrote " << expected_path();
    }
    std::ifstream in(expected_path());
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str()) << "findings on the real corpus changed; if on purpose, rerun with "
                                         "DBSAGE_UPDATE_CORPUS=1 and review the diff of " << expected_path();
    // The lone-file case is judged: lock rules fire without a baseline.
    int alone_lock_findings = 0;
    for (const auto& [key, count] : lines)
        if (key.rfind("alone ", 0) == 0 && key.find("require-concurrent-index") != std::string::npos) alone_lock_findings += count;
    EXPECT_GT(alone_lock_findings, 20);
}

TEST(Corpus, TraceAgreesWithThePredictionOnWhatTheServerAccepts) {
    fetch();
    MigrateOptions options;
    options.targets = {corpus_dir() + "/mediawiki/archives"};
    options.schema_file = corpus_dir() + "/mediawiki/baseline.sql";
    options.config_path = "/dev/null";
    auto traced = trace_locks(options);
    ASSERT_TRUE(traced.is_ok()) << traced.status().message();
    std::string all;
    for (const auto& d : traced->disagreements) all += "\n  " + d;
    EXPECT_TRUE(traced->disagreements.empty()) << all;
    int observed = static_cast<int>(traced->statements.size()) - traced->failed() - traced->unobserved();
    EXPECT_GE(observed, 20);
}

}  // namespace
}  // namespace dbsage
