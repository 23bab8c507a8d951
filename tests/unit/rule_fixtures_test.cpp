// Runs every fixture in tests/rules/<group>/<rule-id>.sql. A statement followed
// by "-- expect: SEVERITY RULE" must produce exactly those findings of the
// fixture's rule; every other statement must produce none. Fixtures starting
// with "-- dialect: sqlite" or "-- dialect: mysql" are read twice, as a
// dialect file (run in an in-memory SQLite / a scratch MariaDB) and from a
// database loaded with the same file (an SQLite file / a MariaDB database
// named main), and both must give the expectations, which name the object
// ("-- expect: warning rule main.table.column") or, without one, point at
// the one-line statement above them.
// Migration fixtures have a line "-- migration": what comes before it is an
// earlier migration file (the tables that exist), what follows is the
// migration under test. "-- config: key = value" adds a top-level config
// entry and "-- pg-version: N" sets the target version.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "../support/rule_fixtures.h"
#include "../support/test_paths.h"
#include "dbsage/lint.h"
#include "rules/rule.h"
#include "rules/rule_docs.h"
#include "sandbox/scratch_mariadb.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {
namespace fs = std::filesystem;

using test::RuleFixture;

struct Expectation {
    int line;
    std::string severity;
    std::string rule;
    std::string object;
};

struct Fixture {
    std::string path;
    std::string rule;
    std::string text;
    bool sqlite = false;
    bool mysql = false;
    bool needs_data = false;  // "-- needs: data": judged on rows, which a file run by its engine does not load
    std::map<std::string, std::string> options;
    std::vector<std::string> config_lines;
    int pg_version = 0;
    int migration_line = 0;  // line of "-- migration", 0 when none
    std::vector<Expectation> expects;
};

Fixture load(const std::string& path) {
    Fixture f;
    f.path = path;
    // "rule-id.sql", or "rule-id.variant.sql" for a second fixture of the rule (another dialect).
    f.rule = fs::path(path).stem().string();
    f.rule = f.rule.substr(0, f.rule.find('.'));
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    f.text = buffer.str();
    static const std::regex k_expect(R"(^\s*--\s*expect:\s*(\w+)\s+([a-z0-9-]+)(\s+(\S+))?\s*$)");
    static const std::regex k_option(R"(^\s*--\s*option:\s*([a-z_]+)\s*=\s*(\S+)\s*$)");
    std::istringstream lines(f.text);
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        std::smatch m;
        if (std::regex_match(line, m, k_expect)) f.expects.push_back({number, m[1], m[2], m[4]});
        else if (std::regex_match(line, m, k_option)) f.options[m[1]] = m[2];
        else if (line.find("-- dialect: sqlite") == 0) f.sqlite = true;
        else if (line.find("-- dialect: mysql") == 0) f.mysql = true;
        else if (line.find("-- needs: data") == 0) f.needs_data = true;
        else if (line == "-- migration") f.migration_line = number;
        else if (line.rfind("-- config: ", 0) == 0) f.config_lines.push_back(line.substr(11));
        else if (line.rfind("-- pg-version: ", 0) == 0) f.pg_version = std::stoi(line.substr(15));
    }
    return f;
}

std::string config_for(const Fixture& f, const test::TempDir& dir) {
    std::string toml;
    for (const auto& line : f.config_lines) toml += line + "\n";
    if (f.pg_version) toml += "pg_version = " + std::to_string(f.pg_version) + "\n";
    toml += "[rules.\"" + f.rule + "\"]\n";
    for (const auto& [k, v] : f.options) toml += k + " = " + v + "\n";
    return dir.write("dbsage.toml", toml);
}

// "severity object" per finding of the fixture's rule, or "severity line N"
// for a finding without an object.
std::multiset<std::string> findings_of(const LintReport& report, const std::string& rule) {
    std::multiset<std::string> out;
    for (const auto& finding : report.findings)
        if (finding.rule == rule)
            out.insert(std::string(to_string(finding.severity)) + " " +
                       (finding.location.object.empty() ? "line " + std::to_string(finding.location.line)
                                                        : finding.location.object));
    return out;
}

