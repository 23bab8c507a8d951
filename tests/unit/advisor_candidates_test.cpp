// Index candidates from the typed statement model: which keys, in which
// order, of which kind, for each shape of condition.
#include <gtest/gtest.h>

#include <string>

#include "advisor/candidates.h"
#include "model/workspace.h"
#include "sql/script_reader.h"

namespace dbsage {
namespace {

const char* k_schema = R"(
CREATE TABLE docs (id bigint PRIMARY KEY, owner bigint NOT NULL, status text NOT NULL, data jsonb NOT NULL,
                   body text NOT NULL, tags text[] NOT NULL, tsv tsvector);
)";

std::string candidates_of(const std::string& sql) {
    Schema schema;
    EXPECT_TRUE(replay_ddl_text(k_schema, schema).is_ok());
    Workspace ws;
    read_sql_text("q.sql", sql, ws);
    EXPECT_EQ(ws.statements.size(), 1u);
    if (ws.statements.empty() || !ws.statements[0].query) return "";
    std::string out;
    for (const auto& c : index_candidates(*ws.statements[0].query, schema, 3)) out += c.key() + "; ";
    return out;
}

TEST(AdvisorCandidates, GroupByAfterTheEqualityColumns) {
    std::string keys = candidates_of("SELECT status, count(*) FROM docs WHERE owner = 7 GROUP BY status;");
    EXPECT_NE(keys.find("public.docs(owner,status);"), std::string::npos) << keys;
    EXPECT_EQ(candidates_of("SELECT count(*) FROM docs GROUP BY 1;").find("(1)"), std::string::npos);
}

TEST(AdvisorCandidates, GinForContainmentFullTextAndLeadingWildcards) {
    EXPECT_NE(candidates_of("SELECT id FROM docs WHERE data @> '{\"a\": 1}';").find("gin:public.docs(data jsonb_path_ops)"),
              std::string::npos);
    EXPECT_NE(candidates_of("SELECT id FROM docs WHERE data ? 'a';").find("gin:public.docs(data);"), std::string::npos);
    EXPECT_NE(candidates_of("SELECT id FROM docs WHERE tags @> ARRAY['x'];").find("gin:public.docs(tags)"), std::string::npos);
    EXPECT_NE(candidates_of("SELECT id FROM docs WHERE tsv @@ to_tsquery('x');").find("gin:public.docs(tsv)"), std::string::npos);
    EXPECT_NE(candidates_of("SELECT id FROM docs WHERE to_tsvector('simple', body) @@ to_tsquery('x');")
                  .find("gin:public.docs(to_tsvector('simple', body))"),
              std::string::npos);
    std::string like = candidates_of("SELECT id FROM docs WHERE body LIKE '%needle%';");
    EXPECT_NE(like.find("gin:public.docs(body gin_trgm_ops)"), std::string::npos) << like;
    std::string prefix = candidates_of("SELECT id FROM docs WHERE body LIKE 'needle%';");
    EXPECT_EQ(prefix.find("gin_trgm_ops"), std::string::npos) << "a prefix is a B-tree's job: " << prefix;
    EXPECT_EQ(candidates_of("SELECT id FROM docs WHERE status @> 'x';").find("gin:"), std::string::npos) << "text has no containment";
}

TEST(AdvisorCandidates, SortKeysKeepDirectionAndNullsOrder) {
    std::string keys = candidates_of("SELECT * FROM docs WHERE owner = 1 ORDER BY status DESC NULLS LAST LIMIT 5;");
    EXPECT_NE(keys.find("public.docs(owner,status desc nulls last);"), std::string::npos) << keys;
    keys = candidates_of("SELECT * FROM docs WHERE owner = 1 ORDER BY status DESC LIMIT 5;");
    EXPECT_NE(keys.find("public.docs(owner,status desc);"), std::string::npos) << "NULLS FIRST is DESC's default: " << keys;
    IndexCandidate c{"public", "docs", {{"owner"}, {"status", true, false, "NULLS LAST"}}};
    EXPECT_EQ(c.ddl(true), "CREATE INDEX CONCURRENTLY docs_owner_status_idx ON docs (owner, status DESC NULLS LAST);");
}

TEST(AdvisorCandidates, GinDdlNamesTheOperatorClass) {
    IndexCandidate trgm{"public", "docs", {{"body", false, false, "", "gin_trgm_ops"}}};
    trgm.method = "gin";
    EXPECT_EQ(trgm.ddl(true), "CREATE INDEX CONCURRENTLY docs_body_trgm ON docs USING gin (body gin_trgm_ops);");
    EXPECT_TRUE(trgm.needs_building());
    EXPECT_TRUE(trgm.needs_trigram());
}

}  // namespace
}  // namespace dbsage
