// The digest against pgBadger on a real log: a scratch PostgreSQL logs every
// statement while pgbench runs in simple and prepared protocol; dbsage's calls
// and total time per fingerprint must equal pgBadger's JSON report.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <filesystem>
#include <fstream>

#include "../support/test_paths.h"
#include "digest/digest.h"
#include "digest/normalizer.h"
#include "sandbox/scratch_postgres.h"

namespace dbsage {
namespace {

constexpr const char* k_prefix = "%m [%p] %q%u@%d ";

TEST(DigestLive, CallsAndTotalsEqualPgBadgerOnPgbenchLogs) {
    auto pg = ScratchPostgres::start({"log_min_duration_statement=0", std::string("log_line_prefix='") + k_prefix + "'"});
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    std::string bench = (*pg)->bin_dir() + "/pgbench -h " + (*pg)->dir() + " -p " + std::to_string((*pg)->port()) +
                        " -U postgres ";
    ASSERT_EQ(std::system((bench + "-i -s 1 postgres > /dev/null 2>&1").c_str()), 0);
    ASSERT_EQ(std::system((bench + "-t 50 -c 2 postgres > /dev/null 2>&1").c_str()), 0);
    ASSERT_EQ(std::system((bench + "-t 50 -c 2 -M prepared postgres > /dev/null 2>&1").c_str()), 0);
    test::TempDir dir;
    std::string log = dir.file("postgresql.log");
    std::filesystem::copy_file((*pg)->log_path(), log);

    auto ours = digest_logs({log}, DigestOptions{});
    ASSERT_TRUE(ours.is_ok()) << ours.status().message();
    EXPECT_EQ(ours->skipped_lines, 0u);

    std::string json_path = dir.file("pgbadger.json");
    std::string cmd = "pgbadger -q -x json -o " + json_path + " --prefix '" + k_prefix + "' " + log + " > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "pgbadger is installed by scripts/setup.sh";
    std::ifstream in(json_path);
    auto theirs = nlohmann::json::parse(in);
    const auto& normalized = theirs["normalyzed_info"]["postgres"];
    ASSERT_GT(normalized.size(), 5u);

    int compared = 0;
    for (const auto& [query, stats] : normalized.items()) {
        std::string lower = query;
        bool pgbench_statement = lower.find("pgbench_") != std::string::npos &&
                                 (lower.rfind("update", 0) == 0 || lower.rfind("select abalance", 0) == 0 ||
                                  lower.rfind("insert into pgbench_history", 0) == 0);
        if (!pgbench_statement && lower != "begin;" && lower != "end;") continue;
        auto it = ours->queries.find(fingerprint_id(normalize_query(query)));
        ASSERT_NE(it, ours->queries.end()) << "no fingerprint for pgBadger's " << query;
        EXPECT_EQ(it->second.calls, stats["count"].get<std::uint64_t>()) << query;
        EXPECT_NEAR(it->second.total_ms, stats["duration"].get<double>(), 0.0005) << query;
        ++compared;
    }
    EXPECT_EQ(compared, 7) << "begin, end and the five pgbench statements";
    const auto& overall = theirs["overall_stat"]["postgres"];
    EXPECT_EQ(ours->statements, overall["queries_number"].get<std::uint64_t>());
    EXPECT_NEAR(ours->total_ms, overall["queries_duration"]["execute"].get<double>(), 0.01);
    EXPECT_NEAR(ours->bind_ms, overall["queries_duration"]["bind"].get<double>(), 0.01);
    EXPECT_NEAR(ours->parse_ms, overall["queries_duration"]["prepare"].get<double>(), 0.01);
}

TEST(Digest, NormalizerSharesFingerprintsAcrossProtocolsAndConstants) {
    EXPECT_EQ(normalize_query("UPDATE t SET a = a + $1 WHERE id = $2;"),
              normalize_query("update t  set a = a + -42 where id = 7"));
    EXPECT_EQ(normalize_query("SELECT * FROM t WHERE id IN (1, 2, 3) /* c */ AND s = 'x''y'"),
              "select * from t where id in(?) and s = ?");
    EXPECT_EQ(normalize_query("INSERT INTO t VALUES (1,'a'),(2,'b'),(3,'c')"), "insert into t values(?, ?)");
    EXPECT_EQ(normalize_query("SELECT \"Mixed\" FROM t1 WHERE x::int = 3.5e-2 -- trailing\n"),
              "select \"Mixed\" from t1 where x::int = ?");
    EXPECT_NE(fingerprint_id(normalize_query("select a from t")), fingerprint_id(normalize_query("select b from t")));
}

TEST(Digest, ReadsMultiLineStatementsParametersErrorsAndBadLines) {
    std::string log =
        "2026-01-01 10:00:00.000 UTC [11] app@shop LOG:  duration: 5.000 ms  statement: SELECT *\n"
        "\tFROM orders\n"
        "\tWHERE id = 1\n"
        "2026-01-01 10:00:00.010 UTC [11] app@shop LOG:  duration: 7.000 ms  execute <unnamed>: SELECT * FROM orders WHERE id = $1\n"
        "2026-01-01 10:00:00.010 UTC [11] app@shop DETAIL:  parameters: $1 = '42'\n"
        "2026-01-01 10:00:00.020 UTC [12] app@shop ERROR:  relation \"nope\" does not exist at character 15\n"
        "2026-01-01 10:00:00.020 UTC [12] app@shop STATEMENT:  SELECT * FROM nope\n"
        "2026-01-01 10:00:00.030 UTC [12] app@shop LOG:  process 12 still waiting for ShareLock on transaction 5 after 1000.1 ms\n"
        "garbage \x01\x02 line\n"
        "2026-01-01 10:00:00.040 UTC [12] app@shop LOG:  duration: 1.0";
    DigestReport report;
    digest_text(log, DigestOptions{}, report);
    ASSERT_EQ(report.queries.size(), 1u);
    const auto& q = report.queries.begin()->second;
    EXPECT_EQ(q.calls, 2u);
    EXPECT_DOUBLE_EQ(q.total_ms, 12.0);
    EXPECT_EQ(q.query, "select * from orders where id = ?");
    EXPECT_EQ(q.example, "SELECT * FROM orders WHERE id = '42'") << "the slowest run, with its parameters";
    EXPECT_EQ(q.users.at("app"), 2u);
    EXPECT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.lock_waits, 1u);
    EXPECT_EQ(report.skipped_lines, 1u);
    EXPECT_EQ(report.skipped_examples.at(0), 9u);
}

TEST(Digest, FindsNPlusOneRuns) {
    std::string log;
    for (int i = 0; i < 30; ++i)
        log += "2026-01-01 10:00:00." + std::to_string(100 + i) +
               " UTC [7] app@shop LOG:  duration: 0.100 ms  statement: SELECT * FROM items WHERE order_id = " +
               std::to_string(i) + "\n";
    log += "2026-01-01 10:00:01.000 UTC [7] app@shop LOG:  duration: 0.100 ms  statement: SELECT 1\n";
    DigestReport report;
    digest_text(log, DigestOptions{}, report);
    ASSERT_EQ(report.n_plus_one.size(), 1u);
    EXPECT_EQ(report.n_plus_one[0].count, 30u);
    EXPECT_EQ(report.n_plus_one[0].session, "7");
}

TEST(Digest, PercentilesAreWithinOnePercent) {
    DurationHistogram h;
    for (int i = 1; i <= 1000; ++i) h.add(i * 0.37);
    EXPECT_NEAR(h.percentile(50), 500 * 0.37, 500 * 0.37 * 0.01);
    EXPECT_NEAR(h.percentile(95), 950 * 0.37, 950 * 0.37 * 0.01);
    EXPECT_NEAR(h.percentile(99), 990 * 0.37, 990 * 0.37 * 0.01);
    EXPECT_LE(h.percentile(100), 1000 * 0.37);
}

TEST(DigestCli, UnreadableOrForeignInputIsAnError) {
    test::TempDir dir;
    auto r = test::run_dbsage("digest " + dir.file("missing.log"));
    EXPECT_EQ(r.exit_code, 2);
    auto empty = dir.write("empty.log", "");
    auto e = test::run_dbsage("digest " + empty);
    EXPECT_EQ(e.exit_code, 2);
    EXPECT_NE(e.err.find("the log is empty"), std::string::npos) << e.err;
    auto foreign = dir.write("x.log", "this is not\na postgres log\n");
    auto f = test::run_dbsage("digest " + foreign);
    EXPECT_EQ(f.exit_code, 2);
    EXPECT_NE(f.err.find("no PostgreSQL log lines recognized"), std::string::npos) << f.err;
}

}  // namespace
}  // namespace dbsage

