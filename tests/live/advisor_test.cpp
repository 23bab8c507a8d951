// The index advisor against a real PostgreSQL with HypoPG: a private cluster
// with generated data. What it recommends comes from the planner's what-if
// costs, and the database is left as it was (no index, no extension).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../support/test_paths.h"
#include "advisor/advisor.h"
#include "connectors/postgres/pg_connection.h"
#include "sandbox/scratch_postgres.h"
#include "util/strings.h"

namespace dbsage {
namespace {

const char* k_advisor_data = R"(
CREATE EXTENSION hypopg;
CREATE EXTENSION pg_stat_statements;
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, country text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL,
                     placed_at timestamptz NOT NULL, total numeric NOT NULL);
INSERT INTO customers SELECT g, 'c' || g || '@example.com', (ARRAY['de','fr','us','jp'])[1 + g % 4]
  FROM generate_series(1, 20000) g;
-- 200 customers with 750 orders each: sorting one customer's orders costs.
INSERT INTO orders SELECT g, 1 + g % 200, (ARRAY['new','paid','shipped','done','done','done','done','done'])[1 + g % 8],
       timestamptz '2026-01-01' + (g || ' minutes')::interval, g % 500
  FROM generate_series(1, 150000) g;
ANALYZE;
)";

class AdvisorLive : public testing::Test {
protected:
    static void SetUpTestSuite() {
        auto started = ScratchPostgres::start({"shared_preload_libraries=pg_stat_statements"});
        ASSERT_TRUE(started.is_ok()) << started.status().message();
        s_pg = std::move(started.value()).release();
        ASSERT_TRUE(s_pg->run_sql(k_advisor_data).is_ok());
        ASSERT_TRUE(s_pg->run_sql("CREATE DATABASE plain").is_ok());
    }
    static void TearDownTestSuite() {
        delete s_pg;
        s_pg = nullptr;
    }

    static std::string catalog_fingerprint(const std::string& database = "postgres") {
        auto conn = PgConnection::open_read_only(s_pg->conninfo(database));
        EXPECT_TRUE(conn.is_ok());
        auto rows = (*conn)->query(
            "SELECT (SELECT count(*) FROM pg_class)::text || '/' || (SELECT count(*) FROM pg_index)::text || '/' || "
            "(SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension)");
        EXPECT_TRUE(rows.is_ok());
        return *(*rows)[0][0];
    }

    static AdviseOptions options_for(const std::string& queries) {
        static int n = 0;
        AdviseOptions options;
        options.target = s_pg->conninfo();
        options.query_files = {s_dir.write("q" + std::to_string(++n) + ".sql", queries)};
        return options;
    }

    static ScratchPostgres* s_pg;
    static test::TempDir s_dir;
};
ScratchPostgres* AdvisorLive::s_pg = nullptr;
test::TempDir AdvisorLive::s_dir;

std::string keys(const AdviceReport& r) {
    std::string out;
    for (const auto& a : r.create) out += a.index.key() + " ";
    return out;
}

TEST_F(AdvisorLive, EqualityThenSortGetsTheCompositeInOrderAndDirection) {
    std::string before = catalog_fingerprint();
    auto r = advise_indexes(options_for(
        "-- calls: 500\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;\n"
        "-- calls: 1000\nSELECT * FROM orders WHERE id = 7;\n"
        "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'c7@example.com';\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.orders(customer_id,placed_at desc)"), std::string::npos) << keys(*r);
    EXPECT_EQ(keys(*r).find("(id)"), std::string::npos) << "the primary key already serves id = 7: " << keys(*r);
    EXPECT_NE(keys(*r).find("public.customers(email)"), std::string::npos) << keys(*r);
    EXPECT_LT(r->cost_after, r->cost_before / 10);
    EXPECT_GT(r->planner_calls, 0);
    for (const auto& a : r->create) {
        EXPECT_GT(a.size_bytes, 0u);
        EXPECT_FALSE(a.serves.empty()) << a.index.key();
    }
    EXPECT_EQ(catalog_fingerprint(), before) << "the advisor's indexes are hypothetical, in its own session";
}

