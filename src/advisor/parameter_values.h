// Statements from pg_stat_statements carry $n where their constants were.
// Where each $n is compared with a column, a typical value of that column
// (pg_stats: the histogram's median, else its most common value) stands in,
// so the planner costs a real lookup, not a generic plan; LIMIT $n becomes
// 20 and OFFSET $n 0. A statement with a $n that is not so placed keeps its
// $n and is costed as a generic plan.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "advisor/workload_entries.h"
#include "connectors/postgres/pg_connection.h"
#include "model/schema.h"

namespace dbsage {

// The highest $n parameter of a statement (0: none), outside strings and
// comments: such a statement has no constants to plan or run with.
int highest_parameter(const std::string& sql);

// sql with each $n outside strings and comments replaced by values[n]
// (left as it is when values has none).
std::string substitute_parameters(const std::string& sql, const std::map<int, std::string>& values);

// Fills in the parameters of entries as above, reading pg_stats through
// conn; returns how many statements got values.
int fill_parameter_values(PgConnection& conn, const Schema& schema, std::vector<Entry>& entries);

}  // namespace dbsage
