// The anatomy of a rule: static facts in RuleInfo, logic in check(). Rules are
// pure: they read the Context and report through the FindingSink, no I/O.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dbsage/finding.h"
#include "model/schema.h"
#include "model/statement.h"
#include "migrate/migration_context.h"

namespace dbsage {

// Bit mask of the engines a rule applies to.
enum Engine : unsigned { k_postgres = 1u, k_sqlite = 2u, k_mysql = 4u, k_all_engines = 7u };

struct RuleOption {
    std::string_view name;
    std::string_view default_value;
    std::string_view description;
};

struct RuleInfo {
    std::string_view id;       // kebab-case, stable
    std::string_view group;    // schema, query, syntax
    Severity severity;         // default severity
    std::string_view summary;  // one line
    unsigned engines = k_all_engines;
    std::vector<RuleOption> options;
    bool enabled_by_default = true;  // false: runs only when the config enables it
};

// Option values for one rule: config values over the rule's defaults.
class RuleOptions {
public:
    RuleOptions() = default;
    explicit RuleOptions(const std::map<std::string, std::string>& values) : m_values(values.begin(), values.end()) {}
    int get_int(std::string_view name, int fallback) const;
    std::string get_string(std::string_view name, std::string_view fallback) const;

private:
    std::map<std::string, std::string, std::less<>> m_values;
};

struct Context {
    const Schema& schema;
    const std::vector<Statement>& statements;
    Dialect dialect;
    int pg_version;
    bool live;               // the schema came from a database, not files
    const RuleOptions& options;
    // One entry per statement (same index) when the sources are SQL files;
    // empty for live databases.
    const std::vector<StatementContext>& migration;
};

// Collects findings for one rule; fills in the rule id and severity.
class FindingSink {
public:
    FindingSink(std::string_view rule, Severity severity, std::vector<Finding>& out)
        : m_rule(rule), m_severity(severity), m_out(out) {}
    void report(Location location, std::string message, std::string help,
                std::optional<std::string> fix = std::nullopt);

private:
    std::string_view m_rule;
    Severity m_severity;
    std::vector<Finding>& m_out;
};

class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleInfo& info() const = 0;
    virtual void check(const Context& context, FindingSink& sink) const = 0;
};

// Every rule, sorted by id.
const std::vector<std::unique_ptr<Rule>>& all_rules();
const Rule* find_rule(std::string_view id);

}  // namespace dbsage