// pg_stat_statements keeps no constants: its statements are planned with
// typical values from pg_stats (else generic plans), and they are the
// workload when none is given.
TEST_F(AdvisorLive, ParametersAndTheServersOwnWorkload) {
    auto r = advise_indexes(options_for("SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT $2;\n"
                                        "SELECT * FROM orders WHERE customer_id = $1 AND lower(status) = $2;\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.orders(customer_id,placed_at desc)"), std::string::npos) << keys(*r);
    // $1 compares with customer_id: a typical customer from pg_stats; LIMIT $2: a page of 20.
    ASSERT_EQ(r->queries.size(), 2u);
    EXPECT_EQ(r->queries[0].sql.find('$'), std::string::npos) << r->queries[0].sql;
    EXPECT_NE(r->queries[0].sql.find("LIMIT 20"), std::string::npos) << r->queries[0].sql;
    EXPECT_NE(r->queries[1].sql.find("$2"), std::string::npos) << "lower(status) = $2 has no column value: a generic plan";

    ASSERT_TRUE(s_pg->run_sql("SELECT pg_stat_statements_reset()").is_ok());
    // Weights are total times: enough lookups that their seq scans outweigh
    // the catalog reads also in pg_stat_statements, however loaded the machine.
    std::string lookups;
    for (int i = 0; i < 300; ++i) lookups += "SELECT * FROM customers WHERE email = 'c" + std::to_string(i) + "@example.com';";
    ASSERT_TRUE(s_pg->run_sql(lookups).is_ok());
    AdviseOptions server;
    server.target = s_pg->conninfo();
    auto from_server = advise_indexes(server);
    ASSERT_TRUE(from_server.is_ok()) << from_server.status().message();
    EXPECT_NE(keys(*from_server).find("public.customers(email)"), std::string::npos) << keys(*from_server);
    auto again = advise_indexes(server);  // pg_stat_statements now also holds the first run's what-if statements
    ASSERT_TRUE(again.is_ok()) << again.status().message();
    for (const auto& q : again->queries)
        EXPECT_EQ(q.sql.find("hypopg"), std::string::npos) << "dbsage's own statements are not workload: " << q.sql;
    ASSERT_FALSE(from_server->notes.empty());
    EXPECT_NE(from_server->notes[0].find("pg_stat_statements"), std::string::npos);
}

// Index upkeep: a table written far more than it is read by a column gets
// no index on that column; read as often without the writes, it does. An
// UPDATE of other columns (HOT) costs the index nothing.
TEST_F(AdvisorLive, WritesWeighAgainstIndexes) {
    std::string read = "SELECT * FROM orders WHERE total = 17 AND status = 'new';\n";
    auto read_only = advise_indexes(options_for("-- calls: 50\n" + read));
    ASSERT_TRUE(read_only.is_ok()) << read_only.status().message();
    EXPECT_NE(keys(*read_only).find("public.orders(total"), std::string::npos) << keys(*read_only);
    auto write_heavy = advise_indexes(options_for(
        "-- calls: 50\n" + read +
        "-- calls: 2000000\nINSERT INTO orders VALUES (1000000, 1, 'new', now(), 17);\n"));
    ASSERT_TRUE(write_heavy.is_ok()) << write_heavy.status().message();
    EXPECT_EQ(keys(*write_heavy).find("public.orders(total"), std::string::npos) << keys(*write_heavy);
    auto hot_updates = advise_indexes(options_for(
        "-- calls: 50\n" + read +
        "-- calls: 2000000\nUPDATE orders SET placed_at = now() WHERE id = 5;\n"));
    ASSERT_TRUE(hot_updates.is_ok()) << hot_updates.status().message();
    EXPECT_NE(keys(*hot_updates).find("public.orders(total"), std::string::npos) << keys(*hot_updates);
}

std::string kinds_of(const AdviceReport& r, const std::string& object) {
    std::string out;
    for (const auto& item : r.existing)
        if (item.object == object) out += item.kind + ":" + item.sql + " ";
    return out;
}

