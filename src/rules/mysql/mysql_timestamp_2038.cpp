#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlTimestamp2038 final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-timestamp-2038", "mysql", Severity::warning, "TIMESTAMP column overflows on 2038-01-19", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (c.type != "timestamptz" || c.engine_type.rfind("timestamp", 0) != 0) return;
            sink.report(at_column(t, c), t.name + "." + c.name + " is a TIMESTAMP, which ends at 2038-01-19 03:14:07 UTC",
                        "MySQL and MariaDB before 11.5 store TIMESTAMP as 32-bit seconds: later values are rejected "
                        "or stored as zero, and expiry dates or schedules reach that date years earlier; use DATETIME "
                        "(store UTC and convert in the application) for values that can be far in the future",
                        mysql_modify_column(t, c, "datetime" + std::string(c.typmods.empty() ? "" : "(" + std::to_string(c.typmods[0]) + ")")));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_timestamp_2038() { return std::make_unique<MysqlTimestamp2038>(); }

}  // namespace dbsage::rules
