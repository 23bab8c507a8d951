#include <algorithm>

#include "rules/helpers.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

class RequireLockTimeout final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"require-lock-timeout", "migration", Severity::warning, "locking statement with no lock_timeout set", k_postgres, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        // Once per file: the first statement that takes a conflicting lock on an
        // existing table while no lock_timeout has been set.
        auto needs = [](const Statement&, const StatementContext& sc) {
            if (sc.lock_timeout_set) return false;
            for (const auto& lock : sc.existing_locks())
                if (lock.mode >= LockMode::share_update_exclusive) return true;
            return false;
        };
        first_per_file(ctx, needs, [&](const Statement& st) {
            sink.report(st.location, "this migration takes locks on existing tables with no lock_timeout",
                        "while a statement waits for its lock (behind one long query), every query that needs the "
                        "table queues behind it; set a short lock_timeout first and retry on failure",
                        "SET lock_timeout = '2s';");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace dbsage::rules
