// How logs reach the digest: compressed on a pipe, folders of folders, one
// log written three times by log_destination, lines out of order.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "../support/test_paths.h"
#include "digest/digest.h"

namespace dbsage {
namespace {

const char* k_log =
    "2026-01-01 10:00:00.000 UTC [7] app@shop LOG:  duration: 1.000 ms  statement: SELECT 1\n"
    "2026-01-01 09:00:00.000 UTC [7] app@shop LOG:  duration: 2.000 ms  statement: SELECT 2\n";

void run(const std::string& command) { ASSERT_EQ(std::system(command.c_str()), 0) << command; }

TEST(DigestInputs, CompressedStandardInputIsDecompressed) {
    test::TempDir dir;
    std::string plain = dir.write("a.log", k_log);
    run("gzip -c " + plain + " > " + dir.file("a.gz") + " && cat " + dir.file("a.gz") + " " + dir.file("a.gz") + " > " +
        dir.file("two.gz"));
    run("zstd -q -c " + plain + " > " + dir.file("a.zst"));
    auto gz = test::run_dbsage("digest --format json -", dir.file("two.gz"));
    EXPECT_EQ(gz.exit_code, 0) << gz.err;
    EXPECT_NE(gz.out.find("\"statements\": 4"), std::string::npos) << "two gzip members, one stream:\n" << gz.out;
    auto zst = test::run_dbsage("digest --format json -", dir.file("a.zst"));
    EXPECT_EQ(zst.exit_code, 0) << zst.err;
    EXPECT_NE(zst.out.find("\"statements\": 2"), std::string::npos) << zst.out;
    run("head -c 40 " + dir.file("a.gz") + " > " + dir.file("cut.gz"));
    auto cut = test::run_dbsage("digest -", dir.file("cut.gz"));
    EXPECT_EQ(cut.exit_code, 2);
    EXPECT_NE(cut.err.find("standard input: broken gzip data (unexpected end of file)"), std::string::npos) << cut.err;
}

TEST(DigestInputs, FoldersAreReadRecursivelyAndCopiesOnce) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("2026/01"));
    dir.write("2026/01/postgresql-01.log", k_log);
    dir.write("2026/01/postgresql-01.csv",
              "2026-01-01 10:00:00.000 UTC,\"app\",\"shop\",7,\"[local]\",1,1,\"SELECT\",2026-01-01 10:00:00 UTC,1/1,0,"
              "LOG,00000,\"duration: 1.000 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client backend\",,0\n"
              "2026-01-01 09:00:00.000 UTC,\"app\",\"shop\",7,\"[local]\",1,1,\"SELECT\",2026-01-01 10:00:00 UTC,1/1,0,"
              "LOG,00000,\"duration: 2.000 ms  statement: SELECT 2\",,,,,,,,,\"psql\",\"client backend\",,0\n");
    dir.write("2026/postgresql-02.log", k_log);
    auto r = digest_logs({dir.path(), dir.file("2026/postgresql-02.log")}, DigestOptions{});
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r->statements, 4u) << "postgresql-02.log is read once; of postgresql-01's two copies, one";
    ASSERT_EQ(r->files.size(), 2u);
    EXPECT_TRUE(r->files[0].ends_with("2026/01/postgresql-01.csv")) << r->files[0];
    ASSERT_EQ(r->notes.size(), 1u);
    EXPECT_NE(r->notes[0].find("postgresql-01.log holds the same log as"), std::string::npos) << r->notes[0];
}

TEST(DigestInputs, OutOfOrderLinesSpanEarliestToLatest) {
    test::TempDir dir;
    auto r = digest_logs({dir.write("a.log", k_log)}, DigestOptions{});
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r->first, "2026-01-01 09:00:00.000 UTC");
    EXPECT_EQ(r->last, "2026-01-01 10:00:00.000 UTC");
    const QueryStats& q = r->queries.begin()->second;
    EXPECT_EQ(q.first, "2026-01-01 09:00:00.000 UTC");
    EXPECT_EQ(q.last, "2026-01-01 10:00:00.000 UTC");
}

// syslog writes each line of a message as its own line, numbered
// [message-part], and other sessions' lines may come between the parts.
TEST(DigestInputs, SyslogContinuationLinesJoinPerSession) {
    test::TempDir dir;
    std::string log =
        "Nov 30 10:00:00 db1 postgres[4711]: [3-1] user=app,db=shop LOG:  duration: 1.500 ms  statement: SELECT *\n"
        "Nov 30 10:00:00 db1 postgres[4800]: [9-1] user=app,db=shop LOG:  duration: 2.000 ms  statement: UPDATE t SET a = 1\n"
        "Nov 30 10:00:00 db1 postgres[4711]: [3-2] #011FROM orders\n"
        "Nov 30 10:00:00 db1 postgres[4711]: [3-3] #011WHERE id = 7\n"
        "Nov 30 10:00:00 db1 postgres[4800]: [9-2] #011WHERE id = 3\n"
        "2099-11-30T10:00:01.250000+01:00 db1 postgres[4711]: [4-1] user=app,db=shop LOG:  duration: 1.000 ms  "
        "statement: SELECT * FROM orders WHERE id = 8\n";
    std::string path = dir.write("syslog", log);
    for (std::string prefix : {"", "user=%u,db=%d "}) {
        DigestOptions options;
        options.prefix = prefix;
        auto r = digest_logs({path}, options);
        ASSERT_TRUE(r.is_ok()) << r.status().message();
        EXPECT_EQ(r->statements, 3u) << prefix;
        EXPECT_EQ(r->skipped_lines, 0u) << prefix;
        ASSERT_EQ(r->queries.size(), 2u) << prefix;
        for (const auto& [id, q] : r->queries) {
            EXPECT_EQ(q.databases.at("shop"), q.calls) << q.query;
            if (q.calls == 2) {
                EXPECT_EQ(q.query, "select * from orders where id = ?");
                EXPECT_EQ(q.example, "SELECT *\n\tFROM orders\n\tWHERE id = 7");
            } else {
                EXPECT_EQ(q.query, "update t set a = ? where id = ?");
            }
        }
        EXPECT_TRUE(r->first.ends_with("-11-30 10:00:00")) << r->first;
        EXPECT_EQ(r->last, "2099-11-30 10:00:01.250");
    }
}

// Heroku's log drain: no host, "app[postgres.<pid>]", the database's colour
// name in brackets, and "sql_error_code = %e " as log_line_prefix.
TEST(DigestInputs, HerokuLogDrainIsRead) {
    test::TempDir dir;
    std::string log =
        "2026-11-30T10:00:00.000000+00:00 app[postgres.24571]: [DATABASE] [121-1] sql_error_code = 00000 LOG:  "
        "duration: 12.500 ms  statement: SELECT * FROM orders\n"
        "2026-11-30T10:00:00.000000+00:00 app[postgres.24571]: [DATABASE] [121-2] #011WHERE id = 4\n"
        "2026-11-30T10:00:02.000000+00:00 app[postgres.24580]: [DATABASE] [7-1] sql_error_code = 00000 LOG:  "
        "duration: 7.500 ms  statement: SELECT * FROM orders WHERE id = 5\n";
    auto r = digest_logs({dir.write("heroku.log", log)}, DigestOptions{});
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r->statements, 2u);
    EXPECT_EQ(r->skipped_lines, 0u);
    ASSERT_EQ(r->queries.size(), 1u);
    EXPECT_EQ(r->queries.begin()->second.example, "SELECT * FROM orders\n\tWHERE id = 4");
    EXPECT_EQ(r->first, "2026-11-30 10:00:00.000");
}

}  // namespace
}  // namespace dbsage
