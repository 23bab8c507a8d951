// The command line as users and CI see it: formats, exit codes, config,
// inline ignores, and bad input (one line on stderr, exit 2, never a crash).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "../support/test_paths.h"

namespace dbsage {
namespace {

using test::run_dbsage;
using test::TempDir;

const char* k_sql =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE, created_at timestamp);\n"
    "SELECT * FROM users;\n";

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

TEST(Cli, TextOutputHasSnippetCaretHelpAndSummary) {
    TempDir dir;
    auto file = dir.write("a.sql", k_sql);
    auto r = run_dbsage("lint " + file);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("warning[prefer-timestamp-tz]: users.created_at is timestamp without time zone"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--> " + file + ":1:63"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 | CREATE TABLE users"), std::string::npos);
    EXPECT_NE(r.out.find("  | " + std::string(62, ' ') + "^~~~~~~~~"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("= help: "), std::string::npos);
    EXPECT_NE(r.out.find("Found 3 problems (0 errors, 3 warnings, 0 info) in 2 statements from 1 file"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colors when stdout is not a terminal";
}

TEST(Cli, JsonShapeMatchesTheDesign) {
    TempDir dir;
    auto r = run_dbsage("lint --format json " + dir.write("a.sql", k_sql));
    auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j["findings"].is_array());
    ASSERT_EQ(j["findings"].size(), 3u);
    for (const auto& f : j["findings"])
        for (const char* key : {"rule", "severity", "message", "help", "file", "line", "column", "object", "fix"})
            EXPECT_TRUE(f.contains(key)) << key;
    auto star = j["findings"][2];
    EXPECT_EQ(star["rule"], "select-star");
    EXPECT_EQ(star["line"], 2);
    EXPECT_EQ(star["column"], 8);
    EXPECT_TRUE(star["object"].is_null());
    EXPECT_TRUE(star["fix"].is_null());
    EXPECT_EQ(j["summary"]["total"], 3);
    EXPECT_EQ(j["summary"]["warnings"], 3);
}

TEST(Cli, SarifIsVersion210WithRulesAndResults) {
    TempDir dir;
    auto r = run_dbsage("lint --format sarif " + dir.write("a.sql", k_sql));
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["version"], "2.1.0");
    EXPECT_TRUE(j["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    ASSERT_EQ(j["runs"].size(), 1u);
    const auto& driver = j["runs"][0]["tool"]["driver"];
    EXPECT_EQ(driver["name"], "dbsage");
    EXPECT_GE(driver["rules"].size(), 35u);
    for (const auto& rule : driver["rules"]) {
        EXPECT_TRUE(rule["id"].is_string());
        EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
        EXPECT_TRUE(rule["help"]["text"].is_string()) << rule["id"];
        EXPECT_TRUE(std::set<std::string>({"error", "warning", "note"}).count(rule["defaultConfiguration"]["level"]));
    }
    ASSERT_EQ(j["runs"][0]["results"].size(), 3u);
    for (const auto& result : j["runs"][0]["results"]) {
        EXPECT_TRUE(result["ruleId"].is_string());
        EXPECT_EQ(driver["rules"][result["ruleIndex"].get<int>()]["id"], result["ruleId"]);
        EXPECT_TRUE(result["message"]["text"].is_string());
        const auto& region = result["locations"][0]["physicalLocation"]["region"];
        EXPECT_GE(region["startLine"].get<int>(), 1);
        EXPECT_GE(region["startColumn"].get<int>(), 1);
    }
}

TEST(Cli, GithubAnnotations) {
    TempDir dir;
    auto file = dir.write("a.sql", k_sql);
    auto r = run_dbsage("lint --format github " + file);
    EXPECT_EQ(lines(r.out), 3);
    std::regex line(R"(::warning file=[^,]+,line=\d+,col=\d+,title=dbsage select-star::query selects \* from users%0A.*)");
    bool found = false;
    std::istringstream in(r.out);
    for (std::string l; std::getline(in, l);) found = found || std::regex_match(l, line);
    EXPECT_TRUE(found) << r.out;
}

TEST(Cli, ExitCodesFollowFailOn) {
    TempDir dir;
    auto file = dir.write("a.sql", k_sql);
    EXPECT_EQ(run_dbsage("lint -q " + file).exit_code, 1);
    EXPECT_EQ(run_dbsage("lint -q --fail-on error " + file).exit_code, 0);
    EXPECT_EQ(run_dbsage("lint -q --fail-on never " + file).exit_code, 0);
    EXPECT_EQ(run_dbsage("lint -q --fail-on info " + file).exit_code, 1);
    auto clean = dir.write("clean.sql", "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n");
    auto r = run_dbsage("lint " + clean);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("No problems found"), std::string::npos);
    EXPECT_EQ(run_dbsage("lint -q " + clean).out, "");
    EXPECT_EQ(run_dbsage("lint --fail-on sometimes " + file).exit_code, 2);
    EXPECT_EQ(run_dbsage("lint --format yaml " + file).exit_code, 2);
    EXPECT_EQ(run_dbsage("lint").exit_code, 2);
    EXPECT_EQ(run_dbsage("frobnicate").exit_code, 2);
}

TEST(Cli, ConfigDisablesRulesChangesSeverityAndExcludesPaths) {
    TempDir dir;
    dir.write("migrations/001.sql", k_sql);
    dir.write("migrations/old/000.sql", "SELECT * FROM legacy;\n");
    auto config = dir.write("cfg.toml",
                            "exclude = [\"migrations/old/*\"]\n"
                            "[rules]\ndisable = [\"select-star\", \"case-sensitive-unique\"]\n"
                            "[rules.prefer-timestamp-tz]\nseverity = \"error\"\n");
    auto r = run_dbsage("lint --format json --config " + config + " " + dir.file("migrations"));
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["findings"].size(), 1u) << r.out;
    EXPECT_EQ(j["findings"][0]["rule"], "prefer-timestamp-tz");
    EXPECT_EQ(j["findings"][0]["severity"], "error");
    EXPECT_EQ(j["summary"]["files"], 1);

    auto bad = dir.write("bad.toml", "[rules]\ndisable = [\n\"x\" = 3\n");
    auto b = run_dbsage("lint --config " + bad + " " + dir.file("migrations"));
    EXPECT_EQ(b.exit_code, 2);
    EXPECT_EQ(lines(b.err), 1);
    EXPECT_NE(b.err.find(bad + ":3:"), std::string::npos) << b.err;
}

TEST(Cli, ConfigIsFoundUpwardFromTheWorkingDirectory) {
    TempDir dir;
    dir.write(".dbsage.toml", "[rules]\ndisable = [\"select-star\", \"prefer-timestamp-tz\", \"case-sensitive-unique\"]\n");
    auto file = dir.write("deep/er/a.sql", k_sql);
    auto r = run_dbsage("lint " + file);  // from the test's cwd: no config
    EXPECT_EQ(r.exit_code, 1);
    std::string cmd = "cd " + dir.file("deep/er") + " && " + test::binary() + " lint a.sql > /dev/null";
    EXPECT_EQ(WEXITSTATUS(std::system(cmd.c_str())), 0);
}

TEST(Cli, InlineIgnoreComments) {
    TempDir dir;
    auto file = dir.write("a.sql",
                          "-- dbsage:ignore select-star\nSELECT * FROM a;\n"
                          "SELECT * FROM b; -- dbsage:ignore\n"
                          "SELECT * FROM c;\n");
    auto j = nlohmann::json::parse(run_dbsage("lint --format json " + file).out);
    ASSERT_EQ(j["findings"].size(), 1u);
    EXPECT_EQ(j["findings"][0]["line"], 4);
    auto whole = dir.write("b.sql", "-- dbsage:ignore-file\nSELECT * FROM a;\n");
    EXPECT_EQ(run_dbsage("lint " + whole).exit_code, 0);
}

TEST(Cli, RulesListsAndDocuments) {
    auto list = run_dbsage("rules");
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_GE(lines(list.out), 36);
    EXPECT_NE(list.out.find("fk-without-index"), std::string::npos);
    auto doc = run_dbsage("rules not-in-subquery");
    EXPECT_EQ(doc.exit_code, 0);
    EXPECT_NE(doc.out.find("# not-in-subquery"), std::string::npos);
    EXPECT_NE(doc.out.find("## Bad"), std::string::npos);
    EXPECT_EQ(run_dbsage("rules no-such-rule").exit_code, 2);
}

TEST(Cli, SqliteDatabaseIsASource) {
    TempDir dir;
    auto db = dir.file("app.db");
    test::make_sqlite_db(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT, price REAL);"
                             "CREATE TABLE u (n INTEGER);");
    for (const std::string& target : {db, "sqlite:" + db}) {
        auto r = run_dbsage("lint --format json " + target);
        auto j = nlohmann::json::parse(r.out);
        std::set<std::string> got;
        for (const auto& f : j["findings"]) got.insert(f["rule"].get<std::string>() + " " + f["object"].get<std::string>());
        EXPECT_TRUE(got.count("status-column-without-check main.t.status")) << r.out;
        EXPECT_TRUE(got.count("float-for-money main.t.price"));
        EXPECT_TRUE(got.count("table-without-primary-key main.u"));
        EXPECT_FALSE(got.count("prefer-timestamp-tz main.t.status")) << "PostgreSQL-only rules stay quiet on SQLite";
    }
}

