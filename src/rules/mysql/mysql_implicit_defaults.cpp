#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlImplicitDefaults final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-implicit-defaults", "mysql", Severity::warning, "zero dates and implicit defaults: sql_mode not strict or zero-date defaults", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        if (ctx.live) {
            auto mode = ctx.schema.settings.find("sql_mode");
            if (mode != ctx.schema.settings.end() && mode->second.find("STRICT_TRANS_TABLES") == std::string::npos &&
                mode->second.find("STRICT_ALL_TABLES") == std::string::npos)
                sink.report(Location{"", 0, 0, "sql_mode"}, "the server's sql_mode is not strict ('" + mode->second + "')",
                            "invalid or missing values are stored as implicit defaults without an error: a string "
                            "too long is cut, 'abc' in an int column becomes 0, a bad date becomes 0000-00-00; add "
                            "STRICT_TRANS_TABLES (test the application first: it turns these into errors), also under [mysqld] "
                            "in my.cnf so it survives a restart (MySQL 8: SET PERSIST)",
                            "SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',STRICT_TRANS_TABLES');");
        }
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (!c.default_expr || c.default_expr->find("0000-00-00") == std::string::npos) return;
            sink.report(at_column(t, c), t.name + "." + c.name + " defaults to the zero date " + *c.default_expr,
                        "a zero date is not a date: strict servers (NO_ZERO_DATE, the default since MySQL 5.7) refuse "
                        "it, so restores and ALTERs of the table fail there, and drivers return it as an error or "
                        "null; make the column NULL with no default, or give a real default",
                        "ALTER TABLE " + sql_name(t) + " MODIFY " + quote_ident(c.name) + " " + c.engine_type +
                            " NULL DEFAULT NULL;");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_implicit_defaults() { return std::make_unique<MysqlImplicitDefaults>(); }

}  // namespace dbsage::rules
