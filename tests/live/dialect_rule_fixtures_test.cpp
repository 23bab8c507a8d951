// The rule fixtures in MySQL's and SQLite's dialects, each read as a file by
// its scratch engine and from a database loaded with it (a scratch MariaDB,
// an SQLite file): the test is RuleFixture's, tests/unit/rule_fixtures_test.cpp.
#include "../support/rule_fixtures.h"

namespace dbsage::test {

INSTANTIATE_TEST_SUITE_P(DialectRules, RuleFixture, testing::ValuesIn(rule_fixture_paths(true)), fixture_test_name);

}  // namespace dbsage::test
