// Valid but extreme SQL, and bytes that are not UTF-8, must become findings
// for their statement while the rest of the file is analysed: never a crash,
// an "internal error" or a process ended by the parser library.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "../support/test_paths.h"

namespace dbsage {
namespace {

std::string repeat_join(const std::string& item, const std::string& sep, size_t n) {
    std::string out;
    out.reserve((item.size() + sep.size()) * n);
    for (size_t i = 0; i < n; ++i) out += (i ? sep : "") + item;
    return out;
}

struct Linted {
    int exit_code;
    nlohmann::json json;
    std::string err;
};

Linted lint_text(const std::string& sql) {
    test::TempDir dir;
    auto path = dir.write("big.sql", sql);
    auto r = test::run_dbsage("lint --config /dev/null --format json " + path);
    Linted out{r.exit_code, nlohmann::json::object(), r.err};
    if (!r.out.empty()) out.json = nlohmann::json::parse(r.out);
    return out;
}

std::vector<std::string> rules(const Linted& l) {
    std::vector<std::string> out;
    for (const auto& f : l.json["findings"]) out.push_back(f["rule"].get<std::string>() + " " + f["message"].get<std::string>());
    return out;
}

const char* k_tail = ";\nCREATE TABLE after_it (id int);\nSELECT * FROM after_it ORDER BY random();\n";

TEST(HostileSql, ChainedOperatorsAndUnionsThatPostgresRunsAreAnalysed) {
    for (const std::string& sql : {"SELECT " + repeat_join("1", "+", 600), repeat_join("SELECT 1", " UNION ALL ", 2000)}) {
        auto l = lint_text(sql + k_tail);
        ASSERT_NE(l.exit_code, 2) << l.err;
        for (const auto& r : rules(l)) {
            EXPECT_EQ(r.find("internal error"), std::string::npos) << r;
            EXPECT_EQ(r.find("syntax-error"), std::string::npos) << r;
            EXPECT_EQ(r.find("statement-too-large"), std::string::npos) << r;
        }
        EXPECT_EQ(l.json["summary"]["statements"], 3) << l.json.dump();
        bool later_statement_judged = false;
        for (const auto& r : rules(l)) later_statement_judged = later_statement_judged || r.rfind("order-by-random", 0) == 0;
        EXPECT_TRUE(later_statement_judged);
    }
}

TEST(HostileSql, TooDeepOrTooLargeStatementsAreOneFindingEach) {
    // 80,000 chained terms crashed libpg_query's tree printer; 12 million
    // select items made it end the process.
    for (const std::string& sql : {"SELECT " + repeat_join("1", "+", 80000), "SELECT " + repeat_join("1", ",", 12000000)}) {
        auto l = lint_text(sql + k_tail);
        ASSERT_EQ(l.exit_code, 1) << l.err;
        auto found = rules(l);
        ASSERT_FALSE(found.empty());
        EXPECT_EQ(found[0].rfind("statement-too-large", 0), 0u) << found[0];
        EXPECT_EQ(l.json["findings"][0]["line"], 1);
        bool later_statement_judged = false;
        for (const auto& r : found) later_statement_judged = later_statement_judged || r.rfind("order-by-random", 0) == 0;
        EXPECT_TRUE(later_statement_judged);
    }
}

TEST(HostileSql, InvalidUtf8IsNamedLikePostgresNamesIt) {
    auto l = lint_text("SELECT 'caf\xe9 au lait';\nSELECT 1;\n");
    ASSERT_EQ(l.exit_code, 1) << l.err;
    ASSERT_EQ(l.json["findings"].size(), 1u) << l.json.dump();
    auto f = l.json["findings"][0];
    EXPECT_EQ(f["rule"], "syntax-error");
    EXPECT_EQ(f["message"], "invalid byte sequence for encoding \"UTF8\": 0xe9 0x20");
    EXPECT_EQ(f["line"], 1);
    EXPECT_EQ(f["column"], 12);
}

}  // namespace
}  // namespace dbsage
