// dbsage health against a scratch PostgreSQL where the test makes each
// problem happen: an idle transaction with a query blocked behind it, a
// forgotten prepared transaction, sequences near their type's end, an index
// left invalid by CREATE INDEX CONCURRENTLY, unused and duplicate indexes,
// dead tuples with autovacuum off, a NOT VALID constraint, a table bloated
// by updates (against pgstattuple), low cache hits and temp files. Each
// check must name the right object with the right numbers, a clean cluster
// must give nothing, and the catalogs must be the same after.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>
#include <thread>

#include "../support/test_paths.h"
#include "connectors/postgres/pg_connection.h"
#include "../support/health_findings.h"
#include "health/health.h"
#include "report/health_report.h"
#include "sandbox/scratch_postgres.h"
#include "tune/tune.h"
#include "util/strings.h"

namespace dbsage {
namespace {

const char* k_problems = R"(
CREATE EXTENSION pgstattuple;
CREATE TABLE accounts (id int PRIMARY KEY, v int);
INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 10) g;
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int, note text);
INSERT INTO orders (customer_id, note) SELECT g % 1000, 'n' FROM generate_series(1, 20000) g;
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX orders_customer_copy ON orders (customer_id);
SELECT setval('orders_id_seq', 2040109465);
CREATE TABLE tiny (id smallserial PRIMARY KEY, v int);
SELECT setval('tiny_id_seq', 31500);
CREATE TABLE events (id int, payload text) WITH (autovacuum_enabled = false);
INSERT INTO events SELECT g, repeat('y', 100) FROM generate_series(1, 50000) g;
DELETE FROM events WHERE id % 4 <> 0;
CREATE TABLE dupes (v int);
INSERT INTO dupes VALUES (1), (1);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
CREATE INDEX ON child (parent_id);
CREATE TABLE audited (id int PRIMARY KEY REFERENCES parent (id));
ALTER TABLE audited DISABLE TRIGGER ALL;
SELECT pg_create_physical_replication_slot('gone_standby', true);
ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) NOT VALID;
CREATE TABLE bloated (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);
INSERT INTO bloated SELECT g, repeat('b', 60) FROM generate_series(1, 30000) g;
CREATE INDEX bloated_v_idx ON bloated (v);  -- every update misses HOT, so the primary key bloats too
UPDATE bloated SET v = repeat('c', 60);
UPDATE bloated SET v = repeat('d', 60);
UPDATE bloated SET v = repeat('e', 60);
CREATE TABLE big (id int, pad text);
INSERT INTO big SELECT g, repeat('p', 200) FROM generate_series(1, 60000) g;
ANALYZE;
)";

std::string all_findings(const HealthReport& r) {
    std::string out;
    for (const auto& f : r.findings) out += std::string(level_name(f.level)) + " " + f.check + " " + f.object + ": " + f.what + "\n";
    for (const auto& n : r.notes) out += "note: " + n + "\n";
    return out;
}

std::string catalogs(ScratchPostgres& pg) {
    auto conn = PgConnection::open_read_only(pg.conninfo());
    EXPECT_TRUE(conn.is_ok());
    auto rows = (*conn)->query(
        "SELECT (SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace) "
        " || (SELECT string_agg(conname || ':' || convalidated::text, ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = 'public'::regnamespace) "
        " || (SELECT string_agg(i.indexrelid::regclass::text || ':' || i.indisvalid::text, ',' ORDER BY 1) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace) "
        " || (SELECT string_agg(sequencename || ':' || coalesce(last_value::text, ''), ',' ORDER BY 1) FROM pg_sequences) "
        " || (SELECT count(*) FROM pg_prepared_xacts)::text || (SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_settings WHERE source = 'configuration file')");
    EXPECT_TRUE(rows.is_ok()) << rows.status().message();
    return rows && !rows->empty() && (*rows)[0][0] ? *(*rows)[0][0] : "";
}

