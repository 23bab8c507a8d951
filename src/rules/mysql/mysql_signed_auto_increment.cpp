#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlSignedAutoIncrement final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-signed-auto-increment", "mysql", Severity::info, "signed AUTO_INCREMENT key uses half its range", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_column(ctx.schema, [&](const Table& t, const Column& c) {
            if (!c.auto_increment || c.is_unsigned || !is_integer_type(c.type)) return;
            std::string type = c.engine_type;
            auto open = type.find('(');
            if (open != std::string::npos) type.erase(open);
            std::string limit = c.type == "int8" ? "9.2 quintillion" : c.type == "int4" ? "2.1 billion" : "32,767";
            if (type == "mediumint") limit = "8.4 million";
            if (type == "tinyint") limit = "127";
            sink.report(at_column(t, c), t.name + "." + c.name + " is a signed AUTO_INCREMENT " + type + ", stopping at " + limit,
                        "AUTO_INCREMENT never hands out negative values, so UNSIGNED doubles the range at no cost" +
                            std::string(c.type == "int4" ? " (and an int key of a busy table may need bigint unsigned)" : "") +
                            "; change referencing foreign key columns to match in the same step",
                        mysql_modify_column(t, c, type + " unsigned"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_signed_auto_increment() { return std::make_unique<MysqlSignedAutoIncrement>(); }

}  // namespace dbsage::rules
