#include "sql/pg_parser.h"

#include <pg_query.h>

namespace dbsage {

ParseOutcome parse_postgres(const std::string& sql) {
    ParseOutcome out;
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    if (result.error) {
        out.error = result.error->message ? result.error->message : "syntax error";
        out.error_offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    } else {
        out.tree = nlohmann::json::parse(result.parse_tree, nullptr, false);
        if (out.tree.is_discarded()) out.error = "internal error: unreadable parse tree";
    }
    pg_query_free_parse_result(result);
    return out;
}

}  // namespace dbsage
