// Normalized text for expressions, so that the same expression written in a
// file or read back from a catalog compares equal (casts dropped, keywords
// lowercased, minimal parentheses).
#pragma once

#include <string>
#include <vector>

#include "sql/json_tree.h"

namespace dbsage {

std::string expr_text(const tree::Json& node);
// Column names referenced anywhere in an expression (last field of ColumnRef).
void collect_columns(const tree::Json& node, std::vector<std::string>& out);
// The canonical type name for a TypeName body: int4, varchar, timestamptz, …
std::string canonical_type(const tree::Json& type_name, bool* serial = nullptr);

}  // namespace dbsage
