// The SQL front end: statements, locations, the typed query model and DDL replay.
#include <gtest/gtest.h>

#include "model/replay.h"
#include "model/schema_history.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

Workspace read(const std::string& sql) {
    Workspace ws;
    read_sql_text("t.sql", sql, ws);
    for (const auto& st : ws.statements) apply_statement(ws.schema, st);
    return ws;
}

TEST(FrontEnd, StatementsKeepExactLocations) {
    auto ws = read("\\set x 1\n\n  SELECT 1;\nCREATE TABLE t (\n    id int,\n    name text\n);");
    ASSERT_EQ(ws.statements.size(), 2u);
    EXPECT_EQ(ws.statements[0].location.line, 3);
    EXPECT_EQ(ws.statements[0].location.column, 3);
    EXPECT_EQ(ws.statements[1].location.line, 4);
    const Table* t = ws.schema.find_table("", "t");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->find_column("name")->location.line, 6);
    EXPECT_EQ(t->find_column("name")->location.column, 5);
}

TEST(FrontEnd, SyntaxErrorKeepsPostgresMessageAndPositionAndTheRestContinues) {
    auto ws = read("SELECT 1;\nSELECT * FROM\n  WHERE x;\nSELECT 2;");
    ASSERT_EQ(ws.statements.size(), 3u);
    const auto& bad = ws.statements[1];
    EXPECT_EQ(bad.kind, StatementKind::invalid);
    EXPECT_EQ(bad.error, "syntax error at or near \"WHERE\"");
    auto at = bad.location_at(bad.error_offset);
    EXPECT_EQ(at.line, 3);
    EXPECT_EQ(at.column, 3);
    EXPECT_EQ(ws.statements[2].kind, StatementKind::select);
}

TEST(FrontEnd, QueryModelHasTablesPredicatesJoinsOrderAndLimits) {
    auto ws = read("WITH r AS (SELECT id FROM recent) "
                   "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
                   "WHERE o.status = 'open' AND o.total > $1 AND c.email LIKE '%x' AND o.id NOT IN (SELECT id FROM r) "
                   "GROUP BY o.id ORDER BY o.placed_at DESC LIMIT 10 OFFSET 20;");
    ASSERT_EQ(ws.statements.size(), 1u);
    const Query& q = *ws.statements[0].query;
    ASSERT_EQ(q.tables.size(), 2u);
    EXPECT_EQ(q.tables[0].name, "orders");
    EXPECT_EQ(q.tables[0].alias, "o");
    ASSERT_EQ(q.join_conditions.size(), 1u);
    EXPECT_EQ(q.join_conditions[0].column, "id");
    EXPECT_EQ(q.join_conditions[0].other_column, "customer_id");
    ASSERT_EQ(q.predicates.size(), 4u);
    EXPECT_EQ(q.predicates[0].op, "=");
    EXPECT_EQ(q.predicates[0].operand, Predicate::Operand::constant);
    EXPECT_EQ(q.predicates[1].op, ">");
    EXPECT_EQ(q.predicates[1].operand, Predicate::Operand::parameter);
    EXPECT_EQ(q.predicates[2].op, "LIKE");
    EXPECT_EQ(q.predicates[3].op, "NOT IN");
    EXPECT_EQ(q.predicates[3].operand, Predicate::Operand::subquery);
    EXPECT_EQ(q.group_by.size(), 1u);
    ASSERT_EQ(q.order_by.size(), 1u);
    EXPECT_TRUE(q.order_by[0].descending);
    EXPECT_EQ(q.order_by[0].column, "placed_at");
    EXPECT_EQ(*q.limit, "10");
    EXPECT_EQ(*q.offset, "20");
    EXPECT_EQ(q.ctes.size(), 1u);
}