void check_dialect_fixture(const Fixture& f, LintOptions options) {
    std::multiset<std::string> expected;
    std::vector<std::string> lines;
    std::istringstream in(f.text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (const auto& e : f.expects) {
        std::string where = e.object;
        for (int l = e.line - 1; where.empty() && l >= 1; --l)
            if (!lines[l - 1].empty() && lines[l - 1].rfind("--", 0) != 0) where = "line " + std::to_string(l);
        expected.insert(e.severity + " " + where);
    }
    // As a file, run in the dialect's scratch engine; a migration fixture's
    // first part is the --schema its migration changes.
    test::TempDir parts;
    options.targets = {f.path};
    options.dialect = f.mysql ? "mysql" : "sqlite";
    if (f.migration_line) {
        std::string baseline, migration;
        for (size_t i = 0; i < lines.size(); ++i) {
            int number = static_cast<int>(i) + 1;
            if (number < f.migration_line) baseline += lines[i] + "\n";
            migration += (number > f.migration_line ? lines[i] : "") + "\n";
        }
        options.baseline = parts.write("baseline.sql", baseline);
        options.targets = {parts.write("migration.sql", migration)};
    }
    auto from_file = lint(options);
    ASSERT_TRUE(from_file.is_ok()) << from_file.status().message();
    EXPECT_TRUE(from_file->input_errors.empty()) << from_file->input_errors[0];
    for (const auto& finding : from_file->findings)
        if (finding.rule == "syntax-error" || (finding.rule == "statement-fails" && f.rule != "statement-fails"))
            ADD_FAILURE() << "file line " << finding.location.line << ": " << finding.message;
    // A file's rows are counted, not loaded: rules judged on data stay quiet there.
    EXPECT_EQ(f.needs_data ? std::multiset<std::string>{} : expected, findings_of(*from_file, f.rule))
        << "read as a " << options.dialect << " file";
    // A database holds no failed statement and no migration.
    if (f.rule == "statement-fails" || f.rule == "syntax-error" || f.migration_line) return;
    // From a database loaded with the same file.
    options.dialect.clear();
    test::TempDir dir;
    std::unique_ptr<ScratchMariadb> server;
    if (f.sqlite) {
        std::string db = dir.file("fixture.db");
        test::make_sqlite_db(db, f.text);
        options.targets = {db};
    } else {
        auto started = ScratchMariadb::start();
        ASSERT_TRUE(started.is_ok()) << started.status().message();
        server = std::move(*started);
        ASSERT_TRUE(server->run_sql("CREATE DATABASE main").is_ok());
        Status loaded = server->run_file(f.path, "main");
        ASSERT_TRUE(loaded.is_ok()) << loaded.message();
        options.targets = {server->url("main")};
    }
    auto from_db = lint(options);
    ASSERT_TRUE(from_db.is_ok()) << from_db.status().message();
    EXPECT_EQ(expected, findings_of(*from_db, f.rule)) << "read from a database";
}

TEST_P(RuleFixture, FindingsMatchExpectations) {
    Fixture f = load(GetParam());
    ASSERT_NE(find_rule(f.rule), nullptr) << "no rule named " << f.rule;
    EXPECT_FALSE(rule_doc(f.rule).empty()) << "rule " << f.rule << " has no doc page";
    ASSERT_FALSE(f.expects.empty()) << "fixture has no firing case";
    for (const auto& e : f.expects) EXPECT_EQ(e.rule, f.rule) << "line " << e.line;

    test::TempDir dir;
    std::string migration_path;
    LintOptions options;
    options.config_path = config_for(f, dir);
    if (f.sqlite || f.mysql) {
        check_dialect_fixture(f, options);
        return;
    }
    if (f.migration_line) {
        // Split into an earlier file and the migration, keeping line numbers.
        std::string baseline, migration;
        std::istringstream lines(f.text);
        int number = 0;
        for (std::string line; std::getline(lines, line);) {
            ++number;
            if (number < f.migration_line) baseline += line + "\n";
            migration += (number > f.migration_line ? line : "") + "\n";
        }
        dir.write("m/000_baseline.sql", baseline);
        migration_path = dir.write("m/001_migration.sql", migration);
        options.targets = {dir.file("m")};
    } else {
        options.targets = {GetParam()};
    }
    auto report = lint(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_TRUE(report->input_errors.empty()) << report->input_errors[0];

    Workspace ws;
    std::string source_name = f.migration_line ? migration_path : GetParam();
    std::string source_text = f.text;
    if (f.migration_line) {
        std::ifstream in(migration_path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        source_text = buffer.str();
    }
    read_sql_text(source_name, source_text, ws);
    const auto& statements = ws.statements;
    auto statement_ending_before = [&](int line) {
        int found = -1;
        for (size_t i = 0; i < statements.size(); ++i)
            if (statements[i].end_line <= line) found = static_cast<int>(i);
        return found;
    };
    auto statement_at = [&](int line) {
        for (size_t i = 0; i < statements.size(); ++i)
            if (line >= statements[i].location.line && line <= statements[i].end_line) return static_cast<int>(i);
        return -1;
    };
    std::multiset<std::pair<int, std::string>> expected, actual;
    for (const auto& e : f.expects) expected.insert({statement_ending_before(e.line), e.severity});
    for (const auto& finding : report->findings) {
        if (finding.rule == "syntax-error" && f.rule != "syntax-error")
            ADD_FAILURE() << "unexpected syntax error at line " << finding.location.line << ": " << finding.message;
        if (finding.rule != f.rule) continue;
        if (f.migration_line && finding.location.file != migration_path) {
            ADD_FAILURE() << "finding in the baseline part at line " << finding.location.line << ": " << finding.message;
            continue;
        }
        actual.insert({statement_at(finding.location.line), std::string(to_string(finding.severity))});
    }
    auto describe = [&](const std::multiset<std::pair<int, std::string>>& set) {
        std::string out;
        for (const auto& [index, severity] : set)
            out += "\n  " + severity + " at statement line " +
                   (index >= 0 ? std::to_string(statements[index].location.line) : std::string("?"));
        return out;
    };
    EXPECT_EQ(expected, actual) << "expected:" << describe(expected) << "\nactual:" << describe(actual);
    std::set<int> firing;
    for (const auto& [index, severity] : expected) firing.insert(index);
    EXPECT_LT(firing.size(), statements.size()) << "fixture has no non-firing statement";
}

// The dialect fixtures are instantiated with the server tests
// (tests/live/dialect_rule_fixtures_test.cpp).
INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, testing::ValuesIn(test::rule_fixture_paths(false)), test::fixture_test_name);

TEST(RuleCatalog, EveryRuleHasFixtureAndDoc) {
    std::set<std::string> fixtures;
    for (const auto& p : test::rule_fixture_paths(false)) {
        std::string stem = fs::path(p).stem().string();
        fixtures.insert(stem.substr(0, stem.find('.')));
    }
    for (const auto& p : test::rule_fixture_paths(true)) {
        std::string stem = fs::path(p).stem().string();
        fixtures.insert(stem.substr(0, stem.find('.')));
    }
    for (const auto& rule : all_rules()) {
        std::string id(rule->info().id);
        EXPECT_TRUE(fixtures.count(id)) << id << " has no fixture";
        EXPECT_FALSE(rule_doc(id).empty()) << id << " has no doc page";
    }
}

TEST(RuleCatalog, IdsAreSortedAndUnique) {
    const auto& rules = all_rules();
    for (size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1]->info().id, rules[i]->info().id);
}

}  // namespace
}  // namespace dbsage
