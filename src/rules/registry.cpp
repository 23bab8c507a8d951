// The one sorted list of rules. scripts/new-rule keeps it up to date.
#include <algorithm>

#include "rules/rule.h"

namespace dbsage {
namespace rules {
// BEGIN DECLARATIONS
std::unique_ptr<Rule> make_ban_char_field();
std::unique_ptr<Rule> make_case_sensitive_unique();
std::unique_ptr<Rule> make_duplicate_index();
std::unique_ptr<Rule> make_eav_table();
std::unique_ptr<Rule> make_enum_type();
std::unique_ptr<Rule> make_fk_type_mismatch();
std::unique_ptr<Rule> make_fk_without_index();
std::unique_ptr<Rule> make_float_for_money();
std::unique_ptr<Rule> make_identifier_too_long();
std::unique_ptr<Rule> make_missing_foreign_key();
std::unique_ptr<Rule> make_money_type();
std::unique_ptr<Rule> make_multi_valued_column();
std::unique_ptr<Rule> make_not_in_subquery();
std::unique_ptr<Rule> make_offset_pagination();
std::unique_ptr<Rule> make_order_by_random();
std::unique_ptr<Rule> make_polymorphic_association();
std::unique_ptr<Rule> make_prefer_bigint_over_int();
std::unique_ptr<Rule> make_prefer_identity();
std::unique_ptr<Rule> make_prefer_jsonb();
std::unique_ptr<Rule> make_prefer_text_field();
std::unique_ptr<Rule> make_prefer_timestamp_tz();
std::unique_ptr<Rule> make_redundant_index();
std::unique_ptr<Rule> make_repeating_column_group();
std::unique_ptr<Rule> make_reserved_word_identifier();
std::unique_ptr<Rule> make_rls_enabled_without_policy();
std::unique_ptr<Rule> make_select_star();
std::unique_ptr<Rule> make_sqlite_foreign_keys_not_enforced();
std::unique_ptr<Rule> make_sqlite_missing_strict();
std::unique_ptr<Rule> make_status_column_without_check();
std::unique_ptr<Rule> make_syntax_error();
std::unique_ptr<Rule> make_table_without_primary_key();
std::unique_ptr<Rule> make_too_many_indexes();
std::unique_ptr<Rule> make_unique_ignores_soft_delete();
std::unique_ptr<Rule> make_update_delete_without_where();
std::unique_ptr<Rule> make_updated_at_without_trigger();
// END DECLARATIONS
}  // namespace rules

const std::vector<std::unique_ptr<Rule>>& all_rules() {
    static const std::vector<std::unique_ptr<Rule>> k_rules = [] {
        using Factory = std::unique_ptr<Rule> (*)();
        const Factory factories[] = {
            // BEGIN LIST
            rules::make_ban_char_field,
            rules::make_case_sensitive_unique,
            rules::make_duplicate_index,
            rules::make_eav_table,
            rules::make_enum_type,
            rules::make_fk_type_mismatch,
            rules::make_fk_without_index,
            rules::make_float_for_money,
            rules::make_identifier_too_long,
            rules::make_missing_foreign_key,
            rules::make_money_type,
            rules::make_multi_valued_column,
            rules::make_not_in_subquery,
            rules::make_offset_pagination,
            rules::make_order_by_random,
            rules::make_polymorphic_association,
            rules::make_prefer_bigint_over_int,
            rules::make_prefer_identity,
            rules::make_prefer_jsonb,
            rules::make_prefer_text_field,
            rules::make_prefer_timestamp_tz,
            rules::make_redundant_index,
            rules::make_repeating_column_group,
            rules::make_reserved_word_identifier,
            rules::make_rls_enabled_without_policy,
            rules::make_select_star,
            rules::make_sqlite_foreign_keys_not_enforced,
            rules::make_sqlite_missing_strict,
            rules::make_status_column_without_check,
            rules::make_syntax_error,
            rules::make_table_without_primary_key,
            rules::make_too_many_indexes,
            rules::make_unique_ignores_soft_delete,
            rules::make_update_delete_without_where,
            rules::make_updated_at_without_trigger,
            // END LIST
        };
        std::vector<std::unique_ptr<Rule>> out;
        for (auto make : factories) out.push_back(make());
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->info().id < b->info().id; });
        return out;
    }();
    return k_rules;
}

const Rule* find_rule(std::string_view id) {
    for (const auto& rule : all_rules())
        if (rule->info().id == id) return rule.get();
    return nullptr;
}

}  // namespace dbsage