TEST(BadInput, BinaryFileIsOneLineAndTheRestIsStillChecked) {
    TempDir dir;
    dir.write("d/1.sql", std::string("\x7f" "ELF\0\0\x01garbage", 12));
    dir.write("d/2.sql", "SELECT * FROM t;\n");
    auto r = run_dbsage("lint --format json " + dir.file("d"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("1.sql: not a SQL text file (binary data at byte 4)"), std::string::npos) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["findings"].size(), 1u);
}

TEST(BadInput, TruncatedFileGivesASyntaxErrorFindingNotACrash) {
    TempDir dir;
    auto file = dir.write("t.sql", "CREATE TABLE ok (id bigint PRIMARY KEY);\nCREATE TABLE cut (id bigint PRIMARY KEY, name te");
    auto r = run_dbsage("lint --format json " + file);
    EXPECT_EQ(r.exit_code, 1);
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["findings"].size(), 1u);
    EXPECT_EQ(j["findings"][0]["rule"], "syntax-error");
    EXPECT_EQ(j["findings"][0]["message"], "syntax error at end of input");
    EXPECT_EQ(j["findings"][0]["line"], 2);
}

TEST(BadInput, UnreadableEntriesInADirectoryAreReported) {
    TempDir dir;
    dir.write("d/good.sql", "SELECT 1;\n");
    std::filesystem::create_symlink(dir.file("missing-target.sql"), dir.file("d/broken.sql"));
    auto locked = dir.write("d/locked.sql", "SELECT 1;\n");
    std::filesystem::permissions(locked, std::filesystem::perms::none);
    auto r = run_dbsage("lint " + dir.file("d"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("broken.sql: cannot read"), std::string::npos) << r.err;
    if (geteuid() != 0) {
        EXPECT_NE(r.err.find("locked.sql: cannot read"), std::string::npos) << r.err;
    }
    // root reads files whatever their mode: then locked.sql is read too.
    // Not "No problems found": an input was never looked at.
    std::string expected = geteuid() == 0 ? "1 input could not be read; no problems found in 2 statements"
                                          : "could not be read; no problems found in 1 statements";
    EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
}

TEST(BadInput, MissingPathIsUsageError) {
    auto r = run_dbsage("lint /nonexistent/schema.sql");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/schema.sql: no such file or directory"), std::string::npos) << r.err;
}

TEST(BadInput, NonSqliteFileGivenAsSqlite) {
    TempDir dir;
    auto text = dir.write("notes.txt", "just some notes, not a database at all\n");
    auto r = run_dbsage("lint sqlite:" + text);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("not a readable SQLite database (file is not a database)"), std::string::npos) << r.err;
    auto fake = dir.write("app.db", std::string(4096, 'x'));
    auto f = run_dbsage("lint " + fake);
    EXPECT_EQ(f.exit_code, 2);
    EXPECT_EQ(lines(f.err), 1) << f.err;
}

