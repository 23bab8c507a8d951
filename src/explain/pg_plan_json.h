// PostgreSQL's EXPLAIN (FORMAT JSON) as a Plan: the bare JSON, or psql's
// output of it (a "QUERY PLAN" header, a rule, "+" at the ends of lines and a
// row count).
#pragma once

#include <string>

#include "dbsage/status.h"
#include "model/plan.h"

namespace dbsage {

// text without psql's framing of a one-column result: the "QUERY PLAN"
// header, the rule, the " +" continuation marks, the "(N rows)" count and the
// command tags of statements before it (SET, BEGIN). Indentation is kept.
std::string strip_psql_framing(const std::string& text);

// True when text looks like EXPLAIN (FORMAT JSON) output, psql's or bare.
bool is_postgres_json_plan(const std::string& text);

// The plan in text; an error naming source and what is wrong with it
// (not JSON, truncated, no "Plan") otherwise.
Result<Plan> read_postgres_json_plan(const std::string& text, const std::string& source);

}  // namespace dbsage
