// MySQL online DDL: for every statement of every migration fixture in
// tests/migrate/mysql, the predicted algorithm and lock must be what a real
// MariaDB accepts first when asked for INSTANT, then INPLACE without a lock,
// then with a shared lock, then COPY (the same prediction-vs-trace check the
// PostgreSQL lock fixtures pass).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/test_paths.h"
#include "dialect/read_dialect.h"
#include "dialect/mysql_online_ddl.h"

namespace dbsage {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> fixtures() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(test::source_dir() + "/tests/migrate/mysql"))
        if (e.path().extension() == ".sql") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

class OnlineDdlFixture : public testing::TestWithParam<std::string> {};

TEST_P(OnlineDdlFixture, PredictionMatchesWhatTheServerAccepts) {
    std::string baseline, migration;
    test::split_migration_fixture(GetParam(), baseline, migration);
    test::TempDir dir;
    Workspace ws;
    DialectReadOptions options;
    options.context = {dir.write("baseline.sql", baseline)};
    read_dialect_files({dir.write("migration.sql", migration)}, Dialect::mysql, ws, options);
    ASSERT_TRUE(ws.input_errors.empty()) << ws.input_errors.front();
    int compared = 0;
    for (const auto& st : ws.statements) {
        EXPECT_NE(st.kind, StatementKind::invalid) << "line " << st.location.line << ": " << st.error;
        if (!st.online_ddl) continue;
        const OnlineDdl& d = *st.online_ddl;
        ASSERT_TRUE(d.observed_algorithm) << "line " << st.location.line << " was not observed";
        std::string predicted = std::string(to_string(d.algorithm)) + "/" + std::string(to_string(d.lock));
        std::string observed = std::string(to_string(*d.observed_algorithm)) + "/" + std::string(to_string(*d.observed_lock));
        EXPECT_EQ(predicted, observed) << "line " << st.location.line << ": " << st.text << " (predicted because " << d.reason << ")";
        if (d.observed_rebuild && d.algorithm == DdlAlgorithm::inplace && *d.observed_algorithm == DdlAlgorithm::inplace)
            EXPECT_EQ(d.rebuild, *d.observed_rebuild) << "line " << st.location.line << ": " << st.text;
        ++compared;
    }
    EXPECT_GT(compared, 3);
}

std::string name_of(const testing::TestParamInfo<std::string>& info) { return fs::path(info.param).stem().string(); }

INSTANTIATE_TEST_SUITE_P(Mysql, OnlineDdlFixture, testing::ValuesIn(fixtures()), name_of);

TEST(OnlineDdlPrediction, VersionsDiffer) {
    Table t;
    t.name = "t";
    t.engine = "InnoDB";
    MysqlTarget mysql80{false, 80020}, mysql8035{false, 80035}, maria{true, 101100};
    std::string add_first = "ALTER TABLE t ADD COLUMN c int FIRST";
    EXPECT_EQ(predict_online_ddl(add_first, &t, maria, true).algorithm, DdlAlgorithm::instant);
    EXPECT_EQ(predict_online_ddl(add_first, &t, mysql8035, true).algorithm, DdlAlgorithm::instant);
    auto old = predict_online_ddl(add_first, &t, mysql80, true);
    EXPECT_EQ(old.algorithm, DdlAlgorithm::inplace);
    EXPECT_TRUE(old.rebuild);
    EXPECT_EQ(predict_online_ddl("ALTER TABLE t DROP FOREIGN KEY fk", &t, mysql8035, true).algorithm, DdlAlgorithm::inplace);
    EXPECT_EQ(predict_online_ddl("ALTER TABLE t DROP FOREIGN KEY fk", &t, maria, true).algorithm, DdlAlgorithm::instant);
    EXPECT_EQ(with_algorithm("ALTER TABLE t ADD INDEX i (a);", "INPLACE", "NONE"), "ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE, LOCK=NONE");
    EXPECT_EQ(with_algorithm("CREATE INDEX i ON t (a)", "INPLACE", "NONE"), "CREATE INDEX i ON t (a) ALGORITHM=INPLACE LOCK=NONE");
    EXPECT_EQ(with_algorithm("ALTER TABLE t ADD INDEX i (a), ALGORITHM=COPY", "INPLACE", "NONE"), "ALTER TABLE t ADD INDEX i (a), ALGORITHM=COPY");
}

}  // namespace
}  // namespace dbsage