TEST(FrontEnd, ReplayBuildsTheFinalSchema) {
    auto ws = read(
        "CREATE TABLE a (id serial PRIMARY KEY, email text UNIQUE, old int);\n"
        "CREATE TABLE b (id bigint GENERATED ALWAYS AS IDENTITY, a_id int REFERENCES a ON DELETE CASCADE,\n"
        "  CONSTRAINT b_pk PRIMARY KEY (id));\n"
        "ALTER TABLE a DROP COLUMN old, ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();\n"
        "ALTER TABLE a RENAME COLUMN email TO mail;\n"
        "CREATE INDEX ON b (a_id) WHERE a_id IS NOT NULL;\n"
        "ALTER TABLE b RENAME TO bee;\n"
        "COMMENT ON COLUMN a.mail IS 'login';\n"
        "CREATE TABLE gone (id int); DROP TABLE gone;\n");
    const Table* a = ws.schema.find_table("", "a");
    const Table* b = ws.schema.find_table("public", "bee");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(ws.schema.find_table("", "gone"), nullptr);
    EXPECT_EQ(a->find_column("old"), nullptr);
    ASSERT_NE(a->find_column("created_at"), nullptr);
    EXPECT_TRUE(a->find_column("created_at")->not_null);
    EXPECT_EQ(*a->find_column("created_at")->default_expr, "now()");
    EXPECT_TRUE(a->find_column("id")->serial);
    EXPECT_EQ(a->find_column("id")->type, "int4");
    EXPECT_EQ(a->find_column("mail")->comment, "login");
    // Implicit indexes of PK and UNIQUE are named the way PostgreSQL names them.
    ASSERT_EQ(a->indexes.size(), 2u);
    EXPECT_EQ(a->indexes[0].name, "a_pkey");
    EXPECT_EQ(a->indexes[1].name, "a_email_key");
    EXPECT_EQ(a->indexes[1].keys[0].column, "mail");
    const Constraint* fk = nullptr;
    for (const auto& c : b->constraints)
        if (c.kind == ConstraintKind::foreign_key) fk = &c;
    ASSERT_NE(fk, nullptr);
    EXPECT_EQ(fk->name, "b_a_id_fkey");
    EXPECT_EQ(fk->on_delete, 'c');
    EXPECT_TRUE(b->find_column("id")->identity);
    ASSERT_EQ(b->indexes.size(), 2u);
    EXPECT_EQ(b->indexes[1].name, "b_a_id_idx");
    EXPECT_EQ(b->indexes[1].predicate, "a_id is not null");
}

TEST(FrontEnd, EveryStatementKnowsTheSchemaBeforeIt) {
    auto ws = read("CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN n int;\nALTER TABLE t DROP COLUMN id;");
    SchemaHistory history(ws.statements, Schema{});
    EXPECT_EQ(history.before(0).find_table("", "t"), nullptr);
    EXPECT_NE(history.before(1).find_table("", "t")->find_column("id"), nullptr);
    EXPECT_EQ(history.before(1).find_table("", "t")->find_column("n"), nullptr);
    const Table* t = history.before(2).find_table("", "t");
    EXPECT_NE(t->find_column("id"), nullptr);
    EXPECT_NE(t->find_column("n"), nullptr);
    EXPECT_EQ(history.before(3).find_table("", "t")->find_column("id"), nullptr);
    // Going back replays from the baseline.
    EXPECT_EQ(history.before(1).find_table("", "t")->find_column("n"), nullptr);
    EXPECT_EQ(ws.schema.find_table("", "t")->find_column("id"), nullptr);
}

TEST(FrontEnd, PartitionedTablesAndViewsAndEnums) {
    auto ws = read(
        "CREATE TYPE mood AS ENUM ('a', 'b');\nALTER TYPE mood ADD VALUE 'c';\n"
        "CREATE TABLE m (id bigint, at date) PARTITION BY RANGE (at);\n"
        "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
        "CREATE MATERIALIZED VIEW mv AS SELECT 1;\n"
        "ALTER TABLE m ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON m USING (true);\n");
    EXPECT_EQ(ws.schema.enums.at(0).values, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(ws.schema.find_table("", "m")->partitioned);
    EXPECT_EQ(ws.schema.find_table("", "m_2024")->partition_of, "m");
    EXPECT_TRUE(ws.schema.views.at(0).materialized);
    EXPECT_TRUE(ws.schema.find_table("", "m")->rls_enabled);
    EXPECT_EQ(ws.schema.find_table("", "m")->policies.size(), 1u);
}

}  // namespace
}  // namespace dbsage
