// Tests against a real PostgreSQL: a private cluster started by the test
// (initdb in a temp dir, unix socket, fsync off) and removed afterwards.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "../support/test_paths.h"
#include "connectors/postgres/pg_connection.h"
#include "dbsage/lint.h"
#include "rules/rule.h"
#include "sandbox/scratch_postgres.h"

namespace dbsage {
namespace {
namespace fs = std::filesystem;

class LivePostgres : public testing::Test {
protected:
    static void SetUpTestSuite() {
        auto started = ScratchPostgres::start();
        ASSERT_TRUE(started.is_ok()) << started.status().message();
        s_pg = std::move(started.value()).release();
    }
    static void TearDownTestSuite() {
        delete s_pg;
        s_pg = nullptr;
    }
    static ScratchPostgres* s_pg;
};
ScratchPostgres* LivePostgres::s_pg = nullptr;

using Key = std::tuple<std::string, std::string, std::string, std::string>;

// Findings about the schema: migration rules judge statements of files and
// have nothing to say about a live database.
std::set<Key> keys(const LintReport& report, const std::string& only_rule = "") {
    std::set<Key> out;
    for (const auto& f : report.findings)
        if ((only_rule.empty() || f.rule == only_rule) && find_rule(f.rule)->info().group != "migration")
            out.insert({f.rule, std::string(to_string(f.severity)), f.location.object, f.message});
    return out;
}

std::string describe(const std::set<Key>& keys) {
    std::string out;
    for (const auto& [rule, severity, object, message] : keys) out += "\n  " + rule + " " + object + ": " + message;
    return out;
}

Result<LintReport> lint_target(const std::string& target, const std::string& config = "") {
    LintOptions options;
    options.targets = {target};
    options.config_path = config;
    return lint(options);
}

TEST_F(LivePostgres, ExampleSchemaGivesTheSameFindingsAsItsScript) {
    std::string script = test::source_dir() + "/examples/shop/schema.sql";
    ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE shop").is_ok());
    ASSERT_TRUE(s_pg->run_psql_file(script, "shop").is_ok());
    test::TempDir dir;
    std::string config = dir.write("dbsage.toml", "");
    auto from_file = lint_target(script, config);
    auto from_db = lint_target(s_pg->conninfo("shop"), config);
    ASSERT_TRUE(from_file.is_ok()) << from_file.status().message();
    ASSERT_TRUE(from_db.is_ok()) << from_db.status().message();
    EXPECT_TRUE(from_db->input_errors.empty()) << from_db->input_errors[0];
    EXPECT_GT(from_file->findings.size(), 20u);
    auto file_keys = keys(*from_file), db_keys = keys(*from_db);
    std::set<Key> only_file, only_db;
    std::set_difference(file_keys.begin(), file_keys.end(), db_keys.begin(), db_keys.end(),
                        std::inserter(only_file, only_file.end()));
    std::set_difference(db_keys.begin(), db_keys.end(), file_keys.begin(), file_keys.end(),
                        std::inserter(only_db, only_db.end()));
    EXPECT_TRUE(only_file.empty() && only_db.empty())
        << "only from the file:" << describe(only_file) << "\nonly from the database:" << describe(only_db);
    for (const auto& f : from_db->findings) {
        EXPECT_TRUE(f.location.file.empty()) << f.rule;
        EXPECT_FALSE(f.location.object.empty()) << f.rule;
    }
}

// pg_dump's plain output (qualified names, sequences set up after the table,
// constraints added with ALTER TABLE ONLY, COPY … FROM stdin data) is a
// script like any other: the same findings as the schema it was dumped from.
TEST_F(LivePostgres, PgDumpWithDataGivesTheSameFindingsAsTheScript) {
    std::string script = test::source_dir() + "/examples/shop/schema.sql";
    ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE dumped").is_ok());
    ASSERT_TRUE(s_pg->run_psql_file(script, "dumped").is_ok());
    ASSERT_TRUE(s_pg->run_sql("INSERT INTO customers (email, full_name) VALUES ('a@x.com', 'Ann; Lee'), ('b@x.com', 'it''s Bob');"
                              "INSERT INTO products (sku, name, price, tags) SELECT 'S' || g, 'P' || g, g, 'a,b' "
                              "FROM generate_series(1, 20) g;", "dumped").is_ok());
    test::TempDir dir;
    std::string dump = dir.file("dump.sql");
    std::string cmd = s_pg->bin_dir() + "/pg_dump -d '" + s_pg->conninfo("dumped") + "' -f " + dump;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::string config = dir.write("dbsage.toml", "");
    auto from_script = lint_target(script, config);
    auto from_dump = lint_target(dump, config);
    ASSERT_TRUE(from_script.is_ok() && from_dump.is_ok());
    EXPECT_TRUE(from_dump->input_errors.empty());
    for (const auto& f : from_dump->findings) EXPECT_NE(f.rule, "syntax-error") << f.location.line << ": " << f.message;
    EXPECT_EQ(describe(keys(*from_script)), describe(keys(*from_dump)));
}

// A schema with every kind of object the catalog reader must rebuild:
// other schemas, quoted names, enums, domains, citext, arrays, generated and
// identity columns, partitions, exclusion constraints, expression and partial
// indexes with INCLUDE, NOT VALID checks, triggers, views, RLS and policies.
TEST_F(LivePostgres, RichSchemaReadsWithoutErrorsAndMatchesItsScript) {
    std::string script = test::source_dir() + "/tests/live/data/rich_schema.sql";
    ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE rich").is_ok());
    ASSERT_TRUE(s_pg->run_psql_file(script, "rich").is_ok());
    test::TempDir dir;
    std::string config = dir.write("dbsage.toml", "");
    auto from_file = lint_target(script, config);
    auto from_db = lint_target(s_pg->conninfo("rich"), config);
    ASSERT_TRUE(from_file.is_ok() && from_db.is_ok());
    EXPECT_TRUE(from_file->input_errors.empty()) << from_file->input_errors[0];
    EXPECT_TRUE(from_db->input_errors.empty()) << from_db->input_errors[0];
    for (const auto& f : from_file->findings) EXPECT_NE(f.rule, "syntax-error") << f.message;
    EXPECT_EQ(describe(keys(*from_file)), describe(keys(*from_db)));
    EXPECT_EQ(from_db->tables, from_file->tables);
}

// Every schema fixture, loaded into its own database, must give the same
// findings of its rule as the fixture file does.
TEST_F(LivePostgres, EverySchemaFixtureGivesTheSameFindingsLive) {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(test::source_dir() + "/tests/rules/schema")) {
        std::string path = entry.path().string();
        std::string rule = entry.path().stem().string();
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        // SQLite fixtures have their own dialect; long identifiers are truncated by
        // the server before the catalog can show them.
        if (text.str().find("-- dialect: sqlite") != std::string::npos || rule == "identifier-too-long") continue;
        std::string db = "fx" + std::to_string(checked);
        ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE " + db).is_ok());
        ASSERT_TRUE(s_pg->run_psql_file(path, db).is_ok()) << path << " does not load into PostgreSQL";
        test::TempDir dir;
        std::string config = dir.write("dbsage.toml", text.str().find("-- option: max = 3") != std::string::npos
                                                          ? "[rules.too-many-indexes]\nmax = 3\n" : "");
        auto from_file = lint_target(path, config);
        auto from_db = lint_target(s_pg->conninfo(db), config);
        ASSERT_TRUE(from_file.is_ok() && from_db.is_ok()) << rule;
        EXPECT_TRUE(from_db->input_errors.empty()) << rule << ": " << from_db->input_errors[0];
        EXPECT_FALSE(keys(*from_file, rule).empty()) << rule;
        EXPECT_EQ(describe(keys(*from_file, rule)), describe(keys(*from_db, rule))) << rule;
        ++checked;
    }
    EXPECT_GT(checked, 20);
}

TEST_F(LivePostgres, SessionIsReadOnly) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE IF NOT EXISTS ro_probe (id int)").is_ok());
    auto db = PgConnection::open_read_only(s_pg->conninfo());
    ASSERT_TRUE(db.is_ok()) << db.status().message();
    auto insert = (*db)->query("INSERT INTO ro_probe VALUES (1)");
    ASSERT_FALSE(insert.is_ok());
    EXPECT_NE(insert.status().message().find("read-only transaction"), std::string::npos) << insert.status().message();
    EXPECT_FALSE((*db)->query("CREATE TABLE ro_probe2 (id int)").is_ok());
    auto settings = (*db)->query("SELECT current_setting('statement_timeout'), current_setting('lock_timeout'), "
                                 "current_setting('application_name')");
    ASSERT_TRUE(settings.is_ok());
    EXPECT_EQ(*(*settings)[0][0], "30s");
    EXPECT_EQ(*(*settings)[0][1], "5s");
    EXPECT_EQ(*(*settings)[0][2], "dbsage");
}