TEST_F(AdvisorLive, ExistingIndexesAreJudgedWithTheSqlToAct) {
    ASSERT_TRUE(s_pg->run_sql("CREATE INDEX orders_customer_idx ON orders (customer_id); "
                              "CREATE INDEX customers_country_a ON customers (country); "
                              "CREATE INDEX customers_country_b ON customers (country);").is_ok());
    // A unique build that fails on duplicates leaves an invalid index behind.
    EXPECT_FALSE(s_pg->run_sql("CREATE UNIQUE INDEX CONCURRENTLY customers_country_uq ON customers (country)").is_ok());
    ASSERT_TRUE(s_pg->run_sql("ANALYZE").is_ok());
    std::string before = catalog_fingerprint();
    auto options = options_for("-- calls: 5000\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;\n");
    options.unused_min_bytes = 0;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(kinds_of(*r, "public.customers_country_uq").find("invalid:REINDEX INDEX CONCURRENTLY"), std::string::npos)
        << kinds_of(*r, "public.customers_country_uq");
    std::string a = kinds_of(*r, "public.customers_country_a"), b = kinds_of(*r, "public.customers_country_b");
    EXPECT_NE((a + b).find("duplicate-index:"), std::string::npos) << a << b;
    EXPECT_NE(a.find("unused:DROP INDEX CONCURRENTLY public.customers_country_a;"), std::string::npos) << a;
    EXPECT_EQ(kinds_of(*r, "public.customers_pkey").find("unused"), std::string::npos) << "a primary key enforces";
    ASSERT_NE(keys(*r).find("public.orders(customer_id,placed_at desc)"), std::string::npos) << keys(*r);
    EXPECT_NE(kinds_of(*r, "public.orders_customer_idx").find("made-redundant:DROP INDEX CONCURRENTLY"), std::string::npos)
        << kinds_of(*r, "public.orders_customer_idx");
    EXPECT_EQ(catalog_fingerprint(), before);
}

// A selective condition on a constant gets a partial index (an eighth of
// the rows, so an eighth of the size for the same plan); a condition on
// lower(email) gets an expression index.
TEST_F(AdvisorLive, PartialAndExpressionIndexes) {
    auto r = advise_indexes(options_for(
        "-- calls: 100\nSELECT * FROM orders WHERE status = 'new' ORDER BY placed_at DESC LIMIT 20;\n"
        "-- calls: 100\nSELECT * FROM customers WHERE lower(email) = 'c7@example.com';\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.orders(placed_at desc) where status = 'new'"), std::string::npos) << keys(*r);
    EXPECT_NE(keys(*r).find("public.customers(lower(email))"), std::string::npos) << keys(*r);
    for (const auto& a : r->create)
        if (!a.index.where.empty()) {
            EXPECT_NE(a.index.ddl(true).find(" WHERE status = 'new';"), std::string::npos);
        }
}

// --verify: the planner's statistics are stale (every order now has
// total = 1, but pg_statistic still says 1 in 500), so it loves an index on
// total; on the freshly analyzed clone that index helps nothing and is
// withdrawn, while the composite index measures far faster and stays.
TEST_F(AdvisorLive, VerifyWithdrawsWhatIsNotFasterOnTheClock) {
    ASSERT_TRUE(s_pg->run_sql("ALTER TABLE orders SET (autovacuum_enabled = off); UPDATE orders SET total = 1;").is_ok());
    std::string before = catalog_fingerprint();
    auto options = options_for("-- calls: 100\nSELECT * FROM orders WHERE total = 1;\n"
                               "-- calls: 100\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;\n");
    auto planned = advise_indexes(options);
    ASSERT_TRUE(planned.is_ok()) << planned.status().message();
    ASSERT_NE(keys(*planned).find("public.orders(total)"), std::string::npos) << "stale statistics: " << keys(*planned);
    options.verify = true;
    auto verified = advise_indexes(options);
    ASSERT_TRUE(verified.is_ok()) << verified.status().message();
    EXPECT_TRUE(verified->verified);
    EXPECT_EQ(keys(*verified).find("public.orders(total)"), std::string::npos) << keys(*verified);
    ASSERT_EQ(verified->withdrawn.size(), 1u);
    EXPECT_EQ(verified->withdrawn[0].index.key(), "public.orders(total)");
    EXPECT_NE(keys(*verified).find("public.orders(customer_id,placed_at desc)"), std::string::npos) << keys(*verified);
    const AdvisedQuery& lookup = verified->queries[1];
    ASSERT_TRUE(lookup.measured_before_ms && lookup.measured_after_ms);
    EXPECT_LT(*lookup.measured_after_ms, *lookup.measured_before_ms);
    EXPECT_EQ(catalog_fingerprint(), before) << "the indexes were built on the clone only";
}

