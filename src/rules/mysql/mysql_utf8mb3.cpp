#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class MysqlUtf8mb3 final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-utf8mb3", "mysql", Severity::warning, "text stored as utf8mb3 (utf8), which cannot hold 4-byte characters", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_table(ctx.schema, [&](const Table& t) {
            if (t.charset == "utf8mb3") {
                sink.report(at_table(t), "table " + t.qualified() + " uses utf8mb3 (utf8), which cannot store 4-byte characters",
                            "emoji and many CJK characters are rejected or cut off (or turned into ?); convert the table "
                            "to utf8mb4 (it rebuilds the table: on a large one use gh-ost or pt-online-schema-change)",
                            "ALTER TABLE " + sql_name(t) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
                return;
            }
            for (const auto& c : t.columns)
                if (c.charset == "utf8mb3")
                    sink.report(at_column(t, c), t.name + "." + c.name + " uses utf8mb3 (utf8), which cannot store 4-byte characters",
                                "emoji and many CJK characters are rejected or cut off; give the column utf8mb4",
                                mysql_modify_column(t, c, c.engine_type + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_utf8mb3() { return std::make_unique<MysqlUtf8mb3>(); }

}  // namespace dbsage::rules
