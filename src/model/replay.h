// Applies DDL operations to a Schema in order, the way PostgreSQL would, so a
// dump or a directory of migrations yields the final schema.
#pragma once

#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

// Applies one operation. Operations on objects that do not exist are ignored
// (the schema may be partial); names PostgreSQL would generate for unnamed
// constraints and indexes are generated the same way.
void apply_ddl(Schema& schema, const DdlOp& op);

// Applies every DDL operation of a statement.
void apply_statement(Schema& schema, const Statement& statement);

}  // namespace dbsage
