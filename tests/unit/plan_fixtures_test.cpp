// Committed plans in every format dbsage reads (tests/explain/plans): each
// is read, its format detected, and its findings compared with
// tests/explain/expected/<plan>.findings. DBSAGE_UPDATE_PLANS=1 rewrites the
// expected files; review the diff. The PostgreSQL plans come in pairs (JSON
// and text of the same query), which must give the same findings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "explain/explain.h"
#include "report/plan_report.h"
#include "rules/rule_docs.h"
#include "../support/test_paths.h"

namespace dbsage {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string summary(const PlanAnalysis& a) {
    std::string out = "format: " + a.plan.format + "\n";
    for (const auto& f : a.findings)
        out += std::string(to_string(f.severity)) + " " + f.rule + " @" + std::to_string(f.location.line) + " " + f.location.object + "\n";
    return out;
}

TEST(PlanFixtures, EveryCommittedPlanGivesItsExpectedFindings) {
    fs::path plans = fs::path(test::source_dir()) / "tests/explain/plans";
    fs::path expected_dir = fs::path(test::source_dir()) / "tests/explain/expected";
    std::map<std::string, std::string> postgres_pairs;
    int count = 0;
    for (const auto& entry : fs::directory_iterator(plans)) {
        std::string name = entry.path().filename().string();
        auto analysis = analyze_plan_text(read(entry.path()), name);
        ASSERT_TRUE(analysis.is_ok()) << analysis.status().message();
        std::string got = summary(*analysis);
        fs::path expected = expected_dir / (name + ".findings");
        if (std::getenv("DBSAGE_UPDATE_PLANS")) std::ofstream(expected) << got;
        EXPECT_EQ(got, read(expected)) << name;
        ++count;
        if (name.rfind("pg-", 0) == 0 && analysis->plan.analyzed) {
            std::string findings = got.substr(got.find('\n') + 1);
            std::string stem = entry.path().stem().string();
            if (auto it = postgres_pairs.find(stem); it != postgres_pairs.end())
                EXPECT_EQ(findings, it->second) << stem << ": its JSON and text forms disagree";
            else
                postgres_pairs[stem] = findings;
        }
    }
    EXPECT_GE(count, 15);
}

// Each plan rule has a doc page; the committed plans fire the rules that
// need no live database (the rest fire in tests/live/explain_test.cpp).
TEST(PlanFixtures, EveryPlanRuleHasADocPageAndFires) {
    std::set<std::string> fired;
    fs::path expected_dir = fs::path(test::source_dir()) / "tests/explain/expected";
    for (const auto& entry : fs::directory_iterator(expected_dir)) {
        std::istringstream lines(read(entry.path()));
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("format:", 0) != 0) fired.insert(line.substr(line.find(' ') + 1, line.find(" @") - line.find(' ') - 1));
    }
    std::set<std::string> live_only = {"plan-hash-batches", "plan-heap-fetches", "plan-index-advice", "plan-large-offset",
                                       "plan-lossy-bitmap", "plan-sort-for-limit", "plan-sort-spilled", "plan-stale-statistics",
                                       "plan-workers-not-launched"};
    for (const auto& id : plan_rule_ids()) {
        EXPECT_FALSE(rule_doc(id).empty()) << id << " has no doc page";
        EXPECT_TRUE(fired.count(id) || live_only.count(id)) << id << " fires in no committed plan";
    }
    for (const auto& id : fired)
        EXPECT_NE(std::find(plan_rule_ids().begin(), plan_rule_ids().end(), id), plan_rule_ids().end()) << id << " is not in plan_rule_ids()";
}

TEST(PlanFixtures, EachFormatIsDetectedFromTheContent) {
    std::map<std::string, std::string> formats;
    fs::path plans = fs::path(test::source_dir()) / "tests/explain/plans";
    for (const auto& entry : fs::directory_iterator(plans)) {
        auto analysis = analyze_plan_text(read(entry.path()), entry.path().filename().string());
        ASSERT_TRUE(analysis.is_ok()) << analysis.status().message();
        formats[analysis->plan.format] = entry.path().filename().string();
    }
    for (const char* format : {"postgres-json", "postgres-text", "mysql-json", "mysql-tree", "mysql-analyze-tree",
                               "mariadb-analyze-json", "sqlite-eqp"})
        EXPECT_TRUE(formats.count(format)) << "no committed plan reads as " << format;
}

