// Reading fields of a server's result rows. libpq (PgRow) and MariaDB
// Connector/C (MyRow) rows are both this type: NULL is an empty optional.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace dbsage {

using DbRow = std::vector<std::optional<std::string>>;

// Field i as text; NULL, or a field past the end, reads as "".
inline std::string field_text(const DbRow& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
// Field i as a number; NULL, past the end or not a number reads as 0.
inline double field_number(const DbRow& row, size_t i) { return i < row.size() && row[i] ? std::atof(row[i]->c_str()) : 0.0; }

}  // namespace dbsage
