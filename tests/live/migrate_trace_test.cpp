// migrate trace runs migrations on a scratch PostgreSQL and must observe what
// migrate locks predicts, statement by statement.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../support/test_paths.h"
#include "dbsage/migrate.h"
#include "sandbox/scratch_postgres.h"

#include <algorithm>
#include <set>

#include <filesystem>
#include <fstream>

namespace dbsage {
namespace {

std::string locks_dir() { return test::source_dir() + "/tests/migrate/locks"; }

TEST(MigrateTrace, PredictionAndObservationAgreeOnTheLockFixtures) {
    MigrateOptions options;
    options.targets = {locks_dir()};
    options.config_path = "/dev/null";
    auto traced = trace_locks(options);
    ASSERT_TRUE(traced.is_ok()) << traced.status().message();
    std::string all;
    for (const auto& d : traced->disagreements) all += "\n  " + d;
    EXPECT_TRUE(traced->disagreements.empty()) << all;
    int observed = 0, errors = 0;
    for (const auto& st : traced->statements) {
        observed += st.observed && st.error.empty();
        if (!st.error.empty()) {
            ++errors;
            ADD_FAILURE() << st.location.file << ":" << st.location.line << ": " << st.error;
        }
    }
    EXPECT_GT(observed, 50);
    EXPECT_EQ(errors, 0);
    auto predicted = predict_locks(options);
    ASSERT_TRUE(predicted.is_ok());
    EXPECT_EQ(predicted->statements.size(), traced->statements.size());
}

TEST(MigrateTrace, ObservesRewritesAndLockModes) {
    MigrateOptions options;
    options.targets = {locks_dir()};
    options.config_path = "/dev/null";
    auto traced = trace_locks(options);
    ASSERT_TRUE(traced.is_ok());
    auto find = [&](const std::string& sql_start) -> const StatementLocks* {
        for (const auto& st : traced->statements)
            if (st.sql.rfind(sql_start, 0) == 0) return &st;
        return nullptr;
    };
    const auto* volatile_default = find("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()");
    ASSERT_NE(volatile_default, nullptr);
    EXPECT_EQ(volatile_default->rewrites, std::vector<std::string>{"public.orders"});
    const auto* constant_default = find("ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()");
    ASSERT_NE(constant_default, nullptr);
    EXPECT_TRUE(constant_default->rewrites.empty());
    const auto* fk = find("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk");
    ASSERT_NE(fk, nullptr);
    ASSERT_EQ(fk->locks.size(), 2u);
    EXPECT_EQ(fk->locks[0].mode, "ShareRowExclusiveLock");
    EXPECT_EQ(fk->locks[1].mode, "ShareRowExclusiveLock");
    const auto* concurrent = find("CREATE INDEX CONCURRENTLY");
    ASSERT_NE(concurrent, nullptr);
    EXPECT_FALSE(concurrent->observed);
}

TEST(MigrateCli, LocksJsonShapeAndTraceExitCode) {
    auto r = test::run_dbsage("migrate locks --format json " + locks_dir());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j["statements"].is_array());
    ASSERT_GT(j["statements"].size(), 50u);
    for (const auto& st : j["statements"]) {
        for (const char* key : {"file", "line", "sql", "locks", "rewrites", "scans", "blocks"})
            EXPECT_TRUE(st.contains(key)) << key;
        for (const auto& lock : st["locks"]) {
            EXPECT_TRUE(lock["table"].is_string());
            EXPECT_TRUE(lock["mode"].get<std::string>().find("Lock") != std::string::npos);
        }
    }
    auto t = test::run_dbsage("migrate trace " + locks_dir());
    EXPECT_EQ(t.exit_code, 0) << t.out.substr(t.out.size() > 2000 ? t.out.size() - 2000 : 0);
    // The CONCURRENTLY statements run outside a transaction, where their locks
    // cannot be read: the verdict says so instead of claiming them.
    EXPECT_EQ(t.out.find("agree on every statement"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("Prediction and observation agree on the"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("cannot run in a transaction block"), std::string::npos) << t.out;
    EXPECT_EQ(test::run_dbsage("migrate locks /nonexistent").exit_code, 2);
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

std::vector<std::string> migration_fixtures() {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/tests/rules/migration"))
        out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(MigrateTrace, EveryMigrationFixtureIsTraced) { EXPECT_GE(migration_fixtures().size(), 36u); }

// Every migration rule fixture, split into its baseline and its migration the
// way the fixture runner does, is traced on PostgreSQL: the predictor must
// agree with the server on every statement the server accepts. One test per
// fixture, so they run in parallel shards.
class MigrationFixtureTrace : public testing::TestWithParam<std::string> {};

TEST_P(MigrationFixtureTrace, PredictionAgreesWithPostgres) {
    std::string baseline, migration;
    test::split_migration_fixture(GetParam(), baseline, migration);
    test::TempDir dir;
    dir.write("m/000_baseline.sql", baseline);
    dir.write("m/001_migration.sql", migration);
    MigrateOptions options;
    options.targets = {dir.file("m")};
    options.config_path = "/dev/null";
    auto traced = trace_locks(options);
    ASSERT_TRUE(traced.is_ok()) << GetParam() << ": " << traced.status().message();
    std::string all;
    for (const auto& d : traced->disagreements) all += "\n  " + d;
    EXPECT_TRUE(traced->disagreements.empty()) << std::filesystem::path(GetParam()).filename() << all;
}

std::string fixture_name(const testing::TestParamInfo<std::string>& info) {
    std::string name = std::filesystem::path(info.param).stem().string();
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Migrations, MigrationFixtureTrace, testing::ValuesIn(migration_fixtures()), fixture_name);

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(MigrateLive, LintWithALiveBaselineUsesItsTablesAndVersion) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    ASSERT_TRUE((*pg)->run_sql("CREATE TABLE orders (id int PRIMARY KEY, status text)").is_ok());
    test::TempDir dir;
    auto m = dir.write("m/001.sql", "ALTER TABLE orders ADD COLUMN n int DEFAULT 0;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n");
    auto r = test::run_dbsage("lint --format json --db '" + (*pg)->conninfo() + "' " + m);
    auto j = nlohmann::json::parse(r.out);
    std::set<std::string> rules;
    for (const auto& f : j["findings"]) rules.insert(f["rule"].get<std::string>());
    EXPECT_TRUE(rules.count("adding-not-nullable-field")) << r.out;
    EXPECT_FALSE(rules.count("adding-field-with-default")) << "the server is 15: a constant default is free";
    auto old = test::run_dbsage("lint --format json --pg-version 10 --db '" + (*pg)->conninfo() + "' " + m);
    EXPECT_NE(old.out.find("adding-field-with-default"), std::string::npos);
    auto trace = test::run_dbsage("migrate trace --db '" + (*pg)->conninfo() + "' " + m);
    EXPECT_EQ(trace.exit_code, 0) << trace.out;
    auto kept = (*pg)->run_sql("SELECT n FROM orders");
    EXPECT_FALSE(kept.is_ok()) << "trace on --db rolls back by default";
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

// A live database is the whole truth: a table it lacks does not exist, and a
// CREATE of one it has fails. A --schema file may be partial: not so there.
TEST(MigrateLive, StatementsTheDatabaseWouldRejectAreErrors) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    ASSERT_TRUE((*pg)->run_sql("CREATE TABLE orders (id int PRIMARY KEY, status text)").is_ok());
    test::TempDir dir;
    auto m = dir.write("m/001.sql", "CREATE TABLE orders (id int);\nALTER TABLE missing ADD COLUMN n int;\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json --db '" + (*pg)->conninfo() + "' " + m);
    auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> failures;
    for (const auto& f : j["findings"])
        if (f["rule"] == "statement-fails") failures.push_back(f["message"].get<std::string>());
    ASSERT_EQ(failures.size(), 2u) << r.out;
    EXPECT_NE(failures[0].find("relation \"public.orders\" already exists"), std::string::npos);
    EXPECT_NE(failures[1].find("relation \"public.missing\" does not exist in the database"), std::string::npos);
    auto schema = dir.write("schema.sql", "CREATE TABLE orders (id int PRIMARY KEY, status text);\n");
    auto partial = test::run_dbsage("lint --config /dev/null --format json --schema " + schema + " " + m);
    EXPECT_EQ(partial.out.find("does not exist in the database"), std::string::npos) << partial.out;
    EXPECT_NE(partial.out.find("already exists"), std::string::npos) << partial.out;
}

}  // namespace
}  // namespace dbsage
