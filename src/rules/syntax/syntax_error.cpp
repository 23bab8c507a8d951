#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class SyntaxError final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"syntax-error", "syntax", Severity::error, "statement does not parse", k_all_engines, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (st.kind != StatementKind::invalid || st.too_large || st.node == "fails") continue;
            std::string engine = ctx.dialect == Dialect::mysql    ? "MariaDB (running the file as MySQL)"
                               : ctx.dialect == Dialect::sqlite ? "SQLite"
                                                                : "PostgreSQL";
            sink.report(st.location_at(st.error_offset), st.error,
                        engine + " rejects this statement; the rest of the file was still checked");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_syntax_error() { return std::make_unique<SyntaxError>(); }

}  // namespace dbsage::rules
