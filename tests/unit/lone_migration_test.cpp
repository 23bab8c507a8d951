// The commonest CI setup lints only the new migration file, with no baseline:
// tables it does not create exist and are in use, so every lock rule judges them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "../support/test_paths.h"

namespace dbsage {
namespace {

std::multiset<std::string> rules_of(const std::string& out) {
    std::multiset<std::string> rules;
    auto j = nlohmann::json::parse(out);
    for (const auto& f : j["findings"]) rules.insert(f["rule"].get<std::string>());
    return rules;
}

TEST(LoneMigration, EveryLockRuleJudgesTablesItDoesNotCreate) {
    test::TempDir dir;
    auto m = dir.write("m.sql", "CREATE INDEX i ON t (a);\nALTER TABLE t ADD PRIMARY KEY (a);\n"
                                "ALTER TABLE t DROP COLUMN b;\nDROP TABLE t;\nDROP INDEX other_idx;\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json " + m);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    auto rules = rules_of(r.out);
    for (const char* id : {"require-concurrent-index-creation", "adding-serial-primary-key-field", "ban-drop-column",
                           "ban-drop-table", "require-lock-timeout", "require-concurrent-index-deletion"})
        EXPECT_TRUE(rules.count(id)) << id << "\n" << r.out;
    auto j = nlohmann::json::parse(r.out);
    bool said_unknown = false;
    for (const auto& f : j["findings"])
        if (f["rule"] == "require-concurrent-index-creation")
            said_unknown = f["help"].get<std::string>().find("no definition of public.t") != std::string::npos;
    EXPECT_TRUE(said_unknown) << r.out;

    auto locks = test::run_dbsage("migrate locks --config /dev/null " + m);
    EXPECT_EQ(locks.exit_code, 0) << locks.err;
    EXPECT_NE(locks.out.find("public.t"), std::string::npos) << locks.out;
    EXPECT_NE(locks.out.find("AccessExclusiveLock"), std::string::npos) << locks.out;
    EXPECT_NE(locks.out.find("ShareLock"), std::string::npos) << locks.out;
}

TEST(LoneMigration, TablesCreatedEarlierInTheFileAreNew) {
    test::TempDir dir;
    auto m = dir.write("m.sql", "CREATE TABLE t (a int, b int);\nCREATE INDEX i ON t (a);\n"
                                "ALTER TABLE t DROP COLUMN b;\n");
    auto r = test::run_dbsage("lint --config /dev/null --format json " + m);
    auto rules = rules_of(r.out);
    EXPECT_FALSE(rules.count("require-concurrent-index-creation")) << r.out;
    EXPECT_FALSE(rules.count("ban-drop-column")) << r.out;
}

}  // namespace
}  // namespace dbsage
