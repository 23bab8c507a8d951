#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class FkTypeMismatch final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"fk-type-mismatch", "schema", Severity::warning, "foreign key column type differs from the referenced column", k_postgres | k_sqlite, {}};
        return k_info;
    }

    // 1 smallint, 2 integer, 3 bigint; 0 for anything else.
    static int integer_rank(const Column& c) {
        if (c.is_array) return 0;
        return c.type == "int2" ? 1 : c.type == "int4" ? 2 : c.type == "int8" ? 3 : 0;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_fk_column(ctx.schema, [&](const Table& t, const Table& target, const Column& from_col, const Column& to_col) {
            const Column* from = &from_col;
            const Column* to = &to_col;
            if (from->type == to->type && from->is_array == to->is_array) return;
            std::optional<std::string> fix;
            if (ctx.dialect == Dialect::postgres) {
                // Widen, never narrow: when the referencing column is the
                // wider integer, the key is what must grow (as
                // prefer-bigint-over-int advises), not the other way.
                if (integer_rank(*from) > integer_rank(*to) && integer_rank(*to) > 0) {
                    Column wanted = *from;
                    wanted.serial = false;
                    fix = alter_type_fix(target, *to, display_type(wanted));
                } else {
                    Column wanted = *to;
                    wanted.serial = false;
                    fix = alter_type_fix(t, *from, display_type(wanted));
                }
            }
            sink.report(at_column(t, *from),
                        t.name + "." + from->name + " is " + display_type(*from) + " but references " + target.name + "." +
                            to->name + " which is " + display_type(*to),
                        "mismatched key types force casts in joins, can defeat indexes and the narrower side "
                        "overflows first; give the referencing column the referenced column's type",
                        fix);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_fk_type_mismatch() { return std::make_unique<FkTypeMismatch>(); }

}  // namespace dbsage::rules