TEST(BadInput, InvalidConninfoIsOneLineWithoutPassword) {
    auto r = run_dbsage("lint 'postgresql://admin:s3cr3t@localhost:notaport/db'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_EQ(r.err.find("s3cr3t"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("admin:***@"), std::string::npos) << r.err;
    auto quoted = run_dbsage("lint \"host=/nonexistent port=5 password='s3 cr3t' dbname=x\"");
    EXPECT_EQ(quoted.exit_code, 2);
    EXPECT_EQ(quoted.err.find("cr3t"), std::string::npos) << quoted.err;
    // Malformed: libpq would echo a fragment of the password in its message.
    auto malformed = run_dbsage("lint 'host=/nonexistent password=\"s3 cr3t\" dbname=x'");
    EXPECT_EQ(malformed.exit_code, 2);
    EXPECT_EQ(lines(malformed.err), 1) << malformed.err;
    EXPECT_NE(malformed.err.find("invalid connection string"), std::string::npos) << malformed.err;
    EXPECT_EQ(malformed.err.find("cr3t"), std::string::npos) << malformed.err;
}

TEST(BadInput, MixingADatabaseWithFilesIsAUsageError) {
    TempDir dir;
    auto file = dir.write("a.sql", "SELECT 1;");
    auto db = dir.file("x.db");
    test::make_sqlite_db(db, "CREATE TABLE t (id INTEGER PRIMARY KEY);");
    auto r = run_dbsage("lint " + file + " " + db);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(CliMigrations, BaselineSchemaMakesTablesExistingAndIsNotLinted) {
    test::TempDir dir;
    auto schema = dir.write("schema.sql", "CREATE TABLE orders (id int PRIMARY KEY, status text);\n");
    dir.write("m/001.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
    // Without a baseline the table is assumed to exist, and the help says so.
    auto without = nlohmann::json::parse(test::run_dbsage("lint --format json " + dir.file("m")).out);
    ASSERT_GE(without["findings"].size(), 1u);
    EXPECT_NE(without["findings"][0]["help"].get<std::string>().find("no definition of public.orders"), std::string::npos);
    auto with = nlohmann::json::parse(test::run_dbsage("lint --format json --schema " + schema + " " + dir.file("m")).out);
    std::set<std::string> rules;
    for (const auto& f : with["findings"]) {
        rules.insert(f["rule"].get<std::string>());
        EXPECT_EQ(f["file"], dir.file("m/001.sql"));
        EXPECT_EQ(f["help"].get<std::string>().find("no definition"), std::string::npos);
    }
    EXPECT_TRUE(rules.count("require-concurrent-index-creation"));
    EXPECT_TRUE(rules.count("require-lock-timeout"));
    EXPECT_FALSE(rules.count("prefer-bigint-over-int")) << "the baseline's own design is not this migration's finding";
}

// A project folder keeps its schema beside its migrations folder: the folder's
// own files are replayed first, so the migrations change the schema's tables.
TEST(CliMigrations, AFolderReplaysItsOwnFilesBeforeItsSubfolders) {
    test::TempDir dir;
    dir.write("schema.sql", "CREATE TABLE orders (id int PRIMARY KEY, status text);\n");
    dir.write("a_migrations/001.sql", "ALTER TABLE orders DROP COLUMN status;\nDROP TABLE orders;\nCREATE TABLE orders (id bigint PRIMARY KEY);\n");
    auto out = nlohmann::json::parse(test::run_dbsage("lint --format json " + dir.path()).out);
    std::set<std::string> rules;
    for (const auto& f : out["findings"]) {
        rules.insert(f["rule"].get<std::string>());
        if (f["file"] == dir.file("a_migrations/001.sql"))
            EXPECT_EQ(f["help"].get<std::string>().find("no definition"), std::string::npos) << f["help"];
    }
    EXPECT_FALSE(rules.count("statement-fails")) << "schema.sql's CREATE TABLE would follow the migration's";
    EXPECT_TRUE(rules.count("ban-drop-column"));
    EXPECT_TRUE(rules.count("ban-drop-table"));
}

TEST(CliMigrations, AssumeInTransactionFlagsConcurrentBuilds) {
    test::TempDir dir;
    auto schema = dir.write("schema.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n");
    auto m = dir.write("m/001.sql", "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n");
    EXPECT_EQ(test::run_dbsage("lint --schema " + schema + " " + m).exit_code, 0);
    auto r = test::run_dbsage("lint --format json --assume-in-transaction --schema " + schema + " " + m);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("ban-concurrent-index-creation-in-transaction"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(CliConfig, BadValuesAndUnknownRuleIdsAreErrorsWithTheirLine) {
    test::TempDir dir;
    auto sql = dir.write("a.sql", "SELECT 1;\n");
    auto words = dir.write("words.toml", "exclude = []\npg_version = \"fifteen\"\n");
    auto r = test::run_dbsage("lint --config " + words + " " + sql);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("words.toml:2: invalid config: pg_version"), std::string::npos) << r.err;
    auto far = dir.write("far.toml", "pg_version = 99\n");
    EXPECT_EQ(test::run_dbsage("lint --config " + far + " " + sql).exit_code, 2);
    auto unknown = dir.write("unknown.toml", "[rules]\ndisable = [\"select-star\", \"no-such-rule\"]\n");
    auto u = test::run_dbsage("lint --config " + unknown + " " + sql);
    EXPECT_EQ(u.exit_code, 2);
    EXPECT_NE(u.err.find("unknown.toml:2: invalid config: unknown rule id 'no-such-rule'"), std::string::npos) << u.err;
    auto table = dir.write("table.toml", "[rules.not-a-rule]\nseverity = \"error\"\n");
    EXPECT_EQ(test::run_dbsage("lint --config " + table + " " + sql).exit_code, 2);
}

TEST(CliConfig, ExcludePatternsAreRelativeToTheConfigFile) {
    test::TempDir dir;
    dir.write("proj/.dbsage.toml", "exclude = [\"db/old/*.sql\"]\n");
    dir.write("proj/db/old/001.sql", "SELECT * FROM t ORDER BY random();\n");
    dir.write("proj/db/new/002.sql", "SELECT 1;\n");
    // Run from inside db/ on a relative path: the pattern still means proj/db/old.
    auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.file("proj/db"));
    auto r = test::run_dbsage("lint --config ../.dbsage.toml --format json old new");
    std::filesystem::current_path(cwd);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.find("001.sql"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(CliOptions, OutOfRangeValuesAreUsageErrors) {
    test::TempDir dir;
    auto log = dir.write("x.log", "2026-01-01 10:00:00 UTC [1] LOG:  duration: 1 ms  statement: SELECT 1\n");
    auto sql = dir.write("a.sql", "SELECT 1;\n");
    for (const std::string& args : {"digest --threads 100000 " + log, "digest --threads -3 " + log,
                                    "digest --n-plus-one-min 0 " + log, "lint --pg-version 99 " + sql,
                                    "migrate locks --pg-version 9 " + sql}) {
        auto r = test::run_dbsage(args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.out;
        EXPECT_NE(r.err.find("not in range"), std::string::npos) << args << "\n" << r.err;
    }
}

TEST(CliOptions, AMistypedConninfoKeywordIsNamedAndNoPasswordShows) {
    auto typo = test::run_dbsage("lint 'dbnmae=shop password=hunter2'");
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("unknown keyword \"dbnmae\" (did you mean dbname?)"), std::string::npos) << typo.err;
    EXPECT_EQ(typo.err.find("hunter2"), std::string::npos) << typo.err;
    auto misspelt_password = test::run_dbsage("lint 'pasword=hunter2 dbname=shop'");
    EXPECT_EQ(misspelt_password.exit_code, 2);
    EXPECT_EQ(misspelt_password.err.find("hunter2"), std::string::npos) << misspelt_password.err;
    EXPECT_NE(misspelt_password.err.find("did you mean password?"), std::string::npos) << misspelt_password.err;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(CliInput, StdinTwiceNamedFilesAndLongLines) {
    test::TempDir dir;
    auto piped = dir.write("piped.sql", "CREATE INDEX i ON t (a);\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json -", piped);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("\"file\": \"<stdin>\""), std::string::npos) << r.out;

    auto twice = dir.write("d/twice.sql", "CREATE TABLE a (id int);\nCREATE INDEX a_idx ON a (id);\n");
    auto t = test::run_dbsage("lint --config /dev/null --format json " + twice + " " + dir.file("d") + " " + twice);
    EXPECT_EQ(t.out.find("duplicates"), std::string::npos) << t.out;
    EXPECT_EQ(nlohmann::json::parse(t.out)["summary"]["statements"], 2) << t.out;

    std::string wide = "SELECT ";
    for (int i = 0; i < 40000; ++i) wide += "1, ";
    auto long_line = dir.write("long.sql", wide + "2 FROM t ORDER BY random();\n");
    auto l = test::run_dbsage("lint --config /dev/null " + long_line);
    EXPECT_EQ(l.exit_code, 1);
    EXPECT_LT(l.out.size(), 4000u) << "the snippet is cut around the caret";
    EXPECT_NE(l.out.find("1 | ..., 1, 1"), std::string::npos) << l.out;
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

// fk-type-mismatch and prefer-bigint-over-int agree: the narrower key grows.
TEST(CliFixes, KeyTypeMismatchWidensTheKeyInsteadOfNarrowingTheReference) {
    auto r = test::run_dbsage("lint --config /dev/null --format json " + test::source_dir() +
                              "/tests/rules/schema/fk-type-mismatch.sql");
    auto j = nlohmann::json::parse(r.out);
    bool seen = false;
    for (const auto& f : j["findings"])
        if (f["rule"] == "fk-type-mismatch" && f["message"].get<std::string>().find("account_id") != std::string::npos) {
            seen = true;
            EXPECT_EQ(f["fix"], "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;") << f;
        }
    EXPECT_TRUE(seen) << r.out;
}

}  // namespace
}  // namespace dbsage
