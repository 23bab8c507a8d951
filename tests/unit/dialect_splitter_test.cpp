// The MySQL and SQLite splitters, and dialect detection.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/test_paths.h"
#include "dialect/dialect_splitter.h"
#include "dialect/read_dialect.h"

namespace dbsage {
namespace {

std::vector<DialectPiece> split_text(const std::string& text, Dialect dialect) {
    std::istringstream in(text);
    DialectSplitter splitter(in, dialect);
    std::vector<DialectPiece> out;
    DialectPiece piece;
    while (splitter.next(piece)) out.push_back(piece);
    return out;
}

TEST(MysqlSplitter, QuotesCommentsAndDelimiters) {
    std::string text =
        "-- a comment; with a semicolon\n"
        "CREATE TABLE `a;b` (x varchar(5) DEFAULT 'it''s; \\' fine', y int COMMENT \"q;\") ENGINE=InnoDB;\n"
        "# hash comment;\n"
        "/*!40101 SET NAMES utf8mb4 */;\n"
        "DELIMITER ;;\n"
        "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.y = 1; SET NEW.y = 2; END ;;\n"
        "delimiter $$\n"
        "CREATE PROCEDURE p() BEGIN SELECT 1; END$$\n"
        "DELIMITER ;\n"
        "INSERT INTO x VALUES ('a;b'), ('c');\n"
        "LOCK TABLES `x` WRITE;\n"
        "CREATE VIEW v AS SELECT 1";
    auto pieces = split_text(text, Dialect::mysql);
    ASSERT_EQ(pieces.size(), 7u);
    EXPECT_EQ(pieces[0].keyword, "CREATE");
    EXPECT_EQ(pieces[0].line, 2);
    EXPECT_NE(pieces[0].text.find("'it''s; \\' fine'"), std::string::npos);
    EXPECT_EQ(pieces[0].text.back(), 'B');  // "ENGINE=InnoDB" without the delimiter
    EXPECT_EQ(pieces[1].keyword, "/*!");
    EXPECT_EQ(pieces[2].line, 6);
    EXPECT_NE(pieces[2].text.find("SET NEW.y = 2; END"), std::string::npos);
    EXPECT_EQ(pieces[3].text, "CREATE PROCEDURE p() BEGIN SELECT 1; END");
    EXPECT_TRUE(pieces[4].data);
    EXPECT_TRUE(pieces[4].text.empty());  // data is counted, never held
    EXPECT_EQ(pieces[4].keyword, "INSERT");
    EXPECT_TRUE(pieces[5].data);
    EXPECT_EQ(pieces[6].text, "CREATE VIEW v AS SELECT 1");
    EXPECT_EQ(pieces[6].line, 12);
}

TEST(MysqlSplitter, ADataStatementLargerThanABlockIsSkippedWhole) {
    std::string big = "INSERT INTO t VALUES ";
    for (int i = 0; i < 200000; ++i) big += "(" + std::to_string(i) + ",'x;y'),";
    big.back() = ';';
    auto pieces = split_text("CREATE TABLE t (a int, b text);\n" + big + "\nCREATE INDEX i ON t (a);\n", Dialect::mysql);
    ASSERT_EQ(pieces.size(), 3u);
    EXPECT_TRUE(pieces[1].data);
    EXPECT_TRUE(pieces[1].text.empty());
    EXPECT_EQ(pieces[2].text, "CREATE INDEX i ON t (a)");
    EXPECT_EQ(pieces[2].line, 3);
}

TEST(SqliteSplitter, TriggerBodiesAndBracketQuotes) {
    std::string text =
        "CREATE TABLE [a;b] (x INTEGER PRIMARY KEY AUTOINCREMENT, \"y;\" TEXT);\n"
        "CREATE TRIGGER t AFTER INSERT ON [a;b] BEGIN\n"
        "  UPDATE [a;b] SET \"y;\" = 'z;' WHERE x = NEW.x;\n"
        "  SELECT CASE WHEN 1 THEN 2 ELSE 3 END;\n"
        "END;\n"
        "INSERT INTO [a;b] VALUES (1, 'q');\n";
    auto pieces = split_text(text, Dialect::sqlite);
    ASSERT_EQ(pieces.size(), 3u);
    EXPECT_EQ(pieces[1].line, 2);
    EXPECT_NE(pieces[1].text.find("SELECT CASE WHEN 1 THEN 2 ELSE 3 END;\nEND"), std::string::npos) << pieces[1].text;
    EXPECT_TRUE(pieces[2].data);
}

TEST(MysqlSplitter, IgnoreDirectivesBeforeInsideAndAfterAStatement) {
    auto pieces = split_text(
        "-- dbsage:ignore mysql-utf8mb3\n"
        "CREATE TABLE a (x int) /* dbsage:ignore mysql-timestamp-2038 */;\n"
        "CREATE TABLE b (x int); # dbsage:ignore innodb-without-primary-key\n"
        "CREATE TABLE c (x int);\n",
        Dialect::mysql);
    ASSERT_EQ(pieces.size(), 3u);
    EXPECT_EQ(pieces[0].ignored_rules, (std::vector<std::string>{"mysql-utf8mb3", "mysql-timestamp-2038"}));
    EXPECT_TRUE(pieces[1].ignored_rules.empty());
    EXPECT_EQ(pieces[2].previous_ignored_rules, (std::vector<std::string>{"innodb-without-primary-key"}));
    EXPECT_TRUE(pieces[2].ignored_rules.empty());
}

TEST(DialectDetection, UnmistakableMarkersDecide) {
    test::TempDir dir;
    auto mysql = detect_dialect({dir.write("a.sql", "-- `quoted` in a comment\nCREATE TABLE `t` (id int);\n")});
    EXPECT_EQ(mysql.dialect, Dialect::mysql);
    EXPECT_NE(mysql.reason.find("backticks at"), std::string::npos);
    EXPECT_NE(mysql.reason.find("a.sql:2"), std::string::npos);
    EXPECT_EQ(detect_dialect({dir.write("b.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n")}).dialect,
              Dialect::sqlite);
    EXPECT_EQ(detect_dialect({dir.write("c.sql", "CREATE TABLE t (id int) STRICT;\n")}).dialect, Dialect::sqlite);
    EXPECT_EQ(detect_dialect({dir.write("d.sql", "CREATE TABLE t (id int) ENGINE=InnoDB;\n")}).dialect, Dialect::mysql);
    // Markers inside string literals and comments do not count.
    auto pg = detect_dialect({dir.write("e.sql", "-- ENGINE=InnoDB\nCOMMENT ON TABLE t IS 'uses `x` AUTO_INCREMENT';\n")});
    EXPECT_EQ(pg.dialect, Dialect::postgres);
    EXPECT_TRUE(pg.reason.empty());
}

}  // namespace
}  // namespace dbsage
