#include <gtest/gtest.h>

#include "sql/script_reader.h"
#include "sql/splitter.h"

namespace dbsage {
namespace {

std::vector<std::string> statements(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& p : split_script(text).pieces)
        if (p.kind == ScriptPiece::Kind::statement) out.emplace_back(text.substr(p.offset, p.length));
    return out;
}

TEST(Splitter, SemicolonsInsideQuotesCommentsAndDollarQuotesDoNotSplit) {
    auto s = statements(
        "SELECT 'a;b', \"x;y\" FROM t; -- c;d\n"
        "/* outer /* nested; */ still comment; */ SELECT E'it\\'s;';\n"
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
        "SELECT $$a;b$$;");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], "SELECT 'a;b', \"x;y\" FROM t;");
    EXPECT_EQ(s[1], "SELECT E'it\\'s;';");
    EXPECT_EQ(s[3], "SELECT $$a;b$$;");
}

TEST(Splitter, BeginAtomicBodyIsOneStatement) {
    auto s = statements(
        "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\n"
        "BEGIN ATOMIC\n  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;\n  SELECT a + b;\nEND;\n"
        "SELECT 1;");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_NE(s[0].find("END;"), std::string::npos);
    EXPECT_EQ(s[1], "SELECT 1;");
}

TEST(Splitter, PsqlMetaCommandsAreSeparatePieces) {
    auto script = split_script("\\set ON_ERROR_STOP on\n\\i other.sql\nSELECT 1;\n\\echo done\n");
    ASSERT_EQ(script.pieces.size(), 4u);
    EXPECT_EQ(script.pieces[0].command, "set");
    EXPECT_EQ(script.pieces[0].argument, "ON_ERROR_STOP on");
    EXPECT_EQ(script.pieces[1].command, "i");
    EXPECT_EQ(script.pieces[1].argument, "other.sql");
    EXPECT_EQ(script.pieces[2].kind, ScriptPiece::Kind::statement);
    EXPECT_EQ(script.pieces[3].command, "echo");
}

TEST(Splitter, PsqlVariablesBecomePlaceholdersOfTheSameLength) {
    std::string text = "SELECT * FROM :tbl WHERE name = :'name' AND x::int = 1 AND a[1:2] = b AND \"c\" = :\"col\";";
    auto script = split_script(text);
    ASSERT_EQ(script.pieces.size(), 1u);
    const auto& p = script.pieces[0];
    EXPECT_EQ(p.parse_text.size(), text.size());
    EXPECT_EQ(p.parse_text,
              "SELECT * FROM _vvv WHERE name = 'vvvvv' AND x::int = 1 AND a[1:2] = b AND \"c\" = \"vvvv\";");
}

TEST(Splitter, IgnoreDirectivesAttachToTheRightStatement) {
    auto script = split_script(
        "-- dbsage:ignore select-star, offset-pagination\nSELECT * FROM a;\n"
        "SELECT * FROM b; -- dbsage:ignore select-star\n"
        "SELECT * FROM c;\n");
    ASSERT_EQ(script.pieces.size(), 3u);
    EXPECT_EQ(script.pieces[0].ignored_rules, (std::vector<std::string>{"select-star", "offset-pagination"}));
    EXPECT_EQ(script.pieces[1].ignored_rules, (std::vector<std::string>{"select-star"}));
    EXPECT_TRUE(script.pieces[2].ignored_rules.empty());
    EXPECT_FALSE(script.ignore_file);
    EXPECT_TRUE(split_script("-- dbsage:ignore-file\nSELECT 1;").ignore_file);
}

TEST(Splitter, CopyFromStdinDataIsSkipped) {
    auto s = statements(
        "COPY public.t (a, b) FROM stdin;\n1\tAnn; Lee\n2\tit's\n\\.\n"
        "copy t from STDIN with (format csv);\n3,x\n\\.\n"
        "SELECT 1;\n");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[2], "SELECT 1;");
    EXPECT_EQ(statements("COPY t FROM stdin;\n1\t2\n").size(), 1u) << "a dump cut inside its data";
}

TEST(Splitter, UnterminatedInputEndsTheLastStatement) {
    auto s = statements("SELECT 1;\nSELECT 'never closed");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1], "SELECT 'never closed");
}

TEST(Splitter, LongIdentifiersAreFoundInSourceText) {
    std::string name(70, 'a');
    auto found = long_identifiers("CREATE TABLE " + name + " (x int); -- " + name + "\nSELECT '" + name + "'", 63);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].second, 13);
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(Splitter, SetVariablesAreSubstitutedAndLocationsStayTrue) {
    Workspace ws;
    read_sql_text("m.sql", "\\set tbl orders\n\\set who 'o''brien'\nDELETE FROM :tbl WHERE name = :'who' AND x = :unknown;\nSELEC 1;\n", ws);
    ASSERT_EQ(ws.statements.size(), 2u);
    const Statement& del = ws.statements[0];
    EXPECT_EQ(del.text, "DELETE FROM orders WHERE name = 'o''brien' AND x = :unknown;");
    ASSERT_TRUE(del.query);
    ASSERT_FALSE(del.query->tables.empty());
    EXPECT_EQ(del.query->tables[0].name, "orders");
    // A position after the longer values still points at the source.
    auto loc = del.location_at(static_cast<int>(del.text.find("x = ")));
    EXPECT_EQ(loc.line, 3);
    EXPECT_EQ(loc.column, 42);  // the x of "… AND x" in the source
    EXPECT_EQ(ws.statements[1].kind, StatementKind::invalid);
    EXPECT_EQ(ws.statements[1].location.line, 4);
}

TEST(Splitter, SetVariablesCarryIntoIncludedFilesAndDdlLandsOnTheRealTable) {
    Workspace ws;
    read_sql_text("m.sql", "\\set tbl accounts\nCREATE TABLE :tbl (id int);\n\\unset tbl\nDROP TABLE :tbl;\n", ws);
    ASSERT_EQ(ws.statements.size(), 2u);
    ASSERT_FALSE(ws.statements[0].ddl.empty());
    EXPECT_EQ(ws.statements[0].ddl[0].table, "accounts");
    EXPECT_EQ(ws.statements[1].ddl[0].objects[0].second, "_vvv") << "unset: a placeholder again";
}

}  // namespace
}  // namespace dbsage