TEST_F(AdvisorLive, SlowQueryLogIsTheWorkload) {
    std::string log;
    for (int i = 0; i < 30; ++i)
        log += "2026-11-30 10:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) +
               ".000 UTC [77] app@postgres LOG:  duration: 12.5 ms  statement: SELECT * FROM customers WHERE email = 'c" +
               std::to_string(i) + "@example.com'\n";
    AdviseOptions options;
    options.target = s_pg->conninfo();
    options.log_files = {s_dir.write("slow.log", log)};
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.customers(email)"), std::string::npos) << keys(*r);
    ASSERT_EQ(r->queries.size(), 1u) << "one fingerprint";
    EXPECT_DOUBLE_EQ(r->queries[0].weight, 375.0) << "weight: total time, 30 x 12.5 ms";
}

TEST_F(AdvisorLive, BudgetIsRespected) {
    auto options = options_for("SELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;\n"
                               "SELECT count(*) FROM orders WHERE status = 'new';\n");
    auto all = advise_indexes(options);
    ASSERT_TRUE(all.is_ok()) << all.status().message();
    ASSERT_GE(all->create.size(), 1u);
    options.budget_bytes = all->create[0].size_bytes / 2;
    auto tight = advise_indexes(options);
    ASSERT_TRUE(tight.is_ok()) << tight.status().message();
    EXPECT_LE(tight->bytes_added, options.budget_bytes) << keys(*tight);
}

TEST_F(AdvisorLive, MissingHypopgIsOneLineWithTheFixAndNothingIsCreated) {
    std::string before = catalog_fingerprint("plain");
    AdviseOptions options = options_for("SELECT 1;\n");
    options.target = s_pg->conninfo("plain");
    auto r = advise_indexes(options);
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.status().message().find("CREATE EXTENSION hypopg;"), std::string::npos) << r.status().message();
    EXPECT_EQ(catalog_fingerprint("plain"), before);
}

// A query that selects two columns of a vacuumed table can read them from
// an index alone: the candidate with INCLUDE wins.
TEST_F(AdvisorLive, IncludeColumnsForAnIndexOnlyScan) {
    ASSERT_TRUE(s_pg->run_sql("VACUUM ANALYZE orders").is_ok());
    auto r = advise_indexes(options_for("-- calls: 100\nSELECT customer_id, total FROM orders WHERE customer_id = 42;\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.orders(customer_id) include(total)"), std::string::npos) << keys(*r);
    for (const auto& a : r->create)
        if (!a.index.include.empty()) {
            EXPECT_NE(a.index.ddl(true).find("(customer_id) INCLUDE (total);"), std::string::npos);
        }
}

