#include <gtest/gtest.h>

#include "migrate/lock_predictor.h"
#include "model/replay.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

TEST(LockMode, ConflictTableMatchesPostgres) {
    using M = LockMode;
    EXPECT_TRUE(lock_conflicts(M::access_share, M::access_exclusive));
    EXPECT_FALSE(lock_conflicts(M::access_share, M::exclusive));
    EXPECT_TRUE(lock_conflicts(M::row_exclusive, M::share));
    EXPECT_FALSE(lock_conflicts(M::row_exclusive, M::share_update_exclusive));
    EXPECT_TRUE(lock_conflicts(M::share_update_exclusive, M::share_update_exclusive));
    EXPECT_FALSE(lock_conflicts(M::share, M::share));
    EXPECT_TRUE(lock_conflicts(M::share_row_exclusive, M::share_row_exclusive));
    for (int a = 0; a < 8; ++a)
        for (int b = 0; b < 8; ++b)
            EXPECT_EQ(lock_conflicts(LockMode(a), LockMode(b)), lock_conflicts(LockMode(b), LockMode(a)));
    EXPECT_EQ(blocked_operations(M::share), (std::vector<std::string_view>{"INSERT/UPDATE/DELETE", "DDL"}));
    EXPECT_EQ(blocked_operations(M::access_exclusive).size(), 3u);
    EXPECT_TRUE(blocked_operations(M::row_exclusive).empty());
    EXPECT_EQ(lock_name(M::share_row_exclusive), "ShareRowExclusiveLock");
    EXPECT_EQ(parse_lock_name("RowShareLock"), M::row_share);
}

StatementEffects effects_of_last(const std::string& sql, int version) {
    Workspace ws;
    read_sql_text("m.sql", sql, ws);
    Schema schema;
    for (size_t i = 0; i + 1 < ws.statements.size(); ++i) apply_statement(schema, ws.statements[i]);
    return predict_effects(ws.statements.back(), schema, version);
}

TEST(LockPredictor, VersionChangesVerdicts) {
    std::string add_default = "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN n int DEFAULT 0;";
    EXPECT_TRUE(effects_of_last(add_default, 15).rewrites.empty());
    EXPECT_EQ(effects_of_last(add_default, 10).rewrites, std::vector<std::string>{"public.t"});
    std::string not_null = "CREATE TABLE t (c int, CONSTRAINT c_nn CHECK (c IS NOT NULL));\n"
                           "ALTER TABLE t ALTER COLUMN c SET NOT NULL;";
    EXPECT_TRUE(effects_of_last(not_null, 12).scans.empty());
    EXPECT_EQ(effects_of_last(not_null, 11).scans, std::vector<std::string>{"public.t"});
    std::string attach = "CREATE TABLE p (a int) PARTITION BY LIST (a);\nCREATE TABLE c (a int);\n"
                         "ALTER TABLE p ATTACH PARTITION c FOR VALUES IN (1);";
    EXPECT_EQ(effects_of_last(attach, 12).locks[1].mode, LockMode::share_update_exclusive);
    EXPECT_EQ(effects_of_last(attach, 11).locks[1].mode, LockMode::access_exclusive);
}

TEST(LockPredictor, ConcurrentFormsRunOutsideTransactions) {
    auto e = effects_of_last("CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);", 15);
    EXPECT_TRUE(e.outside_transaction);
    ASSERT_EQ(e.locks.size(), 1u);
    EXPECT_EQ(e.locks[0].mode, LockMode::share_update_exclusive);
}

// A migration linted alone names tables it does not create: they exist
// somewhere and are assumed busy, as squawk and strong_migrations assume.
TEST(LockPredictor, UnknownTablesAreAssumedToExist) {
    auto e = effects_of_last("ALTER TABLE unknown ADD COLUMN x int;", 15);
    ASSERT_EQ(e.locks.size(), 1u);
    EXPECT_EQ(e.locks[0].table, "public.unknown");
    EXPECT_EQ(e.locks[0].mode, LockMode::access_exclusive);
    EXPECT_EQ(e.unknown, std::vector<std::string>{"public.unknown"});
    auto q = effects_of_last("ALTER TABLE app.t ADD PRIMARY KEY (a);", 15);
    EXPECT_EQ(q.locks[0].table, "app.t");
    EXPECT_EQ(q.scans, std::vector<std::string>{"app.t"});
    auto d = effects_of_last("DROP INDEX i;", 15);
    EXPECT_TRUE(d.locks.empty());
    EXPECT_EQ(d.unknown_indexes, std::vector<std::string>{"public.i"});
}

TEST(LockPredictor, CteNamesAreNotTables) {
    auto e = effects_of_last("WITH recent AS (SELECT * FROM orders) UPDATE t SET a = 1 FROM recent WHERE t.id = recent.id;", 15);
    ASSERT_EQ(e.locks.size(), 2u);
    EXPECT_EQ(e.locks[0].table, "public.orders");
    EXPECT_EQ(e.locks[1].table, "public.t");
    EXPECT_EQ(e.locks[1].mode, LockMode::row_exclusive);
}

TEST(LockPredictor, ReadingAViewLocksWhatItReads) {
    auto e = effects_of_last("CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM t;\nSELECT * FROM v;", 15);
    ASSERT_EQ(e.locks.size(), 2u);
    EXPECT_EQ(e.locks[0].table, "public.t");
    EXPECT_EQ(e.locks[1].table, "public.v");
    EXPECT_TRUE(e.unknown.empty());
}

TEST(LockPredictor, BinaryCompatibleTypeChanges) {
    Column vc20{.name = "c", .type = "varchar", .typmods = {20}};
    Column vc40{.name = "c", .type = "varchar", .typmods = {40}};
    Column text{.name = "c", .type = "text"};
    Column n102{.name = "c", .type = "numeric", .typmods = {10, 2}};
    Column n122{.name = "c", .type = "numeric", .typmods = {12, 2}};
    Column n123{.name = "c", .type = "numeric", .typmods = {12, 3}};
    Column i4{.name = "c", .type = "int4"};
    Column i8{.name = "c", .type = "int8"};
    EXPECT_TRUE(binary_compatible_change(vc20, vc40));
    EXPECT_FALSE(binary_compatible_change(vc40, vc20));
    EXPECT_TRUE(binary_compatible_change(vc20, text));
    EXPECT_FALSE(binary_compatible_change(text, vc20));
    EXPECT_TRUE(binary_compatible_change(n102, n122));
    EXPECT_FALSE(binary_compatible_change(n102, n123));
    EXPECT_FALSE(binary_compatible_change(i4, i8));
}

}  // namespace
}  // namespace dbsage
