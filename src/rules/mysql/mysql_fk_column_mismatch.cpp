#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

// The type without an integer's display width: int(11) and int are one type.
std::string base_type(const Column& c) {
    std::string t = c.engine_type;
    if (is_integer_type(c.type) || c.type == "bool") {
        auto open = t.find('(');
        if (open != std::string::npos) t.erase(open, t.find(')', open) - open + 1);
    }
    auto unsigned_at = t.find(" unsigned");
    if (unsigned_at != std::string::npos) t.erase(unsigned_at);
    auto zerofill = t.find(" zerofill");
    if (zerofill != std::string::npos) t.erase(zerofill);
    return t;
}

class MysqlFkColumnMismatch final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-fk-column-mismatch", "mysql", Severity::warning, "foreign key column differs from the key it references in type, signedness or character set", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for_each_fk_column(ctx.schema, [&](const Table& t, const Table& target, const Column& a, const Column& b) {
            std::string why;
            if (base_type(a) != base_type(b)) why = "type " + a.engine_type + " vs " + b.engine_type;
            else if (a.is_unsigned != b.is_unsigned)
                why = std::string("signedness ") + (a.is_unsigned ? "unsigned" : "signed") + " vs " + (b.is_unsigned ? "unsigned" : "signed");
            else if (!a.charset.empty() && !b.charset.empty() && a.charset != b.charset)
                why = "character set " + a.charset + " vs " + b.charset;
            else if (!a.collation.empty() && !b.collation.empty() && a.collation != b.collation)
                why = "collation " + a.collation + " vs " + b.collation;
            if (why.empty()) return;
            sink.report(at_column(t, a), t.name + "." + a.name + " references " + target.name + "." + b.name + " but differs in " + why,
                        "InnoDB refuses such a key once foreign_key_checks is on (error 150 on the next ALTER or "
                        "restore), and joins on the pair convert one side, which can keep an index from being "
                        "used; give both columns the same definition",
                        mysql_modify_column(t, a, b.engine_type + (b.charset.empty() ? "" : " CHARACTER SET " + b.charset) +
                                                      (b.collation.empty() ? "" : " COLLATE " + b.collation)));
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_fk_column_mismatch() { return std::make_unique<MysqlFkColumnMismatch>(); }

}  // namespace dbsage::rules
