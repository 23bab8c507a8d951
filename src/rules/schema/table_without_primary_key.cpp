#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class TableWithoutPrimaryKey final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"table-without-primary-key", "schema", Severity::warning, "table has no primary key", k_postgres | k_sqlite, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            if (t.primary_key()) return;
            std::optional<std::string> fix;
            if (ctx.dialect == Dialect::postgres)
                fix = "ALTER TABLE " + sql_name(t) + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
            sink.report(at_table(t), "table " + t.qualified() + " has no primary key",
                        "without a key rows cannot be addressed one by one: updates, deletes, replication and "
                        "ORMs need one; add a primary key on the natural key or a surrogate identity column",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_table_without_primary_key() { return std::make_unique<TableWithoutPrimaryKey>(); }

}  // namespace dbsage::rules