#include <zlib.h>
#include <zstd.h>

namespace dbsage {
namespace {

std::string sample_log(int n) {
    std::string log;
    for (int i = 0; i < n; ++i)
        log += "2026-01-01 10:00:00.000 UTC [" + std::to_string(100 + i % 3) + "] app@shop LOG:  duration: 1.500 ms  statement: SELECT * FROM t WHERE id = " +
               std::to_string(i) + "\n";
    return log;
}

TEST(DigestInput, GzipZstdDirectoriesAndStdinReadAlike) {
    test::TempDir dir;
    std::string text = sample_log(1000);
    dir.write("logs/a.log", text);
    gzFile gz = gzopen(dir.file("logs/b.log.gz").c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    std::string packed(ZSTD_compressBound(text.size()), '\0');
    packed.resize(ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 3));
    dir.write("logs/c.log.zst", packed);
    auto report = digest_logs({dir.file("logs")}, DigestOptions{});
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_EQ(report->files.size(), 3u);
    EXPECT_EQ(report->statements, 3000u);
    ASSERT_EQ(report->queries.size(), 1u);
    EXPECT_NEAR(report->queries.begin()->second.total_ms, 4500.0, 1e-6);
    std::string cmd = test::binary() + " digest --format json - < " + dir.file("logs/a.log") + " > " + dir.file("out.json");
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream out(dir.file("out.json"));
    EXPECT_EQ(nlohmann::json::parse(out)["summary"]["statements"], 1000);
}

TEST(DigestInput, TruncatedCompressedLogKeepsWhatWasRead) {
    test::TempDir dir;
    std::string text = sample_log(20000);
    std::string gz_path = dir.file("x.log.gz");
    gzFile gz = gzopen(gz_path.c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    std::filesystem::resize_file(gz_path, std::filesystem::file_size(gz_path) / 2);
    auto r = test::run_dbsage("digest --format json " + gz_path);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("what came before was read"), std::string::npos) << r.err;
    auto statements = nlohmann::json::parse(r.out)["summary"]["statements"].get<int>();
    EXPECT_GT(statements, 1000);
    EXPECT_LT(statements, 20000);
    auto garbage = dir.write("g.log", std::string("\x1f\x8b\x08\x00garbage", 11));
    EXPECT_EQ(test::run_dbsage("digest " + garbage).exit_code, 2);
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(DigestCli, MarkdownAndWorkloadFile) {
    test::TempDir dir;
    auto log = dir.write("a.log", sample_log(50));
    auto md = test::run_dbsage("digest --format markdown --workload-out " + dir.file("w.json") + " " + log);
    EXPECT_EQ(md.exit_code, 0) << md.err;
    EXPECT_NE(md.out.find("| 1 | 50 | 75.000 | 100.0% |"), std::string::npos) << md.out;
    std::ifstream in(dir.file("w.json"));
    auto w = nlohmann::json::parse(in);
    ASSERT_EQ(w["queries"].size(), 1u);
    EXPECT_EQ(w["queries"][0]["calls"], 50);
    EXPECT_EQ(w["queries"][0]["query"], "select * from t where id = ?");
    EXPECT_EQ(w["queries"][0]["example"].get<std::string>().rfind("SELECT * FROM t WHERE id = ", 0), 0u);
    EXPECT_EQ(w["workload"]["statements"], 50);
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

// The same server session logged as stderr, csvlog and jsonlog at once must
// digest to the same numbers.
TEST(DigestLive, StderrCsvlogAndJsonlogAgree) {
    auto pg = ScratchPostgres::start({"log_min_duration_statement=0", "logging_collector=on",
                                      "log_destination='stderr,csvlog,jsonlog'", "log_directory=log"});
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    std::string bench = (*pg)->bin_dir() + "/pgbench -h " + (*pg)->dir() + " -p " + std::to_string((*pg)->port()) +
                        " -U postgres ";
    ASSERT_EQ(std::system((bench + "-i -s 1 postgres > /dev/null 2>&1").c_str()), 0);
    ASSERT_EQ(std::system((bench + "-t 30 -c 2 -M prepared postgres > /dev/null 2>&1").c_str()), 0);
    ASSERT_TRUE((*pg)->run_sql("SELECT pg_sleep(0.2)").is_ok());  // let the collector write
    std::map<std::string, std::string> by_format;
    for (const auto& e : std::filesystem::directory_iterator((*pg)->dir() + "/data/log"))
        by_format[e.path().extension().string()] = e.path().string();
    ASSERT_EQ(by_format.size(), 3u);
    std::map<std::string, DigestReport> reports;
    for (const auto& [ext, path] : by_format) {
        auto r = digest_logs({path}, DigestOptions{});
        ASSERT_TRUE(r.is_ok()) << path << ": " << r.status().message();
        EXPECT_EQ(r->skipped_lines, 0u) << path;
        reports.emplace(ext, std::move(*r));
    }
    const auto& text = reports.at(".log");
    EXPECT_GT(text.statements, 200u);
    for (const auto& ext : {".csv", ".json"}) {
        const auto& other = reports.at(ext);
        EXPECT_EQ(other.statements, text.statements) << ext;
        EXPECT_NEAR(other.total_ms, text.total_ms, 1e-6) << ext;
        EXPECT_NEAR(other.bind_ms, text.bind_ms, 1e-6) << ext;
        for (const auto& [id, q] : text.queries) {
            auto it = other.queries.find(id);
            ASSERT_NE(it, other.queries.end()) << ext << ": " << q.query;
            EXPECT_EQ(it->second.calls, q.calls) << ext << ": " << q.query;
            EXPECT_EQ(it->second.example, q.example) << ext;
        }
    }
}

}  // namespace
}  // namespace dbsage

#include "workload/workload.h"

namespace dbsage {
namespace {

// The same workload seen from the log and from pg_stat_statements: the call
// counts of pgbench's statements agree, and both share fingerprints.
TEST(WorkloadLive, PgStatStatementsAgreesWithTheLog) {
    auto pg = ScratchPostgres::start({"shared_preload_libraries=pg_stat_statements", "log_min_duration_statement=0",
                                      std::string("log_line_prefix='") + k_prefix + "'"});
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    auto missing = test::run_dbsage("workload --db '" + (*pg)->conninfo() + "'");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("CREATE EXTENSION pg_stat_statements"), std::string::npos) << missing.err;
    ASSERT_TRUE((*pg)->run_sql("CREATE EXTENSION pg_stat_statements").is_ok());
    std::string bench = (*pg)->bin_dir() + "/pgbench -h " + (*pg)->dir() + " -p " + std::to_string((*pg)->port()) +
                        " -U postgres ";
    ASSERT_EQ(std::system((bench + "-i -s 1 postgres > /dev/null 2>&1").c_str()), 0);
    ASSERT_TRUE((*pg)->run_sql("SELECT pg_stat_statements_reset()").is_ok());
    ASSERT_EQ(std::system((bench + "-t 40 -c 2 -M prepared postgres > /dev/null 2>&1").c_str()), 0);
    auto live = read_server_digest((*pg)->conninfo());
    ASSERT_TRUE(live.is_ok()) << live.status().message();
    auto update = live->queries.find(fingerprint_id(normalize_query("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2")));
    ASSERT_NE(update, live->queries.end());
    EXPECT_EQ(update->second.calls, 80u);
    test::TempDir dir;
    auto r = test::run_dbsage("workload --db '" + (*pg)->conninfo() + "' -o " + dir.file("w.json"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir.file("w.json"));
    auto w = nlohmann::json::parse(in);
    EXPECT_GT(w["queries"].size(), 5u);
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(Digest, ExplicitPrefixReadsFieldsExactly) {
    DigestOptions options;
    options.prefix = "%t [%p]: %quser=%u,db=%d,app=%a ";
    DigestReport report;
    digest_text("2026-01-01 10:00:00 UTC [42]: user=app,db=shop,app=web LOG:  duration: 2.000 ms  statement: SELECT 1\n"
                "2026-01-01 10:00:01 UTC [43]: LOG:  checkpoint complete: wrote 3 buffers\n",
                options, report);
    ASSERT_EQ(report.queries.size(), 1u);
    const auto& q = report.queries.begin()->second;
    EXPECT_EQ(q.users.at("app"), 1u);
    EXPECT_EQ(q.databases.at("shop"), 1u);
    EXPECT_EQ(q.applications.at("web"), 1u);
    EXPECT_EQ(report.checkpoints, 1u) << "a background process's shorter prefix still matches";
    options.prefix = "%m [%p] %q%u@%d ";
    DigestReport other;
    digest_text("2026-01-01 10:00:00.000 UTC [9] LOG:  database system is ready to accept connections\n", options, other);
    EXPECT_EQ(other.skipped_lines, 0u) << "everything after %q is optional";
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(DigestCli, HtmlIsOneSelfContainedPage) {
    test::TempDir dir;
    std::string log = sample_log(40) + "2026-01-01 10:00:01.000 UTC [5] app@shop ERROR:  division by zero\n";
    auto path = dir.write("a.log", log);
    auto r = test::run_dbsage("digest --format html " + path);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("<!doctype html>", 0), 0u);
    EXPECT_NE(r.out.find("<svg"), std::string::npos);
    EXPECT_NE(r.out.find("select * from t where id = ?"), std::string::npos);
    EXPECT_NE(r.out.find("division by zero"), std::string::npos);
    for (const char* external : {"src=", "href=", "@import", "url("})
        EXPECT_EQ(r.out.find(external), std::string::npos) << external << ": the page must not fetch anything";
}

}  // namespace
}  // namespace dbsage
