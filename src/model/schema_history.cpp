#include "model/schema_history.h"

#include "model/replay.h"

namespace dbsage {

SchemaHistory::SchemaHistory(const std::vector<Statement>& statements, Schema baseline)
    : m_statements(statements), m_baseline(std::move(baseline)), m_current(m_baseline) {}

const Schema& SchemaHistory::before(size_t index) {
    if (index < m_applied) {
        m_current = m_baseline;
        m_applied = 0;
    }
    for (; m_applied < index && m_applied < m_statements.size(); ++m_applied)
        apply_statement(m_current, m_statements[m_applied]);
    return m_current;
}

Schema SchemaHistory::take_final() {
    before(m_statements.size());
    Schema final_schema = std::move(m_current);
    m_current = m_baseline;
    m_applied = 0;
    return final_schema;
}

}  // namespace dbsage