TEST_F(LivePostgres, LiveDataBecomesEvidence) {
    ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE evidence").is_ok());
    ASSERT_TRUE(s_pg->run_sql(
        "CREATE TABLE jobs (id bigint PRIMARY KEY, status text NOT NULL, tags text);"
        "INSERT INTO jobs SELECT g, (ARRAY['queued','running','done'])[1 + g % 3], 'a,b,c' FROM generate_series(1, 50) g;"
        "ANALYZE jobs;", "evidence").is_ok());
    auto report = lint_target(s_pg->conninfo("evidence"));
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    bool status_fix = false, multi_valued = false;
    for (const auto& f : report->findings) {
        if (f.rule == "status-column-without-check" && f.fix)
            status_fix = f.fix->find("IN ('done', 'queued', 'running')") != std::string::npos;
        if (f.rule == "multi-valued-column" && f.location.object == "public.jobs.tags") multi_valued = true;
    }
    EXPECT_TRUE(status_fix) << "the CHECK fix should list the values seen in the table";
    EXPECT_TRUE(multi_valued);
}

TEST_F(LivePostgres, WrongPasswordIsOneLineWithoutThePassword) {
    ASSERT_TRUE(s_pg->add_password_role("app", "right-secret").is_ok());
    std::string conninfo = "host=" + s_pg->dir() + " port=" + std::to_string(s_pg->port()) +
                           " user=app password=wrong-secret-42 dbname=postgres";
    auto r = test::run_dbsage("lint '" + conninfo + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("password authentication failed"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("wrong-secret-42"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("wrong-secret-42"), std::string::npos) << r.out;

    std::string url = "postgresql://app:wrong-secret-42@/postgres?host=" + s_pg->dir() + "&port=" + std::to_string(s_pg->port());
    auto u = test::run_dbsage("lint '" + url + "'");
    EXPECT_EQ(u.exit_code, 2);
    EXPECT_EQ(u.err.find("wrong-secret-42"), std::string::npos) << u.err;
    EXPECT_NE(u.err.find("app:***@"), std::string::npos) << u.err;
}

TEST_F(LivePostgres, PgVariablesAndPgpassAreHonoured) {
    ASSERT_TRUE(s_pg->add_password_role("reader", "from-pgpass").is_ok());
    ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE envdb").is_ok());
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE no_key (x int)", "envdb").is_ok());
    test::TempDir dir;
    std::string pgpass = dir.write("pgpass", s_pg->dir() + ":" + std::to_string(s_pg->port()) + ":envdb:reader:from-pgpass\n");
    std::filesystem::permissions(pgpass, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    setenv("PGHOST", s_pg->dir().c_str(), 1);
    setenv("PGPORT", std::to_string(s_pg->port()).c_str(), 1);
    setenv("PGUSER", "reader", 1);
    setenv("PGPASSFILE", pgpass.c_str(), 1);
    auto r = test::run_dbsage("lint --format json dbname=envdb");
    for (const char* v : {"PGHOST", "PGPORT", "PGUSER", "PGPASSFILE"}) unsetenv(v);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("\"object\": \"public.no_key\""), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("from-pgpass"), std::string::npos);
}

TEST(LivePostgresErrors, UnreachableServerIsACleanError) {
    auto r = test::run_dbsage("lint 'host=/nonexistent-dir port=1 dbname=x password=hunter2'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("hunter2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

// Another session's LOCK TABLE made reading sizes wait for lock_timeout and
// the whole lint fail: the locked table is now estimated and noted.
TEST(PostgresLive, ATableLockedByAnotherSessionDoesNotStopLint) {
    auto pg = ScratchPostgres::start();
    ASSERT_TRUE(pg.is_ok()) << pg.status().message();
    ASSERT_TRUE((*pg)->run_sql("CREATE TABLE busy (id int, note text); INSERT INTO busy SELECT g, 'x' FROM "
                               "generate_series(1, 1000) g; CREATE INDEX busy_id ON busy (id); ANALYZE busy;"
                               "CREATE TABLE calm (id bigint, email text)").is_ok());
    auto holder = PgConnection::open_for_changes((*pg)->conninfo());
    ASSERT_TRUE(holder.is_ok());
    ASSERT_TRUE((*holder)->query("BEGIN").is_ok());
    ASSERT_TRUE((*holder)->query("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE").is_ok());
    auto r = test::run_dbsage("lint --config /dev/null --format json '" + (*pg)->conninfo() + "'");
    EXPECT_NE(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("public.busy is locked by another session"), std::string::npos) << r.err;
    auto j = nlohmann::json::parse(r.out);
    bool calm_judged = false;
    for (const auto& f : j["findings"]) calm_judged = calm_judged || f["location"].dump().find("calm") != std::string::npos ||
                                                      f["object"].dump().find("calm") != std::string::npos;
    EXPECT_TRUE(calm_judged) << r.out;
    (*holder)->query("ROLLBACK");
}

}  // namespace
}  // namespace dbsage
