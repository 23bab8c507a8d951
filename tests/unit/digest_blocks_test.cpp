// stderr logs are cut into blocks digested on several threads. Whatever the
// block size and the number of threads, the digest must be the one of a
// single pass: small blocks force cuts next to multi-line statements, their
// DETAIL lines, skipped lines and N+1 runs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "../support/test_paths.h"
#include "digest/digest.h"

namespace dbsage {
namespace {

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string stamp(int i) { return "2026-01-01 10:" + two_digits(i / 6000 % 60) + ":" + two_digits(i / 100 % 60) + "." +
                                  std::to_string(100 + i % 100) + " UTC"; }

// Four sessions interleaved (prepared with DETAIL, multi-line, garbage) and
// session 900 running one lookup in long runs that cross many blocks.
std::string mixed_log() {
    std::string log;
    for (int i = 0; i < 3000; ++i) {
        std::string ts = stamp(i);
        std::string pid = std::to_string(100 + i % 4);
        if (i % 3 == 0)
            log += ts + " [" + pid + "] app@shop LOG:  duration: 1.250 ms  execute P_1: SELECT *\n\tFROM t WHERE id = $1\n" +
                   ts + " [" + pid + "] app@shop DETAIL:  parameters: $1 = '" + std::to_string(i) + "'\n";
        else if (i % 3 == 1)
            log += ts + " [" + pid + "] app@shop LOG:  duration: 0.500 ms  statement: UPDATE t SET n = n + " + std::to_string(i) +
                   "\n\tWHERE id = " + std::to_string(i) + "\n";
        else
            log += "garbage line " + std::to_string(i) + "\n";
        // Runs of 25, 60 and 400: within a block, across one cut, across whole blocks.
        int run = i % 1000 < 25 ? 1 : (i % 1000 >= 300 && i % 1000 < 360) ? 2 : (i % 1000 >= 500 && i % 1000 < 900) ? 3 : 0;
        if (run)
            log += ts + " [900] app@shop LOG:  duration: 0.010 ms  statement: SELECT * FROM items WHERE order_id = " +
                   std::to_string(run * 100000 + i) + (run == 2 ? "" : " AND kind = " + std::to_string(run)) + "\n";
        else if (i % 7 == 0)
            log += ts + " [900] app@shop LOG:  duration: 0.010 ms  statement: SELECT * FROM " + (i % 2 ? "a" : "b") + "\n";
    }
    return log;
}

DigestReport digest(const std::string& path, int threads, size_t chunk_bytes) {
    DigestOptions options;
    options.threads = threads;
    options.chunk_bytes = chunk_bytes;
    options.n_plus_one_window_ms = 60000;
    auto report = digest_logs({path}, options);
    EXPECT_TRUE(report.is_ok()) << report.status().message();
    return report.is_ok() ? *report : DigestReport{};
}

void expect_same(const DigestReport& a, const DigestReport& b, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(b.statements, a.statements);
    EXPECT_NEAR(b.total_ms, a.total_ms, 1e-6);
    EXPECT_EQ(b.lines, a.lines);
    EXPECT_EQ(b.skipped_lines, a.skipped_lines);
    EXPECT_EQ(b.skipped_examples, a.skipped_examples);
    EXPECT_EQ(b.first, a.first);
    EXPECT_EQ(b.last, a.last);
    ASSERT_EQ(b.per_minute.size(), a.per_minute.size());
    for (const auto& [minute, stats] : a.per_minute) {
        EXPECT_EQ(b.per_minute.at(minute).first, stats.first) << minute;
        EXPECT_NEAR(b.per_minute.at(minute).second, stats.second, 1e-6) << minute;  // sums in another order
    }
    ASSERT_EQ(b.queries.size(), a.queries.size());
    for (const auto& [id, q] : a.queries) {
        auto it = b.queries.find(id);
        ASSERT_NE(it, b.queries.end()) << q.query;
        EXPECT_EQ(it->second.calls, q.calls) << q.query;
        EXPECT_EQ(it->second.example, q.example) << q.query;
        EXPECT_EQ(it->second.first, q.first) << q.query;
        EXPECT_EQ(it->second.last, q.last) << q.query;
        EXPECT_EQ(it->second.histogram.percentile(99), q.histogram.percentile(99)) << q.query;
    }
    ASSERT_EQ(b.n_plus_one.size(), a.n_plus_one.size());
    for (size_t i = 0; i < a.n_plus_one.size(); ++i) {
        EXPECT_EQ(b.n_plus_one[i].fingerprint, a.n_plus_one[i].fingerprint);
        EXPECT_EQ(b.n_plus_one[i].count, a.n_plus_one[i].count);
        EXPECT_EQ(b.n_plus_one[i].session, a.n_plus_one[i].session);
        EXPECT_DOUBLE_EQ(b.n_plus_one[i].span_ms, a.n_plus_one[i].span_ms);
        EXPECT_EQ(b.n_plus_one[i].example, a.n_plus_one[i].example);
    }
}

TEST(DigestBlocks, AnyBlockSizeAndThreadCountGiveTheOnePassDigest) {
    test::TempDir dir;
    auto path = dir.write("a.log", mixed_log());
    DigestReport whole = digest(path, 1, 64u << 20);  // one block: a plain single pass
    EXPECT_GT(whole.statements, 2000u + 3 * (25 + 60 + 400));
    EXPECT_EQ(whole.skipped_examples.at(0), 8u);
    // Three runs of each kind (at i % 1000 in 0-25, 300-360, 500-900).
    ASSERT_EQ(whole.n_plus_one.size(), 9u);
    EXPECT_EQ(whole.n_plus_one.front().count, 400u);
    EXPECT_EQ(whole.n_plus_one.back().count, 25u);
    for (size_t chunk : {4096u, 1000u, 65536u})
        for (int threads : {1, 2, 3})
            expect_same(whole, digest(path, threads, chunk),
                        std::to_string(threads) + " threads, " + std::to_string(chunk) + "-byte blocks");
}

TEST(DigestBlocks, SkippedLinesAreNumberedFromTheStartOfTheInput) {
    test::TempDir dir;
    std::string log;
    for (int i = 0; i < 2000; ++i)
        log += stamp(i) + " [7] app@shop LOG:  duration: 0.100 ms  statement: SELECT " + std::to_string(i) + "\n";
    log += "\x01\x02 binary garbage\n";
    log += stamp(2001) + " [7] app@shop LOG:  duration: 0.100 ms  statement: SELECT 1\n";
    log += "not a log line";  // a last line without its newline
    auto path = dir.write("late.log", log);
    for (int threads : {1, 2}) {
        DigestReport r = digest(path, threads, 4096);
        EXPECT_EQ(r.statements, 2001u);
        EXPECT_EQ(r.lines, 2003u);
        ASSERT_EQ(r.skipped_examples.size(), 2u);
        EXPECT_EQ(r.skipped_examples[0], 2001u);
        EXPECT_EQ(r.skipped_examples[1], 2003u);
    }
}

// One record larger than a block (a statement with a 100 KB IN list) makes
// the block grow instead of cutting the record.
TEST(DigestBlocks, RecordLargerThanABlockStaysWhole) {
    test::TempDir dir;
    std::string big = "SELECT * FROM t WHERE id IN (1";
    for (int i = 2; i < 20000; ++i) big += ", " + std::to_string(i);
    big += ")";
    std::string log = stamp(0) + " [7] app@shop LOG:  duration: 5.000 ms  statement: SELECT 1\n";
    log += stamp(1) + " [7] app@shop LOG:  duration: 9.000 ms  statement: " + big + "\n";
    log += stamp(2) + " [7] app@shop LOG:  duration: 5.000 ms  statement: SELECT 2\n";
    auto path = dir.write("big.log", log);
    for (int threads : {1, 2}) {
        DigestReport r = digest(path, threads, 4096);
        EXPECT_EQ(r.statements, 3u);
        EXPECT_EQ(r.queries.size(), 2u);
        EXPECT_EQ(r.skipped_lines, 0u);
    }
}

std::string csv_quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

// The events of mixed_log() in csvlog and jsonlog form: multi-line
// statements with quotes, parameters in the detail field, N+1 runs.
std::string structured_log(bool csv) {
    std::string log;
    auto record = [&](int i, int pid, const std::string& severity, const std::string& message, const std::string& detail) {
        if (csv) {
            log += stamp(i) + ",\"app\",\"shop\"," + std::to_string(pid) + ",\"[local]\",\"s.1\",1,\"SELECT\"," + stamp(0) +
                   ",1/1,0," + severity + ",00000," + csv_quote(message) + "," + (detail.empty() ? "" : csv_quote(detail)) +
                   ",,,,,,,,\"web\",\"client backend\",,0\n";
        } else {
            std::string escaped;
            for (char c : message) escaped += c == '\n' ? std::string("\\n") : c == '"' ? std::string("\\\"") : std::string(1, c);
            log += "{\"timestamp\":\"" + stamp(i) + "\",\"user\":\"app\",\"dbname\":\"shop\",\"pid\":" + std::to_string(pid) +
                   ",\"error_severity\":\"" + severity + "\",\"message\":\"" + escaped + "\"" +
                   (detail.empty() ? "" : ",\"detail\":\"" + detail + "\"") + ",\"application_name\":\"web\"}\n";
        }
    };
    for (int i = 0; i < 3000; ++i) {
        int pid = 100 + i % 4;
        if (i % 3 == 0)
            record(i, pid, "LOG", "duration: 1.250 ms  execute P_1: SELECT *\nFROM t WHERE \"id\" = $1", "parameters: $1 = '" + std::to_string(i) + "'");
        else if (i % 3 == 1)
            record(i, pid, "LOG", "duration: 0.500 ms  statement: UPDATE t SET n = '\"" + std::to_string(i) + "\"'\nWHERE id = " + std::to_string(i), "");
        else
            record(i, pid, "ERROR", "relation \"t" + std::to_string(i) + "\" does not exist", "");
        if (i % 1000 >= 500 && i % 1000 < 900)
            record(i, 900, "LOG", "duration: 0.010 ms  statement: SELECT * FROM items WHERE order_id = " + std::to_string(i), "");
    }
    return log;
}

TEST(DigestBlocks, CsvlogAndJsonlogGiveTheOnePassDigestToo) {
    test::TempDir dir;
    for (bool csv : {true, false}) {
        SCOPED_TRACE(csv ? "csvlog" : "jsonlog");
        auto path = dir.write(csv ? "a.csv" : "a.json", structured_log(csv));
        DigestReport whole = digest(path, 1, 64u << 20);
        EXPECT_EQ(whole.statements, 2000u + 3 * 400);
        EXPECT_EQ(whole.skipped_lines, 0u);
        EXPECT_EQ(whole.errors.size(), 1u);
        ASSERT_EQ(whole.n_plus_one.size(), 1u);  // session 900 runs nothing else in between: one run
        EXPECT_EQ(whole.n_plus_one[0].count, 1200u);
        EXPECT_EQ(whole.queries.size(), 3u);
        for (const auto& [id, q] : whole.queries)
            if (q.query.find("update") == 0) {
                EXPECT_NE(q.example.find("= '\""), std::string::npos) << q.example;
                EXPECT_EQ(q.example.find("\"\""), std::string::npos) << "doubled quotes undone: " << q.example;
            }
        for (size_t chunk : {1000u, 4096u})
            for (int threads : {1, 2, 3})
                expect_same(whole, digest(path, threads, chunk),
                            std::to_string(threads) + " threads, " + std::to_string(chunk) + "-byte blocks");
    }
}

// Random bytes hold blank lines and stray "\t" lines too, which are not
// skipped records; with no record at all the digest is an error (exit 2).
TEST(DigestBlocks, NothingButGarbageIsAnError) {
    test::TempDir dir;
    std::mt19937 random(11);
    std::string bytes;
    for (int i = 0; i < 200000; ++i) bytes += static_cast<char>(i % 97 == 0 ? '\n' : i % 89 == 0 ? '\t' : random() % 256);
    for (int threads : {1, 2}) {
        DigestOptions options;
        options.threads = threads;
        auto r = digest_logs({dir.write("garbage.bin", bytes)}, options);
        ASSERT_FALSE(r.is_ok());
        EXPECT_NE(r.status().message().find("no PostgreSQL log lines recognized"), std::string::npos) << r.status().message();
    }
}

// Progress is told in bytes of the files: at the end, their sizes on disk.
TEST(DigestBlocks, ProgressCountsTheFilesBytes) {
    test::TempDir dir;
    std::string log = mixed_log();
    auto plain = dir.write("a.log", log);
    ASSERT_EQ(std::system(("gzip -k -c " + plain + " > " + dir.file("b.log.gz")).c_str()), 0);
    auto size = [](const std::string& path) { return static_cast<std::uint64_t>(std::filesystem::file_size(path)); };
    for (int threads : {1, 2}) {
        DigestOptions options;
        options.threads = threads;
        options.chunk_bytes = 4096;
        std::uint64_t last = 0;
        int calls = 0;
        options.progress = [&](std::uint64_t bytes) {
            EXPECT_GE(bytes, last);
            last = bytes;
            ++calls;
        };
        ASSERT_TRUE(digest_logs({plain, dir.file("b.log.gz")}, options).is_ok());
        EXPECT_EQ(last, size(plain) + size(dir.file("b.log.gz")));
        EXPECT_GT(calls, 10);
    }
}

// The MySQL slow log writes "# Time:" and "use db;" only when they change,
// so its blocks are read in order: what a block starts with still knows
// the time and database of the entries before.
TEST(DigestBlocks, MysqlSlowLogKeepsItsStateAcrossBlocks) {
    test::TempDir dir;
    std::string log = "/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:\n"
                      "Tcp port: 0  Unix socket: /run/mysqld/mysqld.sock\nTime\t\t    Id Command\tArgument\n";
    for (int i = 0; i < 300; ++i) {
        if (i % 10 == 0) log += "# Time: 260101 10:00:" + two_digits(i / 10) + "\n";
        log += "# User@Host: app[app] @ localhost []  Id:     7\n"
               "# Query_time: 0.000500  Lock_time: 0.000100  Rows_sent: 1  Rows_examined: 3\n";
        if (i == 0) log += "use shop;\n";
        log += "SET timestamp=1767261600;\nSELECT * FROM items WHERE id = " + std::to_string(i) + ";\n";
    }
    auto path = dir.write("slow.log", log);
    DigestReport whole = digest(path, 1, 64u << 20);
    ASSERT_EQ(whole.statements, 300u);
    ASSERT_EQ(whole.queries.size(), 1u);
    EXPECT_EQ(whole.queries.begin()->second.databases.at("shop"), 300u);
    for (int threads : {1, 2}) {
        DigestReport blocks = digest(path, threads, 1000);
        expect_same(whole, blocks, std::to_string(threads) + " threads, 1000-byte blocks");
        EXPECT_EQ(blocks.queries.begin()->second.databases.at("shop"), 300u);
    }
}

// Broken input must not be held whole: with no record boundary, no newline
// or a csv quote that never closes, reading goes on past the limit.
TEST(DigestBlocks, BrokenInputIsCutNotHeldWhole) {
    test::TempDir dir;
    std::string good = stamp(0) + " [7] app@shop LOG:  duration: 1.000 ms  statement: SELECT 1\n";
    std::string tabs;
    for (int i = 0; i < 20000; ++i) tabs += "\tcontinued " + std::to_string(i) + "\n";
    std::string no_newline(300000, 'x');
    auto stderr_path = dir.write("tabs.log", good + tabs + good + no_newline);
    std::string csv_head = "2026-01-01 10:00:00.000 UTC,\"app\",\"shop\",7,\"[local]\",1,1,\"SELECT\",2026-01-01 10:00:00 UTC,1/1,0,"
                           "LOG,00000,\"duration: 1.000 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client backend\",,0\n";
    std::string open_quote = "2026-01-01 10:00:01.000 UTC,\"app\",\"shop\",7,\"never closed\n" + tabs;
    auto csv_path = dir.write("broken.csv", csv_head + open_quote);
    for (int threads : {1, 2}) {
        DigestOptions options;
        options.threads = threads;
        options.chunk_bytes = 4096;
        options.max_record_bytes = 65536;
        auto a = digest_logs({stderr_path}, options);
        ASSERT_TRUE(a.is_ok()) << a.status().message();
        EXPECT_EQ(a->statements, 2u);
        EXPECT_GE(a->skipped_lines, 2u) << "300 KB without a newline: cut in pieces (of at most twice the limit)";
        auto b = digest_logs({csv_path}, options);
        ASSERT_TRUE(b.is_ok()) << b.status().message();
        EXPECT_EQ(b->statements, 1u);
        EXPECT_GT(b->skipped_lines, 0u) << "the record whose quote never closes";
    }
}

// Random bytes and random cuts of real lines: never a crash, and every
// line is either read or counted as skipped.
TEST(DigestBlocks, GarbageNeverCrashes) {
    test::TempDir dir;
    std::mt19937 random(7);
    std::string log;
    const std::string lines[] = {
        stamp(1) + " [7] app@shop LOG:  duration: 1.000 ms  execute P_1: SELECT $1\n",
        stamp(2) + " [7] app@shop DETAIL:  parameters: $1 = 'x'\n",
        "\tFROM t\n",
        stamp(3) + " [8] app@shop ERROR:  relation \"t9\" does not exist at character 15\n",
        stamp(4) + " [8] app@shop LOG:  duration: 2.000 ms  statement: SELECT 'it''s', $$a$$, E'\\n' /* x\n",
    };
    for (int i = 0; i < 20000; ++i) {
        std::string line = lines[random() % std::size(lines)];
        switch (random() % 4) {
            case 0: line = line.substr(0, random() % line.size()); break;
            case 1: line[random() % line.size()] = static_cast<char>(random() % 256); break;
            default: break;
        }
        log += line;
    }
    auto path = dir.write("garbage.log", log);
    for (int threads : {1, 2}) {
        DigestOptions options;
        options.threads = threads;
        options.chunk_bytes = 1024;
        auto r = digest_logs({path}, options);
        ASSERT_TRUE(r.is_ok()) << r.status().message();
        EXPECT_GT(r->statements, 0u);
        EXPECT_GT(r->skipped_lines, 0u);
    }
}

}  // namespace
}  // namespace dbsage
