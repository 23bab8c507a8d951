// MySQL/MariaDB column types in the model's vocabulary.
#pragma once

#include <string>

#include "model/schema.h"

namespace dbsage {

// Fills column.type/typmods (the model's canonical names: int4, varchar,
// timestamp, …), is_unsigned and engine_type from information_schema's
// DATA_TYPE and COLUMN_TYPE. tinyint(1) is bool; DATETIME is timestamp and
// TIMESTAMP timestamptz (stored in UTC, shown in the session's zone).
void set_mysql_type(Column& column, const std::string& data_type, const std::string& column_type);

// The character set of a collation name: utf8mb4_general_ci -> utf8mb4,
// utf8_general_ci -> utf8mb3.
std::string charset_of_collation(const std::string& collation);

// True for a collation that compares without case (*_ci), as MySQL's
// default collations do.
bool collation_ignores_case(const std::string& collation);

}  // namespace dbsage
