#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class InnodbWithoutPrimaryKey final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"innodb-without-primary-key", "mysql", Severity::warning, "InnoDB table without a primary key", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            if (t.primary_key() || to_lower(t.engine) != "innodb") return;
            // InnoDB clusters on the first UNIQUE index whose columns are all NOT NULL.
            for (const auto& i : t.indexes) {
                if (!i.unique || i.keys.empty()) continue;
                bool all_not_null = std::all_of(i.keys.begin(), i.keys.end(), [&](const IndexKey& k) {
                    const Column* c = t.find_column(k.column);
                    return c && c->not_null && k.prefix_length == 0;
                });
                if (all_not_null) return;
            }
            sink.report(at_table(t), "InnoDB table " + t.qualified() + " has no primary key",
                        "InnoDB then clusters rows on a hidden 6-byte row id drawn from one counter shared by every "
                        "such table (a contention point), row-based replicas apply each UPDATE and DELETE by a full "
                        "table scan, and Galera and group replication refuse writes to it; add a primary key",
                        "ALTER TABLE " + sql_name(t) + " ADD COLUMN id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_innodb_without_primary_key() { return std::make_unique<InnodbWithoutPrimaryKey>(); }

}  // namespace dbsage::rules
