// PostgreSQL's EXPLAIN in its text format, the form people paste: with or
// without ANALYZE and BUFFERS, bare or as psql prints it (a "QUERY PLAN"
// header, a rule, "+" continuations, a row count).
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/plan.h"

namespace dbsage {

// True when text has a node line ("… (cost=0.00..1.00 rows=1 width=4)").
bool is_postgres_text_plan(const std::string& text);

// The plan in text, its tree rebuilt from the indentation; an error naming
// source and line when the tree is broken (a child before any parent).
Result<Plan> read_postgres_text_plan(const std::string& text, const std::string& source);

}  // namespace dbsage
