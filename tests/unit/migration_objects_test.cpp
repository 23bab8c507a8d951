// Statements on views, triggers, rules, policies and schemas: predicted locks
// (proven by migrate trace on tests/migrate/locks/004_objects.sql) and the
// migration rules that read them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "../support/test_paths.h"
#include "migrate/lock_predictor.h"
#include "model/schema_history.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

// Predicted locks of the last statement, as "table mode" lines.
std::set<std::string> locks_of_last(const std::string& sql) {
    Workspace ws;
    read_sql_text("m.sql", sql, ws);
    SchemaHistory history(ws.statements, Schema{});
    auto e = predict_effects(ws.statements.back(), history.before(ws.statements.size() - 1), 15);
    std::set<std::string> out;
    for (const auto& l : e.locks) out.insert(l.table + " " + std::string(lock_name(l.mode)));
    return out;
}

TEST(MigrationObjects, SetSchemaLocksAndMovesTheTable) {
    std::string base = "CREATE TABLE t (id int);\nCREATE SCHEMA archive;\n";
    EXPECT_EQ(locks_of_last(base + "ALTER TABLE t SET SCHEMA archive;"),
              (std::set<std::string>{"public.t AccessExclusiveLock"}));
    // The table is found under its new schema afterwards, not lost.
    auto after = locks_of_last(base + "ALTER TABLE t SET SCHEMA archive;\nALTER TABLE archive.t ADD COLUMN c int;");
    EXPECT_EQ(after, (std::set<std::string>{"archive.t AccessExclusiveLock"}));
    Workspace ws;
    read_sql_text("m.sql", base + "ALTER TABLE t SET SCHEMA archive;\nALTER TABLE archive.t ADD COLUMN c int;", ws);
    SchemaHistory history(ws.statements, Schema{});
    auto e = predict_effects(ws.statements.back(), history.before(ws.statements.size() - 1), 15);
    EXPECT_TRUE(e.unknown.empty());
}

TEST(MigrationObjects, TriggerStatementsTakeTheirOwnLocks) {
    std::string base = "CREATE TABLE tt (id int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "RETURN NEW; END $$;\nCREATE TRIGGER x BEFORE INSERT ON tt FOR EACH ROW EXECUTE FUNCTION f();\n";
    EXPECT_EQ(locks_of_last(base + "DROP TRIGGER x ON tt;"), (std::set<std::string>{"public.tt AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "DROP FUNCTION f() CASCADE;"), (std::set<std::string>{"public.tt AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER TABLE tt DISABLE TRIGGER x;"),
              (std::set<std::string>{"public.tt ShareRowExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER TABLE tt ENABLE TRIGGER ALL;"),
              (std::set<std::string>{"public.tt ShareRowExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "CREATE RULE r AS ON DELETE TO tt DO INSTEAD NOTHING;"),
              (std::set<std::string>{"public.tt AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "DROP POLICY p ON tt;"), (std::set<std::string>{"public.tt AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER POLICY p ON tt USING (true);"),
              (std::set<std::string>{"public.tt AccessExclusiveLock"}));
}

TEST(MigrationObjects, ViewsAreLockedWhenReplacedAlteredOrDropped) {
    std::string base = "CREATE TABLE t (id int, v int);\nCREATE VIEW a AS SELECT id FROM t;\nCREATE VIEW b AS SELECT id FROM a;\n";
    EXPECT_EQ(locks_of_last(base + "DROP VIEW a CASCADE;"),
              (std::set<std::string>{"public.a AccessExclusiveLock", "public.b AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "CREATE OR REPLACE VIEW a AS SELECT id, v FROM t;"),
              (std::set<std::string>{"public.a AccessExclusiveLock", "public.t AccessShareLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER VIEW a RENAME TO a2;"), (std::set<std::string>{"public.a AccessExclusiveLock"}));
}

TEST(MigrationObjects, LockStatisticsStorageParametersAndTruncateCascade) {
    std::string base = "CREATE TABLE p (id int PRIMARY KEY, a int, b int);\nCREATE TABLE c (id int, p_id int REFERENCES p);\n"
                       "CREATE TABLE g (id int, c_id int);\n";
    EXPECT_EQ(locks_of_last(base + "LOCK TABLE p IN SHARE MODE;"), (std::set<std::string>{"public.p ShareLock"}));
    EXPECT_EQ(locks_of_last(base + "LOCK p;"), (std::set<std::string>{"public.p AccessExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "CREATE STATISTICS s ON a, b FROM p;"),
              (std::set<std::string>{"public.p ShareUpdateExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER TABLE p SET (fillfactor = 70);"),
              (std::set<std::string>{"public.p ShareUpdateExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "ALTER TABLE p CLUSTER ON p_pkey;"),
              (std::set<std::string>{"public.p ShareUpdateExclusiveLock"}));
    EXPECT_EQ(locks_of_last(base + "TRUNCATE p CASCADE;"),
              (std::set<std::string>{"public.p AccessExclusiveLock", "public.c AccessExclusiveLock"}));
}

TEST(MigrationObjects, RequireLockTimeoutSeesViewsAndMovedTablesAreStillJudged) {
    test::TempDir dir;
    auto schema = dir.write("schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\n"
                                          "CREATE SCHEMA archive;\n");
    auto m1 = dir.write("m1.sql", "DROP VIEW v;\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json --schema " + schema + " " + m1);
    EXPECT_NE(r.out.find("require-lock-timeout"), std::string::npos) << r.out;
    auto m2 = dir.write("m2.sql", "SET lock_timeout = '1s';\nALTER TABLE t SET SCHEMA archive;\n"
                                  "ALTER TABLE archive.t ADD COLUMN c int NOT NULL;\n");
    auto r2 = test::run_dbsage("lint --config /dev/null --format json --schema " + schema + " " + m2);
    auto j = nlohmann::json::parse(r2.out);
    bool judged = false;
    for (const auto& f : j["findings"])
        if (f["rule"] == "adding-required-field" || f["rule"] == "adding-not-nullable-field") {
            judged = true;
            EXPECT_NE(f["message"].get<std::string>().find("archive.t"), std::string::npos) << f;
            EXPECT_EQ(f["help"].get<std::string>().find("no definition"), std::string::npos) << f;
        }
    EXPECT_TRUE(judged) << r2.out;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(MigrationObjects, AFindingOnAnOldCreateNamesTheTableAsItWasThere) {
    test::TempDir dir;
    dir.write("m/001.sql", "CREATE TABLE rev (id int, note varchar(20));\nCREATE TABLE revenue (id int PRIMARY KEY);\n");
    dir.write("m/002.sql", "ALTER TABLE rev RENAME TO rev2;\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json " + dir.file("m"));
    auto j = nlohmann::json::parse(r.out);
    bool named = false;
    for (const auto& f : j["findings"])
        if (f["rule"] == "table-without-primary-key") {
            named = true;
            EXPECT_EQ(f["message"], "table public.rev has no primary key (renamed to public.rev2 later)");
            EXPECT_EQ(f["line"], 1);
        }
    EXPECT_TRUE(named) << r.out;
}

}  // namespace
}  // namespace dbsage
