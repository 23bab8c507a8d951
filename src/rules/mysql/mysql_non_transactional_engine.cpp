#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlNonTransactionalEngine final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-non-transactional-engine", "mysql", Severity::warning, "table uses a storage engine without transactions", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            std::string engine = to_lower(t.engine);
            if (engine.empty() || engine == "innodb" || engine == "ndbcluster" || engine == "rocksdb") return;
            if (engine == "sequence") return;
            sink.report(at_table(t), "table " + t.qualified() + " uses " + t.engine + ", which has no transactions",
                        "a failed or interrupted statement leaves half its rows written, ROLLBACK does not undo it, "
                        "writes lock the whole table and foreign keys are ignored" +
                            std::string(engine == "memory" ? ", and a MEMORY table is empty after a restart" : "") +
                            "; move it to InnoDB (a table rebuild)",
                        "ALTER TABLE " + sql_name(t) + " ENGINE=InnoDB;");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_non_transactional_engine() { return std::make_unique<MysqlNonTransactionalEngine>(); }

}  // namespace dbsage::rules