// A backend's statistics reach the shared counters when it exits, which
// may be just after psql returns: wait for them.
void wait_until(ScratchPostgres& pg, const std::string& condition) {
    auto conn = PgConnection::open_read_only(pg.conninfo());
    ASSERT_TRUE(conn.is_ok());
    for (int i = 0; i < 100; ++i) {
        auto rows = (*conn)->query("SELECT " + condition);
        if (rows && !rows->empty() && (*rows)[0][0] && *(*rows)[0][0] == "t") return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "never true: " << condition;
}

TEST(HealthPostgresLive, FindsEachProblemWithItsObjectAndNumbers) {
    auto started = ScratchPostgres::start({"max_prepared_transactions=2", "shared_buffers=2MB", "autovacuum=on",
                                          "archive_mode=on", "archive_command=false"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    ScratchPostgres& pg = **started;
    Status loaded = pg.run_sql(k_problems);
    ASSERT_TRUE(loaded.is_ok()) << loaded.message();
    ASSERT_TRUE(pg.run_sql("VACUUM bloated").is_ok());
    EXPECT_FALSE(pg.run_sql("CREATE UNIQUE INDEX CONCURRENTLY dupes_v ON dupes (v)").is_ok());
    ASSERT_TRUE(pg.run_sql("BEGIN; INSERT INTO parent VALUES (99); PREPARE TRANSACTION 'forgotten-2pc';").is_ok());
    // Two full scans of a table far larger than shared_buffers, and a sort
    // that spills (each psql exits, so its statistics are flushed).
    std::string scans;
    for (int i = 0; i < 16; ++i) scans += "SELECT count(*) FROM big; ";
    ASSERT_TRUE(pg.run_sql(scans).is_ok());
    ASSERT_TRUE(pg.run_sql("SET work_mem = '64kB'; SELECT count(*) FROM (SELECT * FROM big ORDER BY pad DESC, id) s;").is_ok());
    ASSERT_TRUE(pg.run_sql("SELECT pg_switch_wal()").is_ok());
    wait_until(pg, "failed_count > 0 FROM pg_stat_archiver");
    wait_until(pg, "(SELECT temp_files > 0 FROM pg_stat_database WHERE datname = current_database()) AND "
                   "(SELECT heap_blks_read > 25000 FROM pg_statio_user_tables WHERE relname = 'big') AND "
                   "(SELECT n_dead_tup > 30000 FROM pg_stat_user_tables WHERE relname = 'events')");

    // An idle transaction holding a row lock, and a session queued behind it.
    auto holder = PgConnection::open_for_changes(pg.conninfo());
    ASSERT_TRUE(holder.is_ok());
    ASSERT_TRUE((*holder)->query("BEGIN").is_ok());
    ASSERT_TRUE((*holder)->query("UPDATE accounts SET v = v + 1 WHERE id = 1").is_ok());
    auto holder_pid = (*holder)->query("SELECT pg_backend_pid()");
    std::string holder_id = *(*holder_pid)[0][0];
    auto waiter = PgConnection::open_for_changes(pg.conninfo());
    ASSERT_TRUE(waiter.is_ok());
    ASSERT_TRUE((*waiter)->query("SET lock_timeout = 0; SET statement_timeout = 0").is_ok());
    std::string waiter_id = *(*(*waiter)->query("SELECT pg_backend_pid()"))[0][0];
    std::thread blocked([&] { (void)(*waiter)->query("UPDATE accounts SET v = 0 WHERE id = 1"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));

    std::string before = catalogs(pg);
    HealthOptions options;
    options.target = pg.conninfo();
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = test::TempDir().file("history.sqlite");
    options.overrides = {{"idle_in_transaction_seconds", "1"}, {"unused_index_bytes", "0"}, {"temp_bytes", "1000000"},
                         {"table_bloat_warning_bytes", "1000000"}, {"table_bloat_percent", "20"}, {"index_bloat_bytes", "100000"},
                         {"prepared_warning_seconds", "1"}};
    auto report = check_health(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    std::string seen = all_findings(*report);

    const HealthFinding* idle = test::find_finding(*report, "idle-in-transaction", "pid " + holder_id);
    ASSERT_NE(idle, nullptr) << seen;
    EXPECT_NE(idle->what.find("idle in transaction for"), std::string::npos) << idle->what;
    EXPECT_EQ(idle->sql, "SELECT pg_terminate_backend(" + holder_id + ");");

    const HealthFinding* wait = test::find_finding(*report, "blocked-query", "pid " + waiter_id);
    ASSERT_NE(wait, nullptr) << seen;
    EXPECT_NE(wait->what.find("behind " + holder_id), std::string::npos) << wait->what;
    EXPECT_NE(wait->what.find("held by pid " + holder_id + " (idle in transaction"), std::string::npos) << wait->what;
    EXPECT_NE(wait->what.find("waits for a row of accounts"), std::string::npos) << wait->what;
    EXPECT_NE(wait->sql.find("pg_terminate_backend(" + holder_id + ")"), std::string::npos) << wait->sql;

    const HealthFinding* prepared = test::find_finding(*report, "prepared-transaction", "transaction forgotten-2pc");
    ASSERT_NE(prepared, nullptr) << seen;
    EXPECT_EQ(prepared->sql.rfind("ROLLBACK PREPARED 'forgotten-2pc';", 0), 0u) << prepared->sql;

    const HealthFinding* integer = test::find_finding(*report, "sequence-overflow", "public.orders_id_seq");
    ASSERT_NE(integer, nullptr) << seen;
    EXPECT_EQ(integer->level, HealthLevel::critical);
    EXPECT_NE(integer->what.find("2040109465 is 95.0% of sequence integer (limit 2147483647)"), std::string::npos) << integer->what;
    const HealthFinding* small = test::find_finding(*report, "sequence-overflow", "public.tiny_id_seq");
    ASSERT_NE(small, nullptr) << seen;
    EXPECT_NE(small->what.find("31500 is 96.1% of sequence smallint (limit 32767)"), std::string::npos) << small->what;

    const HealthFinding* invalid = test::find_finding(*report, "invalid-index", "public.dupes_v");
    ASSERT_NE(invalid, nullptr) << seen;
    EXPECT_NE(invalid->sql.find("REINDEX INDEX CONCURRENTLY public.dupes_v"), std::string::npos);
    EXPECT_NE(test::find_finding(*report, "unused-index", "public.orders_customer_idx"), nullptr) << seen;
    bool duplicate = test::find_finding(*report, "duplicate-index", "public.orders_customer_idx") || test::find_finding(*report, "duplicate-index", "public.orders_customer_copy");
    EXPECT_TRUE(duplicate) << seen;

    const HealthFinding* dead = test::find_finding(*report, "dead-tuples", "public.events");
    ASSERT_NE(dead, nullptr) << seen;
    EXPECT_NE(dead->what.find("37500 dead tuples, 75% of the table (12500 live)"), std::string::npos) << dead->what;
    EXPECT_NE(dead->what.find("autovacuum is disabled on this table"), std::string::npos);
    EXPECT_NE(dead->sql.find("RESET (autovacuum_enabled)"), std::string::npos);

    const HealthFinding* constraint = test::find_finding(*report, "invalid-constraint", "public.child_parent_fk");
    ASSERT_NE(constraint, nullptr) << seen;
    EXPECT_EQ(constraint->sql, "ALTER TABLE public.child VALIDATE CONSTRAINT child_parent_fk;");

    const HealthFinding* bloat = test::find_finding(*report, "table-bloat", "public.bloated");
    ASSERT_NE(bloat, nullptr) << seen;
    const HealthFinding* cache = test::find_finding(*report, "table-cache-hit", "database");
    ASSERT_NE(cache, nullptr) << seen;
    EXPECT_EQ(cache->level, HealthLevel::critical) << cache->what;
    const HealthFinding* temp = test::find_finding(*report, "temp-files", "database");
    ASSERT_NE(temp, nullptr) << seen;
    EXPECT_NE(temp->what.find("work_mem"), std::string::npos);
    EXPECT_NE(test::find_finding(*report, "dangerous-setting", "fsync"), nullptr) << seen;  // the scratch cluster runs with fsync off
    const HealthFinding* trigger = test::find_finding(*report, "disabled-trigger", "public.audited.RI_ConstraintTrigger_c_");
    for (const auto& f : report->findings)
        if (f.check == "disabled-trigger" && f.object.rfind("public.audited.RI_ConstraintTrigger_c_", 0) == 0) trigger = &f;
    ASSERT_NE(trigger, nullptr) << seen;
    EXPECT_EQ(trigger->sql, "ALTER TABLE public.audited ENABLE TRIGGER ALL;");
    const HealthFinding* slot = test::find_finding(*report, "replication-slot", "slot gone_standby");
    ASSERT_NE(slot, nullptr) << seen;
    EXPECT_NE(slot->what.find("inactive physical slot retains"), std::string::npos) << slot->what;
    EXPECT_EQ(slot->sql, "SELECT pg_drop_replication_slot('gone_standby');");
    const HealthFinding* archive = test::find_finding(*report, "archive-failing", "archive_command");
    ASSERT_NE(archive, nullptr) << seen;
    EXPECT_EQ(archive->level, HealthLevel::critical);
    EXPECT_EQ(report->exit_code(), 3);

    // The estimate against pgstattuple's measure of the same table.
    auto conn = PgConnection::open_read_only(pg.conninfo());
    auto exact = (*conn)->query("SELECT 100.0 * (dead_tuple_len + free_space) / table_len FROM pgstattuple('bloated')");
    ASSERT_TRUE(exact.is_ok());
    double measured = std::atof((*exact)[0][0]->c_str());
    double estimated = std::atof(bloat->what.substr(bloat->what.find('(') + 1).c_str());
    EXPECT_NEAR(estimated, measured, 10.0) << bloat->what << " vs pgstattuple " << measured << "%";
    options.exact = true;
    auto exact_report = check_health(options);
    ASSERT_TRUE(exact_report.is_ok());
    const HealthFinding* exact_bloat = test::find_finding(*exact_report, "table-bloat", "public.bloated");
    ASSERT_NE(exact_bloat, nullptr);
    EXPECT_NE(exact_bloat->what.find("measured by pgstattuple"), std::string::npos) << exact_bloat->what;
    EXPECT_NEAR(std::atof(exact_bloat->what.substr(exact_bloat->what.find('(') + 1).c_str()), measured, 0.6) << exact_bloat->what;
    const HealthFinding* index_bloat = test::find_finding(*exact_report, "index-bloat", "public.bloated_pkey");
    ASSERT_NE(index_bloat, nullptr) << all_findings(*exact_report);
    EXPECT_NE(index_bloat->what.find("measured by pgstatindex"), std::string::npos) << index_bloat->what;

    // The text overview and the Nagios line carry the same verdict.
    std::string text = format_health_text(*report, false);
    EXPECT_NE(text.find("RED     sequences"), std::string::npos) << text;
    std::string nagios = format_health_nagios(*report);
    EXPECT_EQ(nagios.rfind("DBSAGE HEALTH CRITICAL - ", 0), 0u) << nagios;
    EXPECT_NE(nagios.find("| connections="), std::string::npos) << nagios;

    EXPECT_EQ(catalogs(pg), before);
    ASSERT_TRUE((*holder)->query("ROLLBACK").is_ok());
    blocked.join();
    ASSERT_TRUE(pg.run_sql("ROLLBACK PREPARED 'forgotten-2pc'").is_ok());
}

TEST(HealthPostgresLive, CleanClusterGivesNothing) {
    auto started = ScratchPostgres::start({"fsync=on", "full_page_writes=on"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    ASSERT_TRUE((*started)->run_sql("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text); "
                                    "INSERT INTO t (v) SELECT 'v' FROM generate_series(1, 100); ANALYZE;")
                    .is_ok());
    HealthOptions options;
    options.target = (*started)->conninfo();
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = test::TempDir().file("history.sqlite");
    auto seq_scans = [&] {
        auto conn = PgConnection::open_read_only((*started)->conninfo());
        auto rows = (*conn)->query("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 't'");
        return rows && !rows->empty() && (*rows)[0][0] ? *(*rows)[0][0] : std::string("?");
    };
    std::string scans_before = seq_scans();
    auto report = check_health(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    for (const auto& f : report->findings) EXPECT_EQ(f.level, HealthLevel::info) << f.check << " " << f.object << ": " << f.what;
    // dbsage's sample reads are not sequential scans of the user's tables
    // (the sessions' statistics reach the counters when they end).
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(seq_scans(), scans_before);
    EXPECT_EQ(report->exit_code(), 0);
    EXPECT_FALSE(report->areas.empty());
    for (const auto& a : report->areas) EXPECT_EQ(a.level, HealthLevel::ok) << a.name;

    // A role without pg_monitor is told what it misses; the checks still run.
    ASSERT_TRUE((*started)->add_password_role("app", "s3cret-pw").is_ok());
    options.target = (*started)->conninfo() + " user=app password=s3cret-pw";
    auto limited = check_health(options);
    ASSERT_TRUE(limited.is_ok()) << limited.status().message();
    bool told = false;
    for (const auto& n : limited->notes) told |= n.find("GRANT pg_monitor TO app;") != std::string::npos;
    EXPECT_TRUE(told);
    options.target = (*started)->conninfo() + " user=app password=wrong-pw";
    auto denied = check_health(options);
    ASSERT_FALSE(denied.is_ok());
    EXPECT_EQ(denied.status().message().find("wrong-pw"), std::string::npos) << denied.status().message();
}

// Two snapshots a day apart with 1,000 rows added between them: the growth
// per day, the sequence's projected overflow date, the index never used.
TEST(HealthPostgresLive, HistoryGivesGrowthAndProjections) {
    auto started = ScratchPostgres::start({"shared_preload_libraries=pg_stat_statements"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    ScratchPostgres& pg = **started;
    ASSERT_TRUE(pg.run_sql("CREATE EXTENSION pg_stat_statements; CREATE TABLE hist (id serial PRIMARY KEY, v int, pad text); "
                           "CREATE INDEX hist_v_idx ON hist (v); "
                           "SELECT setval('hist_id_seq', 2147000000); "
                           "INSERT INTO hist (v, pad) SELECT g, repeat('h', 100) FROM generate_series(1, 1000) g;")
                    .is_ok());
    wait_until(pg, "n_live_tup = 1000 FROM pg_stat_user_tables WHERE relname = 'hist'");
    test::TempDir dir;
    HealthOptions options;
    options.target = pg.conninfo();
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = dir.file("history.sqlite");
    options.record = true;
    options.overrides = {{"slow_query_ms", "0"}, {"slow_query_calls", "1"}};
    options.now = 1793404800;  // 2026-10-31 00:00 UTC
    auto first = check_health(options);
    ASSERT_TRUE(first.is_ok()) << first.status().message();
    EXPECT_EQ(first->recorded_to, options.history);
    ASSERT_TRUE(pg.run_sql("INSERT INTO hist (v, pad) SELECT g, repeat('h', 100) FROM generate_series(1, 1000) g;").is_ok());
    wait_until(pg, "n_live_tup = 2000 FROM pg_stat_user_tables WHERE relname = 'hist'");
    options.now += 86400;
    auto second = check_health(options);
    ASSERT_TRUE(second.is_ok()) << second.status().message();
    EXPECT_EQ(second->snapshots, 2);
    std::string seen = all_findings(*second);
    // 2147002000 after the second batch: 481647 values left at 1000 a day.
    const HealthFinding* projection = test::find_finding(*second, "sequence-projection", "public.hist_id_seq");
    ASSERT_NE(projection, nullptr) << seen;
    EXPECT_NE(projection->what.find("1000 values/day"), std::string::npos) << projection->what;
    EXPECT_NE(projection->what.find("in 482 days, on 2028-02-25"), std::string::npos) << projection->what;
    const HealthFinding* growth = test::find_finding(*second, "growth", "public.hist");
    ASSERT_NE(growth, nullptr) << seen;
    EXPECT_NE(growth->what.find("+1000 rows/day"), std::string::npos) << growth->what;
    EXPECT_NE(growth->what.find("over 1.0 days (2 snapshots)"), std::string::npos) << growth->what;
    // pg_stat_statements is read (slow queries) and recorded.
    bool slow = false;
    for (const auto& f : second->findings) slow |= f.check == "slow-query" && f.what.find("generate_series") != std::string::npos;
    EXPECT_TRUE(slow) << seen;
    const HealthFinding* unused = test::find_finding(*second, "unused-index-history", "public.hist_v_idx");
    ASSERT_NE(unused, nullptr) << seen;
    EXPECT_EQ(unused->sql, "DROP INDEX CONCURRENTLY public.hist_v_idx;");
    EXPECT_EQ(test::find_finding(*second, "unused-index-history", "public.hist_pkey"), nullptr) << "a primary key is never unused";
    // The data directory is on this host: its free space is projected.
    const HealthFinding* disk = test::find_finding(*second, "disk-projection", "data directory");
    ASSERT_NE(disk, nullptr) << seen;
    EXPECT_NE(disk->what.find(" free, used at "), std::string::npos) << disk->what;

    // A plain run reads the history back without recording.
    options.record = false;
    options.now += 3600;
    auto plain = check_health(options);
    ASSERT_TRUE(plain.is_ok());
    EXPECT_EQ(plain->snapshots, 3);
    EXPECT_TRUE(plain->recorded_to.empty());
}

// The formulas against a live server: only settings more than 5% off are
// listed, with the live value, the restart they need and the evidence; the
// memory budget of the live settings is checked; nothing is changed.
TEST(HealthPostgresLive, TuneComparesWithTheLiveSettings) {
    auto started = ScratchPostgres::start({"work_mem=1GB", "effective_cache_size=12GB", "max_connections=50",
                                          "max_wal_size=32MB", "min_wal_size=32MB", "checkpoint_timeout=1h"});
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    // About 500 MB of WAL against a max_wal_size of 32 MB: checkpoints are
    // forced by volume, not by time; and a sort that spills.
    ASSERT_TRUE((*started)->run_sql("CREATE TABLE w (id int, pad text); "
                                    "INSERT INTO w SELECT g, repeat('w', 200) FROM generate_series(1, 2000000) g;")
                    .is_ok());
    ASSERT_TRUE((*started)->run_sql("SET work_mem = '64kB'; SELECT count(*) FROM (SELECT * FROM w ORDER BY pad, id) s;").is_ok());
    wait_until(**started, "(SELECT checkpoints_req >= 10 FROM pg_stat_bgwriter) AND "
                          "(SELECT sum(temp_files) > 0 FROM pg_stat_database)");
    TuneOptions options;
    options.target = (*started)->conninfo();
    options.ram_bytes = 16ULL << 30;
    options.cpus = 8;
    auto before = catalogs(**started);
    auto report = tune(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    std::map<std::string, TuneItem> items;
    for (const auto& i : report->items) items[i.name] = i;
    ASSERT_TRUE(items.count("shared_buffers"));
    EXPECT_EQ(items["shared_buffers"].live, "128MB");
    EXPECT_EQ(items["shared_buffers"].recommended, "4GB");
    EXPECT_TRUE(items["shared_buffers"].restart);
    EXPECT_FALSE(items.count("effective_cache_size")) << "12GB is what the formula gives";
    EXPECT_FALSE(items.count("checkpoint_completion_target")) << "0.9 is PostgreSQL 15's default";
    EXPECT_FALSE(items.count("max_connections")) << "the live max_connections is the plan";
    ASSERT_TRUE(items.count("work_mem"));
    EXPECT_EQ(items["work_mem"].live, "1GB");
    // (16777216 - 4194304) / ((50 + 8) x 3) = 72315, +30%: the data fits.
    EXPECT_EQ(items["work_mem"].recommended, "94009kB");
    EXPECT_NE(items["work_mem"].why.find("against 16.0 GB of RAM"), std::string::npos) << items["work_mem"].why;
    EXPECT_NE(items["work_mem"].why.find("temp files"), std::string::npos) << items["work_mem"].why;
    ASSERT_TRUE(items.count("max_wal_size"));
    EXPECT_EQ(items["max_wal_size"].live, "32MB");
    EXPECT_NE(items["max_wal_size"].why.find("checkpoints were forced by WAL volume"), std::string::npos) << items["max_wal_size"].why;
    HealthOptions health;
    health.target = (*started)->conninfo();
    health.config_path = test::source_dir() + "/tests/data/empty.toml";
    health.history = test::TempDir().file("history.sqlite");
    auto checked = check_health(health);
    ASSERT_TRUE(checked.is_ok());
    bool forced = false;
    for (const auto& f : checked->findings) forced |= f.check == "checkpoints-requested" && f.what.find("max_wal_size 32") != std::string::npos;
    EXPECT_TRUE(forced);
    EXPECT_NE(report->apply.find("ALTER SYSTEM SET shared_buffers = '4GB';"), std::string::npos) << report->apply;
    EXPECT_NE(report->apply.find("SELECT pg_reload_conf();"), std::string::npos);
    EXPECT_NE(report->apply.find("-- restart the server for: shared_buffers"), std::string::npos);
    // 1 GB x 50 connections x 2 alone is more than 16 GB.
    ASSERT_EQ(report->warnings.size(), 1u);
    EXPECT_NE(report->warnings[0].find("work_mem 1GB x 50 connections x 2"), std::string::npos) << report->warnings[0];
    EXPECT_EQ(catalogs(**started), before);
}

// A streaming standby whose replay the test pauses: the primary sees WAL
// not replayed, the standby sees its last replayed transaction grow old.
TEST(HealthPostgresLive, ReplicationLagFromBothEnds) {
    auto primary = ScratchPostgres::start();
    ASSERT_TRUE(primary.is_ok()) << primary.status().message();
    auto standby = (*primary)->start_standby();
    ASSERT_TRUE(standby.is_ok()) << standby.status().message();
    wait_until(**primary, "count(*) = 1 FROM pg_stat_replication WHERE state = 'streaming'");
    ASSERT_TRUE((*primary)->run_sql("CREATE TABLE r (id int); INSERT INTO r VALUES (1);").is_ok());
    wait_until(**standby, "pg_last_xact_replay_timestamp() IS NOT NULL");
    ASSERT_TRUE((*standby)->run_sql("SELECT pg_wal_replay_pause()").is_ok());
    ASSERT_TRUE((*primary)->run_sql("INSERT INTO r SELECT generate_series(1, 5000);").is_ok());
    wait_until(**primary, "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) > 10000 FROM pg_stat_replication");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    HealthOptions options;
    options.config_path = test::source_dir() + "/tests/data/empty.toml";
    options.history = test::TempDir().file("history.sqlite");
    options.overrides = {{"replication_lag_seconds", "1"}, {"replication_lag_bytes", "10000"}};
    options.target = (*primary)->conninfo();
    auto on_primary = check_health(options);
    ASSERT_TRUE(on_primary.is_ok()) << on_primary.status().message();
    bool behind = false;
    for (const auto& f : on_primary->findings)
        behind |= f.check == "replication-lag" && f.object.rfind("standby ", 0) == 0 && f.what.find("of WAL not replayed") != std::string::npos;
    EXPECT_TRUE(behind) << all_findings(*on_primary);
    options.target = (*standby)->conninfo();
    auto on_standby = check_health(options);
    ASSERT_TRUE(on_standby.is_ok()) << on_standby.status().message();
    const HealthFinding* lag = test::find_finding(*on_standby, "replication-lag", "this standby");
    ASSERT_NE(lag, nullptr) << all_findings(*on_standby);
    EXPECT_NE(lag->what.find("last transaction replayed"), std::string::npos) << lag->what;
}

TEST(HealthPostgresLive, WatchShowsTheSessionsAndStaysReadOnly) {
    auto started = ScratchPostgres::start();
    ASSERT_TRUE(started.is_ok()) << started.status().message();
    auto holder = PgConnection::open_for_changes((*started)->conninfo());
    ASSERT_TRUE(holder.is_ok());
    std::string pid = *(*(*holder)->query("SELECT pg_backend_pid()"))[0][0];
    ASSERT_TRUE((*holder)->query("BEGIN; CREATE TABLE held (id int)").is_ok());
    std::ostringstream out;
    Status s = watch((*started)->conninfo(), 0.2, 2, false, out);
    ASSERT_TRUE(s.is_ok()) << s.message();
    std::string text = out.str();
    EXPECT_NE(text.find("idle in transaction 1"), std::string::npos) << text;
    EXPECT_NE(text.find(pid + "  postgres"), std::string::npos) << text;
    EXPECT_NE(text.find("CREATE TABLE held"), std::string::npos) << text;
    EXPECT_NE(text.find("tx/s"), std::string::npos) << text;
}

}  // namespace
}  // namespace dbsage