// An append-only table read by time ranges: its rows are in time order on
// disk, so a BRIN index of a few pages does what a B-tree would.
TEST_F(AdvisorLive, BrinForARangeOnAColumnInPhysicalOrder) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE readings (id bigint, at timestamptz NOT NULL, value float8); "
                              "INSERT INTO readings SELECT g, timestamptz '2026-01-01' + g * interval '1 second', random() "
                              "FROM generate_series(1, 400000) g; ANALYZE readings;").is_ok());
    auto r = advise_indexes(options_for(
        "-- calls: 100\nSELECT avg(value) FROM readings WHERE at >= '2026-01-02' AND at < '2026-01-02 06:00';\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("brin:public.readings(at)"), std::string::npos) << keys(*r);
    for (const auto& a : r->create)
        if (a.index.method == "brin") {
            EXPECT_NE(a.index.ddl(true).find("ON readings USING brin (at);"), std::string::npos) << a.index.ddl(true);
            EXPECT_LT(a.size_bytes, 1u << 20);
        }
}

// --clone: the database has no hypopg, so the costs come from a scratch copy
// of the workload's tables, where dbsage may create the extension.
TEST_F(AdvisorLive, CloneWorksWithoutHypopgInTheDatabase) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL); "
                              "INSERT INTO events SELECT g, 'k' || (g % 1000), now() FROM generate_series(1, 100000) g; "
                              "ANALYZE events;",
                              "plain").is_ok());
    std::string before = catalog_fingerprint("plain");
    AdviseOptions options = options_for("SELECT * FROM events WHERE kind = 'k7';\n");
    options.target = s_pg->conninfo("plain");
    options.clone = true;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("public.events(kind)"), std::string::npos) << keys(*r);
    std::string notes = join(r->notes, "\n");
    EXPECT_NE(notes.find("scratch copy of 1 table"), std::string::npos) << notes;
    EXPECT_EQ(catalog_fingerprint("plain"), before) << "no extension, no index in the database";
}

// Rows deleted all over leave a B-tree's pages mostly empty but in use: the
// estimate from pg_stats finds the dead space and says REINDEX; a freshly
// built index on the same column is not reported.
TEST_F(AdvisorLive, BloatedIndexIsEstimatedAndRebuilt) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE gauges (id bigint PRIMARY KEY, sensor int NOT NULL); "
                              "INSERT INTO gauges SELECT g, (g::bigint * 7919) % 100000 FROM generate_series(1, 300000) g; "
                              "CREATE INDEX gauges_sensor_idx ON gauges (sensor); "
                              "DELETE FROM gauges WHERE id % 10 <> 0;").is_ok());
    ASSERT_TRUE(s_pg->run_sql("VACUUM ANALYZE gauges").is_ok());
    ASSERT_TRUE(s_pg->run_sql("CREATE INDEX gauges_sensor_fresh ON gauges (sensor)").is_ok());
    auto options = options_for("SELECT * FROM gauges WHERE id = 10;\n");
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    std::string bloated = kinds_of(*r, "public.gauges_sensor_idx");
    EXPECT_NE(bloated.find("bloated:REINDEX INDEX CONCURRENTLY public.gauges_sensor_idx;"), std::string::npos) << bloated;
    EXPECT_EQ(kinds_of(*r, "public.gauges_sensor_fresh").find("bloated"), std::string::npos);
    for (const auto& item : r->existing) {
        if (item.kind == "bloated") {
            EXPECT_GT(item.bytes, 1u << 20) << item.what;
        }
    }
    ASSERT_TRUE(s_pg->run_sql("DROP TABLE gauges").is_ok());
}

// An index no scan has counted yet but the workload's own plans read is not
// "unused"; one they do not read is.
TEST_F(AdvisorLive, AnIndexTheWorkloadReadsIsNotUnused) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE tickets (id bigint PRIMARY KEY, owner int NOT NULL, queue int NOT NULL); "
                              "INSERT INTO tickets SELECT g, g % 5000, g % 7 FROM generate_series(1, 50000) g; "
                              "CREATE INDEX tickets_owner_idx ON tickets (owner); CREATE INDEX tickets_queue_idx ON tickets (queue); "
                              "ANALYZE tickets;").is_ok());
    auto options = options_for("-- calls: 100\nSELECT * FROM tickets WHERE owner = 42;\n");
    options.unused_min_bytes = 0;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(kinds_of(*r, "public.tickets_owner_idx").find("unused"), std::string::npos) << kinds_of(*r, "public.tickets_owner_idx");
    EXPECT_NE(kinds_of(*r, "public.tickets_queue_idx").find("unused"), std::string::npos) << kinds_of(*r, "public.tickets_queue_idx");
    ASSERT_TRUE(s_pg->run_sql("DROP TABLE tickets").is_ok());
}

