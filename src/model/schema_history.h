// The schema as it stood before each statement of a run, for analyses that
// judge a statement against the schema it will meet (migration rules).
#pragma once

#include <vector>

#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

class SchemaHistory {
public:
    // statements must outlive the history; baseline is the schema before the
    // first statement (empty, or read from a database).
    SchemaHistory(const std::vector<Statement>& statements, Schema baseline);

    // The schema before statements[index] ran: baseline plus the DDL of every
    // earlier statement. Cheap when indexes are asked in increasing order
    // (each statement is replayed once); asking for an earlier index replays
    // from the baseline again.
    const Schema& before(size_t index);

    // The schema after the last statement, moved out (no copy of a large
    // schema); the history starts again from the baseline afterwards.
    Schema take_final();

private:
    const std::vector<Statement>& m_statements;
    Schema m_baseline;
    Schema m_current;
    size_t m_applied = 0;
};

}  // namespace dbsage
