#include "advisor/parameter_values.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>

#include "model/workspace.h"
#include "sql/script_reader.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr const char* k_limit = "20";   // a page of results
constexpr const char* k_offset = "0";

// The $n a predicate compares with: the first one in its text.
int parameter_at(const std::string& sql, int offset) {
    if (offset < 0) return 0;
    for (size_t i = static_cast<size_t>(offset); i + 1 < sql.size() && i < static_cast<size_t>(offset) + 200; ++i)
        if (sql[i] == '$' && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) return std::atoi(sql.c_str() + i + 1);
    return 0;
}

class Values {
public:
    Values(PgConnection& conn, const Schema& schema) : m_conn(conn), m_schema(schema) {}

    // A typical value of the column the predicate names, as a SQL literal.
    std::string of(const Query& q, const Predicate& p) {
        const Table* table = nullptr;
        for (const auto& ref : q.tables) {
            const Table* t = m_schema.find_table(ref.schema, ref.name);
            bool named = p.qualifier.empty() || p.qualifier == (ref.alias.empty() ? ref.name : ref.alias);
            if (t && named && t->find_column(p.column)) table = t;
        }
        if (!table) return "";
        std::string key = table->schema + "." + table->name + "." + p.column;
        if (auto it = m_cache.find(key); it != m_cache.end()) return it->second;
        auto rows = m_conn.query(
            "SELECT coalesce((histogram_bounds::text::text[])[array_length(histogram_bounds::text::text[], 1) / 2 + 1], "
            "(most_common_vals::text::text[])[1]) FROM pg_stats WHERE schemaname = " + quote_literal(table->schema) +
            " AND tablename = " + quote_literal(table->name) + " AND attname = " + quote_literal(p.column));
        std::string value = rows && !rows->empty() && (*rows)[0][0] ? quote_literal(*(*rows)[0][0]) : "";
        m_cache.emplace(key, value);
        return value;
    }

private:
    PgConnection& m_conn;
    const Schema& m_schema;
    std::map<std::string, std::string> m_cache;
};

// Calls found(begin, end, n) for each $n outside strings and comments.
void scan_parameters(const std::string& sql, const std::function<void(size_t, size_t, int)>& found) {
    char quote = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = std::min(sql.find('\n', i), sql.size());
        } else if (c == '$' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])) &&
                   (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1])))) {
            size_t end = i + 1;
            while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
            found(i, end, std::atoi(sql.c_str() + i + 1));
            i = end - 1;
        }
    }
}

}  // namespace

int highest_parameter(const std::string& sql) {
    int highest = 0;
    scan_parameters(sql, [&](size_t, size_t, int n) { highest = std::max(highest, n); });
    return highest;
}

std::string substitute_parameters(const std::string& sql, const std::map<int, std::string>& values) {
    std::string out;
    size_t copied = 0;
    scan_parameters(sql, [&](size_t begin, size_t end, int n) {
        auto it = values.find(n);
        if (it == values.end()) return;
        out += sql.substr(copied, begin - copied) + it->second;
        copied = end;
    });
    return out + sql.substr(copied);
}

int fill_parameter_values(PgConnection& conn, const Schema& schema, std::vector<Entry>& entries) {
    Values values(conn, schema);
    int filled = 0;
    for (auto& e : entries) {
        int highest = highest_parameter(e.query.sql);
        if (highest == 0) continue;
        Workspace ws;
        read_sql_text(e.query.origin, e.query.sql, ws);
        if (ws.statements.size() != 1 || !ws.statements[0].query) continue;
        std::map<int, std::string> found;
        std::function<void(const Query&)> walk = [&](const Query& q) {
            for (const auto& p : q.predicates) {
                if (p.operand != Predicate::Operand::parameter) continue;
                int n = parameter_at(e.query.sql, p.offset);
                std::string value = n ? values.of(q, p) : "";
                if (n && !value.empty()) found.emplace(n, value);
            }
            if (q.limit && q.limit->size() > 1 && (*q.limit)[0] == '$') found.emplace(std::atoi(q.limit->c_str() + 1), k_limit);
            if (q.offset && q.offset->size() > 1 && (*q.offset)[0] == '$') found.emplace(std::atoi(q.offset->c_str() + 1), k_offset);
            for (const auto& c : q.ctes) walk(c);
            for (const auto& s : q.subqueries) walk(s);
        };
        walk(*ws.statements[0].query);
        bool all = true;
        for (int n = 1; n <= highest && all; ++n) all = found.count(n) > 0;
        if (!all) continue;
        e.query.sql = substitute_parameters(e.query.sql, found);
        ++filled;
    }
    return filled;
}

}  // namespace dbsage
