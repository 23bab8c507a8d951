// The small readers under the digest's hot loop: durations, timestamps,
// severities and prefixes, and histograms fed odd values.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "digest/digest.h"
#include "digest/log_fields.h"
#include "digest/normalizer.h"

namespace dbsage {
namespace {

double from_chars_value(const std::string& text) {
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// The fast path must give the very double std::from_chars gives.
TEST(DigestFields, DurationsParseAsFromCharsDoes) {
    std::mt19937_64 random(42);
    for (int i = 0; i < 200000; ++i) {
        std::string text = std::to_string(random() % 100000000);
        int decimals = static_cast<int>(random() % 7);
        if (decimals > 0 && static_cast<int>(text.size()) > decimals) text.insert(text.size() - decimals, ".");
        ASSERT_EQ(parse_duration(text + " ms"), from_chars_value(text)) << text;
    }
    for (const char* text : {"0.001", "12345.678", "1e3", "9999999999999999.5", "123456789012345678", "x", ""})
        EXPECT_EQ(parse_duration(text), from_chars_value(text)) << text;
}

TEST(DigestFields, TimestampsAndFractions) {
    EXPECT_EQ(timestamp_ms("2026-01-01 10:00:01.250 UTC") - timestamp_ms("2026-01-01 10:00:00.000 UTC"), 1250);
    EXPECT_EQ(timestamp_ms("2026-03-01 00:00:00") - timestamp_ms("2026-02-28 23:59:59"), 1000);  // not a leap year
    EXPECT_EQ(timestamp_fraction_ms("2026-01-01 10:00:00.5 UTC"), 500);
    EXPECT_EQ(timestamp_fraction_ms("2026-01-01 10:00:00.123456"), 123);
    EXPECT_EQ(timestamp_fraction_ms("2026-01-01 10:00:00 UTC"), 0);
    EXPECT_EQ(timestamp_ms("short"), 0);
}

TEST(DigestFields, SeverityIsFoundAfterAnyPrefix) {
    LogLine line;
    ASSERT_TRUE(split_log_line("2026-01-01 10:00:00.000 UTC [7] app@shop LOG:  duration: 1 ms  statement: SELECT 1", line));
    EXPECT_EQ(line.severity, "LOG");
    EXPECT_EQ(line.prefix, "2026-01-01 10:00:00.000 UTC [7] app@shop ");
    EXPECT_EQ(line.message, "duration: 1 ms  statement: SELECT 1");
    ASSERT_TRUE(split_log_line("LOG:  checkpoint complete", line));
    EXPECT_EQ(line.prefix, "");
    ASSERT_TRUE(split_log_line("[7] ERROR:  syntax error at \"X:  \"", line));
    EXPECT_EQ(line.severity, "ERROR");
    EXPECT_FALSE(split_log_line("2026-01-01 10:00:00 UTC xLOG:  not a severity", line));
    EXPECT_FALSE(split_log_line("NOTE:  not one of PostgreSQL's", line));
    EXPECT_FALSE(split_log_line("", line));

    PrefixFields f = guess_prefix_fields("2026-01-01 10:00:00.000 UTC [42-1] user=app,db=shop,app=web ");
    EXPECT_EQ(f.timestamp, "2026-01-01 10:00:00.000 UTC");
    EXPECT_EQ(f.session, "42");
    EXPECT_EQ(f.user, "app");
    EXPECT_EQ(f.database, "shop");
    f = guess_prefix_fields("2026-01-01 10:00:00 [9] ann@crm ");
    EXPECT_EQ(f.timestamp, "2026-01-01 10:00:00");
    EXPECT_EQ(f.user, "ann");
    EXPECT_EQ(f.database, "crm");
}

TEST(DigestFields, HistogramsTakeOddDurations) {
    DurationHistogram h;
    for (double ms : {0.0, -1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 1e300, 5.0})
        h.add(ms);
    EXPECT_EQ(h.count(), 6u);
    EXPECT_GE(h.percentile(50), 0.0);
    DurationHistogram wide, narrow;
    wide.add(0.002);
    wide.add(20000);
    narrow.add(3);
    narrow.merge(wide);
    EXPECT_EQ(narrow.count(), 3u);
    EXPECT_NEAR(narrow.percentile(50), 3, 0.03);
    EXPECT_NEAR(narrow.percentile(100), 20000, 200);
}

TEST(DigestFields, ListsCollapseOnlyAfterInAndValues) {
    EXPECT_EQ(normalize_query("SELECT f(1, 2, 3) FROM t WHERE id IN (4, 5)"), "select f(?, ?, ?) from t where id in(?)");
    EXPECT_EQ(normalize_query("SELECT * FROM t WHERE a = -1 AND b IN ($1, $2)"), "select * from t where a = ? and b in(?)");
    EXPECT_EQ(normalize_query("insert into t (a, b) values (1, 2), (3, 4)"), "insert into t(a, b) values(?, ?)");
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

struct PrefixCase {
    const char* name;
    const char* spec;  // log_line_prefix
    const char* line;
    const char* session;
    const char* user;
    const char* database;
};

// Managed services' default prefixes, several with no space before the
// severity: each must be read with --prefix and without it.
TEST(DigestFields, ManagedServicePrefixesAreRead) {
    const PrefixCase cases[] = {
        {"RDS/Aurora", "%t:%r:%u@%d:[%p]:",
         "2026-11-30 07:59:16 UTC:10.0.0.1(52344):ann@crm:[1234]:LOG:  duration: 1.5 ms  statement: SELECT 1",
         "1234", "ann", "crm"},
        {"Cloud SQL", "%m [%p]: [%l-1] db=%d,user=%u ",
         "2026-11-30 07:59:16.123 UTC [1234]: [5-1] db=crm,user=ann LOG:  duration: 1.5 ms  statement: SELECT 1",
         "1234", "ann", "crm"},
        {"Azure", "%t-%c-",
         "2026-11-30 07:59:16 UTC-6565d0a1.4d2-LOG:  duration: 1.5 ms  statement: SELECT 1", "6565d0a1.4d2", "", ""},
        {"unbracketed pid", "%m %p %c %x ",
         "2026-11-30 07:59:16.123 UTC 1234 6565d0a1.4d2 0 LOG:  duration: 1.5 ms  statement: SELECT 1", nullptr, "",
         ""},
    };
    for (const auto& c : cases) {
        LogLine line;
        ASSERT_TRUE(split_log_line(c.line, line)) << c.name;
        EXPECT_EQ(line.severity, "LOG") << c.name;
        EXPECT_EQ(line.message, "duration: 1.5 ms  statement: SELECT 1") << c.name;
        PrefixFields given;
        ASSERT_TRUE(PrefixSpec(c.spec).match(line.prefix, given)) << c.name;
        EXPECT_EQ(given.timestamp.substr(0, 19), "2026-11-30 07:59:16") << c.name;
        EXPECT_EQ(given.timestamp.substr(given.timestamp.size() - 3), "UTC") << c.name << ": the zone belongs to the time";
        PrefixFields guessed = guess_prefix_fields(line.prefix);
        EXPECT_EQ(guessed.timestamp, given.timestamp) << c.name;
        if (c.session) {
            EXPECT_EQ(given.session, c.session) << c.name;
            EXPECT_EQ(guessed.session, c.session) << c.name;
        } else {
            EXPECT_EQ(given.session, "1234") << c.name << " (the zone is not the pid)";
            EXPECT_FALSE(guessed.session.empty()) << c.name;
            EXPECT_NE(guessed.session, "UTC") << c.name;
        }
        EXPECT_EQ(given.user, c.user) << c.name;
        EXPECT_EQ(guessed.user, c.user) << c.name;
        EXPECT_EQ(given.database, c.database) << c.name;
        EXPECT_EQ(guessed.database, c.database) << c.name;
    }
}

TEST(DigestCli, RdsLogIsDigestedPerSessionWithAndWithoutPrefix) {
    std::string log;
    for (int i = 0; i < 30; ++i)
        log += "2026-11-30 07:59:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + " UTC:10.0.0.1(52344):ann@crm:[" +
               std::to_string(1000 + i) + "]:LOG:  duration: 1.5 ms  statement: SELECT * FROM t WHERE id = " +
               std::to_string(i) + "\n";
    for (const char* prefix : {"", "%t:%r:%u@%d:[%p]:"}) {
        DigestOptions options;
        options.prefix = prefix;
        options.n_plus_one_min = 5;
        DigestReport report;
        digest_text(log, options, report);
        EXPECT_EQ(report.statements, 30u) << prefix;
        EXPECT_TRUE(report.n_plus_one.empty()) << prefix << ": 30 sessions of one query each are not an N+1 run";
        EXPECT_EQ(report.skipped_lines, 0u) << prefix;
    }
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

// log_statement = all with log_duration = on: the statement on one line, its
// duration on a later one of the same session, as pgBadger pairs them.
TEST(DigestCli, StatementAndDurationLinesArePairedPerSession) {
    std::string log =
        "2026-11-30 10:00:00.001 UTC [101] LOG:  statement: SELECT * FROM orders WHERE id = 1\n"
        "2026-11-30 10:00:00.002 UTC [102] LOG:  statement: SELECT * FROM orders\n\tWHERE id = 2\n"
        "2026-11-30 10:00:00.003 UTC [101] LOG:  duration: 1.500 ms\n"
        "2026-11-30 10:00:00.004 UTC [102] LOG:  duration: 2.500 ms\n"
        "2026-11-30 10:00:00.005 UTC [103] LOG:  execute S_1: UPDATE t SET a = $1 WHERE id = $2\n"
        "2026-11-30 10:00:00.005 UTC [103] DETAIL:  parameters: $1 = '5', $2 = '7'\n"
        "2026-11-30 10:00:00.006 UTC [103] LOG:  duration: 0.250 ms\n"
        "2026-11-30 10:00:00.007 UTC [104] LOG:  duration: 9.000 ms\n";
    for (int threads : {1, 2}) {
        DigestOptions options;
        options.threads = threads;
        options.chunk_bytes = 64;  // the pairs cross block boundaries
        DigestReport report;
        digest_text(log, options, report);
        EXPECT_EQ(report.statements, 3u) << threads;
        EXPECT_DOUBLE_EQ(report.total_ms, 4.25) << threads;
        EXPECT_EQ(report.unattributed_durations, 1u) << threads;
        ASSERT_FALSE(report.warnings.empty());
        bool example = false;
        for (const auto& [id, q] : report.queries) example = example || q.example == "UPDATE t SET a = '5' WHERE id = '7'";
        EXPECT_TRUE(example) << threads;
    }
}

}  // namespace
}  // namespace dbsage

namespace dbsage {
namespace {

TEST(DigestCli, AMissingFileIsReportedAndTheOthersDigested) {
    std::string ok = std::string(DBSAGE_SOURCE_DIR) + "/fuzz/corpus/digest";
    auto report = digest_logs({"/nonexistent/a.log", ok}, DigestOptions{});
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_GT(report->statements, 0u);
    ASSERT_FALSE(report->warnings.empty());
    EXPECT_NE(report->warnings.front().find("/nonexistent/a.log"), std::string::npos);
    auto none = digest_logs({"/nonexistent/a.log"}, DigestOptions{});
    EXPECT_FALSE(none.is_ok());
}

}  // namespace
}  // namespace dbsage
