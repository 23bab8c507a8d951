// The one sorted list of rules. scripts/new-rule keeps it up to date.
#include <algorithm>

#include "rules/rule.h"

namespace dbsage {
namespace rules {
// BEGIN DECLARATIONS
std::unique_ptr<Rule> make_add_exclusion_constraint();
std::unique_ptr<Rule> make_add_stored_generated_column();
std::unique_ptr<Rule> make_adding_field_with_default();
std::unique_ptr<Rule> make_adding_foreign_key_constraint();
std::unique_ptr<Rule> make_adding_not_nullable_field();
std::unique_ptr<Rule> make_adding_required_field();
std::unique_ptr<Rule> make_adding_serial_primary_key_field();
std::unique_ptr<Rule> make_backfill_in_ddl_transaction();
std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint();
std::unique_ptr<Rule> make_ban_char_field();
std::unique_ptr<Rule> make_ban_concurrent_index_creation_in_transaction();
std::unique_ptr<Rule> make_ban_create_domain_with_constraint();
std::unique_ptr<Rule> make_ban_drop_column();
std::unique_ptr<Rule> make_ban_drop_database();
std::unique_ptr<Rule> make_ban_drop_not_null();
std::unique_ptr<Rule> make_ban_drop_table();
std::unique_ptr<Rule> make_ban_truncate_cascade();
std::unique_ptr<Rule> make_ban_uncommitted_transaction();
std::unique_ptr<Rule> make_case_sensitive_unique();
std::unique_ptr<Rule> make_changing_column_type();
std::unique_ptr<Rule> make_comparison_with_null();
std::unique_ptr<Rule> make_constraint_missing_not_valid();
std::unique_ptr<Rule> make_correlated_subquery_in_select();
std::unique_ptr<Rule> make_count_for_existence();
std::unique_ptr<Rule> make_create_index_on_pg14_corruption_versions();
std::unique_ptr<Rule> make_disallowed_unique_constraint();
std::unique_ptr<Rule> make_distinct_over_join();
std::unique_ptr<Rule> make_duplicate_index();
std::unique_ptr<Rule> make_eav_table();
std::unique_ptr<Rule> make_enum_type();
std::unique_ptr<Rule> make_fk_type_mismatch();
std::unique_ptr<Rule> make_fk_without_index();
std::unique_ptr<Rule> make_float_for_money();
std::unique_ptr<Rule> make_identifier_too_long();
std::unique_ptr<Rule> make_implicit_cross_join();
std::unique_ptr<Rule> make_innodb_without_primary_key();
std::unique_ptr<Rule> make_large_in_list();
std::unique_ptr<Rule> make_leading_wildcard_like();
std::unique_ptr<Rule> make_limit_without_order_by();
std::unique_ptr<Rule> make_missing_foreign_key();
std::unique_ptr<Rule> make_money_type();
std::unique_ptr<Rule> make_multi_valued_column();
std::unique_ptr<Rule> make_multiple_alter_table();
std::unique_ptr<Rule> make_mysql_fk_column_mismatch();
std::unique_ptr<Rule> make_mysql_implicit_defaults();
std::unique_ptr<Rule> make_mysql_non_transactional_engine();
std::unique_ptr<Rule> make_mysql_online_ddl();
std::unique_ptr<Rule> make_mysql_redundant_pk_suffix();
std::unique_ptr<Rule> make_mysql_signed_auto_increment();
std::unique_ptr<Rule> make_mysql_timestamp_2038();
std::unique_ptr<Rule> make_mysql_utf8mb3();
std::unique_ptr<Rule> make_non_sargable_predicate();
std::unique_ptr<Rule> make_not_in_subquery();
std::unique_ptr<Rule> make_offset_pagination();
std::unique_ptr<Rule> make_or_across_columns();
std::unique_ptr<Rule> make_order_by_random();
std::unique_ptr<Rule> make_polymorphic_association();
std::unique_ptr<Rule> make_prefer_bigint_over_int();
std::unique_ptr<Rule> make_prefer_identity();
std::unique_ptr<Rule> make_prefer_jsonb();
std::unique_ptr<Rule> make_prefer_repack();
std::unique_ptr<Rule> make_prefer_robust_stmts();
std::unique_ptr<Rule> make_prefer_text_field();
std::unique_ptr<Rule> make_prefer_timestamp_tz();
std::unique_ptr<Rule> make_redundant_index();
std::unique_ptr<Rule> make_rename_enum_value();
std::unique_ptr<Rule> make_renaming_column();
std::unique_ptr<Rule> make_renaming_table();
std::unique_ptr<Rule> make_repeated_whole_table_aggregate();
std::unique_ptr<Rule> make_repeating_column_group();
std::unique_ptr<Rule> make_require_concurrent_index_creation();
std::unique_ptr<Rule> make_require_concurrent_index_deletion();
std::unique_ptr<Rule> make_require_concurrent_partition_detach();
std::unique_ptr<Rule> make_require_concurrent_reindex();
std::unique_ptr<Rule> make_require_enum_value_ordering();
std::unique_ptr<Rule> make_require_lock_timeout();
std::unique_ptr<Rule> make_require_statement_timeout();
std::unique_ptr<Rule> make_reserved_word_identifier();
std::unique_ptr<Rule> make_rls_enabled_without_policy();
std::unique_ptr<Rule> make_select_star();
std::unique_ptr<Rule> make_sqlite_foreign_keys_not_enforced();
std::unique_ptr<Rule> make_sqlite_missing_strict();
std::unique_ptr<Rule> make_statement_fails();
std::unique_ptr<Rule> make_statement_too_large();
std::unique_ptr<Rule> make_statements_after_access_exclusive();
std::unique_ptr<Rule> make_status_column_without_check();
std::unique_ptr<Rule> make_syntax_error();
std::unique_ptr<Rule> make_table_without_primary_key();
std::unique_ptr<Rule> make_too_many_indexes();
std::unique_ptr<Rule> make_transaction_nesting();
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
            rules::make_add_exclusion_constraint,
            rules::make_add_stored_generated_column,
            rules::make_adding_field_with_default,
            rules::make_adding_foreign_key_constraint,
            rules::make_adding_not_nullable_field,
            rules::make_adding_required_field,
            rules::make_adding_serial_primary_key_field,
            rules::make_backfill_in_ddl_transaction,
            rules::make_ban_alter_domain_with_add_constraint,
            rules::make_ban_char_field,
            rules::make_ban_concurrent_index_creation_in_transaction,
            rules::make_ban_create_domain_with_constraint,
            rules::make_ban_drop_column,
            rules::make_ban_drop_database,
            rules::make_ban_drop_not_null,
            rules::make_ban_drop_table,
            rules::make_ban_truncate_cascade,
            rules::make_ban_uncommitted_transaction,
            rules::make_case_sensitive_unique,
            rules::make_changing_column_type,
            rules::make_comparison_with_null,
            rules::make_constraint_missing_not_valid,
            rules::make_correlated_subquery_in_select,
            rules::make_count_for_existence,
            rules::make_create_index_on_pg14_corruption_versions,
            rules::make_disallowed_unique_constraint,
            rules::make_distinct_over_join,
            rules::make_duplicate_index,
            rules::make_eav_table,
            rules::make_enum_type,
            rules::make_fk_type_mismatch,
            rules::make_fk_without_index,
            rules::make_float_for_money,
            rules::make_identifier_too_long,
            rules::make_implicit_cross_join,
            rules::make_innodb_without_primary_key,
            rules::make_large_in_list,
            rules::make_leading_wildcard_like,
            rules::make_limit_without_order_by,
            rules::make_missing_foreign_key,
            rules::make_money_type,
            rules::make_multi_valued_column,
            rules::make_multiple_alter_table,
            rules::make_mysql_fk_column_mismatch,
            rules::make_mysql_implicit_defaults,
            rules::make_mysql_non_transactional_engine,
            rules::make_mysql_online_ddl,
            rules::make_mysql_redundant_pk_suffix,
            rules::make_mysql_signed_auto_increment,
            rules::make_mysql_timestamp_2038,
            rules::make_mysql_utf8mb3,
            rules::make_non_sargable_predicate,
            rules::make_not_in_subquery,
            rules::make_offset_pagination,
            rules::make_or_across_columns,
            rules::make_order_by_random,
            rules::make_polymorphic_association,
            rules::make_prefer_bigint_over_int,
            rules::make_prefer_identity,
            rules::make_prefer_jsonb,
            rules::make_prefer_repack,
            rules::make_prefer_robust_stmts,
            rules::make_prefer_text_field,
            rules::make_prefer_timestamp_tz,
            rules::make_redundant_index,
            rules::make_rename_enum_value,
            rules::make_renaming_column,
            rules::make_renaming_table,
            rules::make_repeated_whole_table_aggregate,
            rules::make_repeating_column_group,
            rules::make_require_concurrent_index_creation,
            rules::make_require_concurrent_index_deletion,
            rules::make_require_concurrent_partition_detach,
            rules::make_require_concurrent_reindex,
            rules::make_require_enum_value_ordering,
            rules::make_require_lock_timeout,
            rules::make_require_statement_timeout,
            rules::make_reserved_word_identifier,
            rules::make_rls_enabled_without_policy,
            rules::make_select_star,
            rules::make_sqlite_foreign_keys_not_enforced,
            rules::make_sqlite_missing_strict,
            rules::make_statement_fails,
            rules::make_statement_too_large,
            rules::make_statements_after_access_exclusive,
            rules::make_status_column_without_check,
            rules::make_syntax_error,
            rules::make_table_without_primary_key,
            rules::make_too_many_indexes,
            rules::make_transaction_nesting,
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