// What no index fixes is named with the reason the query rules give.
TEST_F(AdvisorLive, StillCostlyQueriesSayWhy) {
    auto r = advise_indexes(options_for("-- calls: 100\nSELECT * FROM orders ORDER BY random() LIMIT 1;\n"
                                        "-- calls: 1\nSELECT * FROM orders WHERE id = 7;\n"));
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    ASSERT_EQ(r->still_costly.size(), 1u);
    EXPECT_EQ(r->queries[r->still_costly[0].query].sql.find("random()") != std::string::npos, true);
    EXPECT_NE(r->still_costly[0].why.find("order-by-random"), std::string::npos) << r->still_costly[0].why;
}

// Tables larger than --clone-max are sampled, not refused: a uniform share
// of each (foreign keys to unsampled parents are not checked on the copy),
// said in the report; the advice holds on the sample.
TEST_F(AdvisorLive, CloneSamplesTablesLargerThanCloneMax) {
    std::string before = catalog_fingerprint();
    AdviseOptions options = options_for("-- calls: 100\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10;\n");
    options.clone = true;
    options.clone_max_bytes = 4u << 20;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    std::string notes = join(r->notes, "\n");
    EXPECT_NE(notes.find("% sample of their"), std::string::npos) << notes;
    ASSERT_EQ(r->queries.size(), 1u);
    EXPECT_GT(r->queries[0].cost_before, 100) << "the sample has rows to scan";
    EXPECT_NE(keys(*r).find("public.orders(customer_id,placed_at desc)"), std::string::npos) << keys(*r);
    EXPECT_EQ(catalog_fingerprint(), before);
}

// HypoPG cannot simulate GIN: on the live database such candidates are only
// named in a note; with --clone they are built on the copy and costed there.
TEST_F(AdvisorLive, GinForJsonbContainmentAndTrigramsBuiltOnTheClone) {
    ASSERT_TRUE(s_pg->run_sql("CREATE TABLE docs (id bigint PRIMARY KEY, data jsonb NOT NULL, body text NOT NULL); "
                              "INSERT INTO docs SELECT g, jsonb_build_object('user', g % 3000, 'kind', g % 7), "
                              "md5(g::text) FROM generate_series(1, 60000) g; ANALYZE docs;").is_ok());
    const char* queries =
        "-- calls: 100\nSELECT id FROM docs WHERE data @> '{\"user\": 42}';\n"
        "-- calls: 50\nSELECT id FROM docs WHERE body LIKE '%abcd%';\n"
        "-- calls: 50\nSELECT id FROM docs WHERE lower(body) = 'abcd';\n";
    std::string before = catalog_fingerprint();
    auto live = advise_indexes(options_for(queries));
    ASSERT_TRUE(live.is_ok()) << live.status().message();
    EXPECT_EQ(keys(*live).find("gin:"), std::string::npos) << keys(*live);
    std::string notes = join(live->notes, "\n");
    EXPECT_NE(notes.find("HypoPG cannot simulate GIN; give --clone"), std::string::npos) << notes;
    ASSERT_FALSE(live->still_costly.empty());
    EXPECT_NE(live->still_costly[0].why.find("GIN candidate gin:public.docs(data jsonb_path_ops)"), std::string::npos)
        << live->still_costly[0].why;

    AdviseOptions options = options_for(queries);
    options.clone = true;
    auto r = advise_indexes(options);
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_NE(keys(*r).find("gin:public.docs(data jsonb_path_ops)"), std::string::npos) << keys(*r);
    EXPECT_NE(keys(*r).find("gin:public.docs(body gin_trgm_ops)"), std::string::npos) << keys(*r);
    EXPECT_NE(keys(*r).find("public.docs(lower(body))"), std::string::npos) << "an expression index, built on the copy: " << keys(*r);
    for (const auto& a : r->create) {
        EXPECT_GT(a.size_bytes, 8192u) << a.index.key() << ": the built index's real size";
        if (a.index.method == "gin") {
            EXPECT_NE(a.index.ddl(true).find(" USING gin ("), std::string::npos);
        }
    }
    notes = join(r->notes, "\n");
    EXPECT_NE(notes.find("CREATE EXTENSION pg_trgm"), std::string::npos) << notes;
    EXPECT_EQ(catalog_fingerprint(), before) << "nothing built or created in the database";
}

}  // namespace
}  // namespace dbsage
