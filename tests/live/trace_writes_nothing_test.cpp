// `migrate trace --db` without --commit must leave the database exactly as it
// was: every fixture's baseline is loaded into its own database, the catalogs
// and row counts are read, the migration is traced, and they are read again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/test_paths.h"
#include "connectors/postgres/pg_connection.h"
#include "sandbox/scratch_postgres.h"

namespace dbsage {
namespace {

// Everything a migration could change that a rollback must undo, one line per fact.
constexpr const char* k_catalog_snapshot = R"(
SELECT string_agg(fact, E'\n' ORDER BY fact) FROM (
  SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relfilenode || ' ' ||
         c.relnatts || ' ' || coalesce(c.reloptions::text, '') || ' ' || c.relpersistence::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
  UNION ALL
  SELECT 'col ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' ||
         a.attnotnull || ' ' || a.attisdropped || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
  UNION ALL
  SELECT 'con ' || conname || ' ' || conrelid::regclass || ' ' || convalidated || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  UNION ALL
  SELECT 'trg ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL SELECT 'rule ' || ev_class::regclass || ' ' || rulename FROM pg_rewrite WHERE ev_class >= 16384
  UNION ALL SELECT 'pol ' || polrelid::regclass || ' ' || polname FROM pg_policy
  UNION ALL SELECT 'enum ' || enumtypid::regtype || ' ' || enumlabel || ' ' || enumsortorder FROM pg_enum
  UNION ALL SELECT 'type ' || oid::regtype FROM pg_type WHERE oid >= 16384
  UNION ALL SELECT 'proc ' || oid::regprocedure FROM pg_proc WHERE oid >= 16384
  UNION ALL SELECT 'nsp ' || nspname FROM pg_namespace
  UNION ALL SELECT 'ext ' || extname FROM pg_extension
  UNION ALL SELECT 'stat ' || stxname FROM pg_statistic_ext
  UNION ALL SELECT 'desc ' || objoid || ' ' || objsubid || ' ' || description FROM pg_description WHERE objoid >= 16384
  UNION ALL
  SELECT 'rows ' || schemaname || '.' || tablename || ' ' ||
         (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename),
                                              false, true, '')))[1]::text
    FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
) facts (fact))";

std::string snapshot(ScratchPostgres& pg, const std::string& db) {
    auto conn = PgConnection::open_read_only(pg.conninfo(db));
    if (!conn) return "cannot connect: " + conn.status().message();
    auto rows = (*conn)->query(k_catalog_snapshot);
    if (!rows) return "snapshot failed: " + rows.status().message();
    return (*rows)[0][0].value_or("");
}

TEST(TraceOnDatabase, WritesNothingWithoutCommitOnEveryFixture) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    test::TempDir dir;
    int checked = 0;
    std::vector<std::filesystem::path> fixtures;
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() + "/tests/rules/migration"))
        fixtures.push_back(e.path());
    for (const auto& e : std::filesystem::directory_iterator(test::source_dir() + "/tests/migrate/locks"))
        fixtures.push_back(e.path());
    std::sort(fixtures.begin(), fixtures.end());
    for (const auto& path : fixtures) {
        std::ifstream first_line(path);
        std::string head;
        std::getline(first_line, head);
        if (head.rfind("-- dialect:", 0) == 0) continue;  // MySQL/SQLite fixtures: not PostgreSQL's to trace
        std::string baseline, migration;
        test::split_migration_fixture(path.string(), baseline, migration);
        if (migration.empty()) std::swap(baseline, migration);  // a lock fixture: all of it is the migration
        std::string db = "f" + std::to_string(checked);
        ASSERT_TRUE((*pg)->run_sql("CREATE DATABASE " + db).is_ok());
        if (!baseline.empty()) {
            auto base = dir.write(db + "_base.sql", baseline);
            ASSERT_TRUE((*pg)->run_psql_file(base, db).is_ok()) << path;
        }
        std::string before = snapshot(**pg, db);
        ASSERT_EQ(before.find("snapshot failed"), std::string::npos) << before;
        auto m = dir.write(db + "/" + path.filename().string(), migration);
        auto r = test::run_dbsage("migrate trace --config /dev/null --db '" + (*pg)->conninfo(db) + "' " + m);
        EXPECT_NE(r.exit_code, 2) << path << r.err;
        EXPECT_EQ(snapshot(**pg, db), before) << path.filename() << " changed the database:\n" << r.out;
        ++checked;
    }
    EXPECT_GE(checked, 39);
}

TEST(TraceOnDatabase, AConcurrentIndexIsNotRunAndNotClaimedAsAgreement) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    ASSERT_TRUE((*pg)->run_sql("CREATE TABLE t (id int PRIMARY KEY, v int)").is_ok());
    test::TempDir dir;
    auto m = dir.write("m.sql", "ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n");
    std::string before = snapshot(**pg, "postgres");
    ASSERT_NE(before.find("col t.v integer"), std::string::npos) << before;
    auto r = test::run_dbsage("migrate trace --config /dev/null --db '" + (*pg)->conninfo() + "' " + m);
    EXPECT_EQ(snapshot(**pg, "postgres"), before) << r.out;
    EXPECT_EQ(r.out.find("agree on every statement"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cannot run in a transaction block"), std::string::npos) << r.out;
    // With --commit the owner asked for the changes: both statements persist.
    auto kept = test::run_dbsage("migrate trace --commit --config /dev/null --db '" + (*pg)->conninfo() + "' " + m);
    EXPECT_NE(snapshot(**pg, "postgres"), before) << kept.out;
    EXPECT_NE(snapshot(**pg, "postgres").find("t_v_idx"), std::string::npos);
}

TEST(TraceOnDatabase, SaysWhenASequenceAdvancedDespiteTheRollback) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    ASSERT_TRUE((*pg)->run_sql("CREATE TABLE t (id serial PRIMARY KEY, v int)").is_ok());
    test::TempDir dir;
    auto m = dir.write("m.sql", "INSERT INTO t (v) VALUES (1), (2);\n");
    auto r = test::run_dbsage("migrate trace --config /dev/null --db '" + (*pg)->conninfo() + "' " + m);
    EXPECT_NE(r.out.find("sequence public.t_id_seq advanced from unused to 2"), std::string::npos) << r.out;
    EXPECT_NE(snapshot(**pg, "postgres").find("rows public.t 0"), std::string::npos);
}

}  // namespace
}  // namespace dbsage
