// Large scripts are parsed on several threads. The statements must come out
// exactly as one thread gives them: same order, text, place, kind, parse
// errors and DDL, with an include keeping its place in between.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "../support/test_paths.h"
#include "model/workspace.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

std::string big_script(int tables) {
    std::string sql = "\\set ON_ERROR_STOP on\n";
    for (int i = 0; i < tables; ++i) {
        std::string t = "t" + std::to_string(i);
        sql += "CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text, created timestamp);\n";
        sql += "CREATE INDEX " + t + "_name ON " + t + " (name);\n";
        sql += "\\set id " + std::to_string(i) + "\n";
        sql += "SELECT * FROM " + t + " WHERE id = :id ORDER BY name LIMIT 10 OFFSET 20;\n";
        if (i % 97 == 0) sql += "SELEC broken " + std::to_string(i) + ";\n";
        if (i == tables / 2) sql += "\\ir included.sql\n";
        sql += "-- a comment\nUPDATE " + t + " SET name = 'x' WHERE id IN (SELECT id FROM " + t + " LIMIT 1);\n";
    }
    return sql;
}

Workspace read(const std::string& path, int threads) {
    Workspace ws;
    ReadOptions options;
    options.parse_threads = threads;
    read_sql_paths({path}, options, ws);
    return ws;
}

TEST(ParallelParse, ManyThreadsGiveWhatOneGives) {
    test::TempDir dir;
    dir.write("included.sql", "CREATE TABLE inc (id int);\nALTER TABLE inc ADD COLUMN v text;\n");
    auto path = dir.write("big.sql", big_script(1500));
    Workspace one = read(path, 1);
    ASSERT_GT(one.statements.size(), 6000u);
    for (int threads : {2, 3, 8}) {
        SCOPED_TRACE(std::to_string(threads) + " threads");
        Workspace many = read(path, threads);
        ASSERT_EQ(many.statements.size(), one.statements.size());
        EXPECT_EQ(many.files, one.files);
        int errors = 0;
        for (size_t i = 0; i < one.statements.size(); ++i) {
            const Statement& a = one.statements[i];
            const Statement& b = many.statements[i];
            ASSERT_EQ(b.text, a.text) << i;
            EXPECT_EQ(b.location.file, a.location.file) << i;
            EXPECT_EQ(b.location.line, a.location.line) << i;
            EXPECT_EQ(b.location.column, a.location.column) << i;
            EXPECT_EQ(b.kind, a.kind) << i;
            EXPECT_EQ(b.node, a.node) << i;
            EXPECT_EQ(b.error, a.error) << i;
            EXPECT_EQ(b.ddl.size(), a.ddl.size()) << i;
            EXPECT_EQ(b.query.has_value(), a.query.has_value()) << i;
            errors += a.kind == StatementKind::invalid;
        }
        EXPECT_EQ(errors, 16);  // every 97th table
    }
    // The include stands where it was written: after table 750's SELECT.
    size_t at = 0;
    while (at < one.statements.size() && one.statements[at].location.file == path) ++at;
    ASSERT_LT(at, one.statements.size());
    EXPECT_NE(one.statements[at - 1].text.find("FROM t750"), std::string::npos);
    EXPECT_EQ(one.statements[at].text, "CREATE TABLE inc (id int);");
}

// A directory of small migrations is gathered into one batch across files:
// the statements still come out file by file, in name order.
TEST(ParallelParse, DirectoriesOfSmallFilesKeepTheirOrder) {
    test::TempDir dir;
    std::filesystem::create_directory(dir.file("migrations"));
    dir.write("shared.sql", "CREATE TABLE shared (id int);\n");
    for (int i = 0; i < 600; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "migrations/%04d_step.sql", i);
        std::string t = "m" + std::to_string(i);
        std::string sql = "CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text, created timestamp, note text, price numeric(10, 2), owner_id bigint);\n"
                          "CREATE INDEX " + t + "_name ON " + t + " (name);\n"
                          "SELECT * FROM " + t + " WHERE id = 1 ORDER BY name LIMIT 10 OFFSET 20;\n"
                          "UPDATE " + t + " SET name = 'x' WHERE id IN (SELECT id FROM " + t + " LIMIT 1);\n";
        if (i == 200) sql += "\\i " + dir.file("shared.sql") + "\n";
        if (i % 50 == 0) sql += "ALTER TABLE t0 ADD COLUMN c" + std::to_string(i) + " int;\n";
        dir.write(name, sql);
    }
    Workspace one = read(dir.file("migrations"), 1);
    Workspace many = read(dir.file("migrations"), 3);
    ASSERT_EQ(one.files.size(), 601u);
    EXPECT_EQ(many.files, one.files);
    ASSERT_EQ(many.statements.size(), one.statements.size());
    for (size_t i = 0; i < one.statements.size(); ++i) {
        ASSERT_EQ(many.statements[i].location.file, one.statements[i].location.file) << i;
        ASSERT_EQ(many.statements[i].text, one.statements[i].text) << i;
        EXPECT_EQ(many.statements[i].kind, one.statements[i].kind) << i;
    }
    // The include's statement follows the statements of file 0200 before it.
    for (size_t i = 0; i < one.statements.size(); ++i) {
        if (one.statements[i].location.file != dir.file("shared.sql")) continue;
        EXPECT_NE(one.statements[i - 1].location.file.find("0200_step.sql"), std::string::npos);
        EXPECT_NE(one.statements[i + 1].location.file.find("0200_step.sql"), std::string::npos);
    }
}

}  // namespace
}  // namespace dbsage