// The markdown and HTML forms carry the tree, the findings and their fixes;
// the HTML page loads nothing from the network and escapes the plan's text.
TEST(PlanFixtures, MarkdownAndHtmlCarryTheTreeAndTheFindings) {
    fs::path plans = fs::path(test::source_dir()) / "tests/explain/plans";
    auto a = analyze_plan_text(read(plans / "pg-cast.json"), "pg-cast.json");
    ASSERT_TRUE(a.is_ok());
    std::string md = format_plan_markdown(*a);
    EXPECT_NE(md.find("| # | Node | Own share | Figures | Findings |"), std::string::npos) << md;
    EXPECT_NE(md.find("`plan-cast-in-filter`"), std::string::npos) << md;
    std::string html = format_plan_html(*a);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(html.find("http"), std::string::npos) << "no network: no links, scripts or fonts to fetch";
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("plan-cast-in-filter"), std::string::npos);
    EXPECT_NE(html.find("Filter: <code>((placed)::date"), std::string::npos) << "the node's filter beside it";
    EXPECT_EQ(html.find("<Seq"), std::string::npos);
    auto tricky = analyze_plan_text("Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n  Filter: (a < '<script>')\n", "t.txt");
    ASSERT_TRUE(tricky.is_ok());
    EXPECT_EQ(format_plan_html(*tricky).find("<script>"), std::string::npos) << "the plan's text is escaped";
}

// What make fuzz (fuzz/plan_fuzzer.cpp) found, kept fixed: a line of spaces
// in a text plan, a child slower than its parent (a share over 100% drawn as
// a bar), and the mysql client's "EXPLAIN: " prefix (read through a view of
// the line it replaced; ASan saw it).
TEST(PlanFixtures, WhatTheFuzzerFoundStaysFixed) {
    for (const std::string& text : {std::string("Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n   \n  Filter: (a = 1)\n"),
                                   std::string("-> Limit: 1 row(s)  (actual time=0.1..0.1 rows=1 loops=1)\n"
                                               "    -> Table scan on t  (actual time=0.1..500.0 rows=1 loops=1)\n"),
                                   std::string("*** 1. row ***\nEXPLAIN: -> Table scan on t  (cost=1.00 rows=10)\n")}) {
        auto a = analyze_plan_text(text, "found.plan");
        ASSERT_TRUE(a.is_ok()) << a.status().message();
        EXPECT_FALSE(format_plan_text(*a, true).empty());
        EXPECT_FALSE(format_plan_html(*a).empty());
        EXPECT_FALSE(format_plan_markdown(*a).empty());
    }
}

// Very large and very deep plans: read without a crash, or refused in one line.
TEST(PlanFixtures, HugeAndDeepPlansAreReadOrRefusedInOneLine) {
    std::string wide = "[{\"Plan\": {\"Node Type\": \"Append\", \"Total Cost\": 1, \"Plan Rows\": 1, \"Plans\": [";
    for (int i = 0; i < 420000; ++i)
        wide += std::string(i ? "," : "") + "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"part_" + std::to_string(i) +
                "\", \"Alias\": \"p\", \"Startup Cost\": 0.0, \"Total Cost\": 35.5, \"Plan Rows\": 2550, \"Plan Width\": 4, "
                "\"Filter\": \"(x = 1)\", \"Parallel Aware\": false, \"Async Capable\": false, \"Parent Relationship\": \"Member\"}";
    wide += "]}}]";
    ASSERT_GT(wide.size(), 100u << 20) << "a 100 MB plan";
    auto read_wide = analyze_plan_text(wide, "wide.json");
    ASSERT_TRUE(read_wide.is_ok()) << read_wide.status().message();
    EXPECT_EQ(read_wide->plan.root.children.size(), 420000u);

    std::string deep = "Result  (cost=0.00..1.00 rows=1 width=4)\n";
    for (int i = 1; i < 5000; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "->  Result  (cost=0.00..1.00 rows=1 width=4)\n";
    auto read_deep = analyze_plan_text(deep, "deep.txt");
    ASSERT_FALSE(read_deep.is_ok());
    EXPECT_NE(read_deep.status().message().find("nested deeper than"), std::string::npos) << read_deep.status().message();

    std::string deep_json;
    for (int i = 0; i < 5000; ++i) deep_json += "{\"Node Type\": \"Result\", \"Plans\": [";
    deep_json += "{\"Node Type\": \"Result\"}";
    for (int i = 0; i < 5000; ++i) deep_json += "]}";
    auto read_deep_json = analyze_plan_text("[{\"Plan\": " + deep_json + "}]", "deep.json");
    ASSERT_FALSE(read_deep_json.is_ok());
    EXPECT_NE(read_deep_json.status().message().find("nested deeper than"), std::string::npos) << read_deep_json.status().message();
}

TEST(PlanFixtures, TruncatedAndBrokenPlansOfEachEngineAreOneMessage) {
    for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
             {"{\"query_block\": {\"select_id\": 1, \"table\": {", "not a complete JSON plan"},
             {"    -> Table scan on t  (cost=1 rows=1)\n-> Oops\n", "less indented than its top"},
             {"QUERY PLAN\n|--SCAN t\n|     `--SCAN u\n", "skips a level"},
             {"QUERY PLAN\n|--SCAN t\nhello\n", "not a line of SQLite's EXPLAIN QUERY PLAN tree"}}) {
        auto a = analyze_plan_text(text, "bad.plan");
        ASSERT_FALSE(a.is_ok()) << text;
        EXPECT_NE(a.status().message().find("bad.plan"), std::string::npos) << a.status().message();
        EXPECT_NE(a.status().message().find(expected), std::string::npos) << a.status().message();
    }
}

}  // namespace
}  // namespace dbsage
