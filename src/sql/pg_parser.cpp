#include "sql/pg_parser.h"

#include <pg_query.h>

#include <cstring>

#include <vector>

namespace dbsage {
namespace {

// simdjson parsers keep their buffers between documents; reusing them avoids
// an allocation per statement. Outcomes borrow one and give it back.
thread_local std::vector<std::unique_ptr<simdjson::dom::parser>> t_pool;

std::unique_ptr<simdjson::dom::parser> borrow() {
    if (t_pool.empty()) return std::make_unique<simdjson::dom::parser>();
    auto parser = std::move(t_pool.back());
    t_pool.pop_back();
    return parser;
}

}  // namespace

ParseOutcome::ParseOutcome() = default;
ParseOutcome::ParseOutcome(ParseOutcome&&) noexcept = default;
ParseOutcome& ParseOutcome::operator=(ParseOutcome&&) noexcept = default;
ParseOutcome::~ParseOutcome() {
    if (m_parser && t_pool.size() < 8) t_pool.push_back(std::move(m_parser));
}

ParseOutcome parse_postgres(const std::string& sql) {
    ParseOutcome out;
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    if (result.error) {
        out.error = result.error->message ? result.error->message : "syntax error";
        out.error_offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    } else {
        out.m_parser = borrow();
        simdjson::dom::element root;
        if (out.m_parser->parse(result.parse_tree, std::strlen(result.parse_tree)).get(root))
            out.error = "internal error: unreadable parse tree";
        else
            out.m_root = tree::Json(root);
    }
    pg_query_free_parse_result(result);
    return out;
}

}  // namespace dbsage
