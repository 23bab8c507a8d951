// PostgreSQL keywords that cannot be used as plain identifiers.
#pragma once

#include <string_view>

namespace dbsage {

// PostgreSQL's reserved keywords (plus "user"), lowercase.
bool is_reserved_keyword(std::string_view word);
// Keywords that need quotes as a column or table name: the reserved ones and
// the type/function-name ones (left, join, like, …).
bool needs_quoting_as_name(std::string_view word);

}  // namespace dbsage
