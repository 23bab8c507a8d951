// The rule fixtures under tests/rules, shared by the two instantiations of
// RuleFixture: the PostgreSQL fixtures (pure, tests/unit) and the dialect
// fixtures that run in a scratch MariaDB or SQLite (tests/live).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dbsage::test {

// Every fixture, sorted by path: those marked "-- dialect: sqlite|mysql"
// when dialect is true, the others when it is false.
std::vector<std::string> rule_fixture_paths(bool dialect);

// The fixture's file name as a test name ("ban_char_field").
std::string fixture_test_name(const testing::TestParamInfo<std::string>& info);

// One test per fixture file (its path is the parameter); the test is
// defined in tests/unit/rule_fixtures_test.cpp.
class RuleFixture : public testing::TestWithParam<std::string> {};

}  // namespace dbsage::test
