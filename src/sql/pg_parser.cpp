#include "sql/pg_parser.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <strings.h>

#include <cstdio>
#include <vector>

#include "util/large_stack.h"

namespace dbsage {
namespace {

// simdjson parsers keep their buffers between documents; reusing them avoids
// an allocation per statement. Outcomes borrow one and give it back.
thread_local std::vector<std::unique_ptr<simdjson::dom::parser>> t_pool;

// The tree of a valid statement can nest far deeper than simdjson's default
// 1,024 levels: 510 chained operators or 2,000 UNION branches already do.
// Past this depth (about 20,000 chained operators) a statement is reported,
// not analysed: printing its expressions would take time quadratic in depth.
constexpr size_t k_max_tree_depth = 60000;
// libpg_query prints its tree recursively before we see it: a statement whose
// operator chains could nest deeper than this is refused unparsed.
constexpr size_t k_max_nesting_estimate = 100000;
// Above this a statement's JSON tree (about 40 bytes per input byte for a
// long select list) nears the 1 GB that libpg_query can allocate, past which
// it ends the process: callers refuse such statements first.
constexpr size_t k_hard_max_statement_bytes = size_t{16} << 20;

std::unique_ptr<simdjson::dom::parser> borrow() {
    if (t_pool.empty()) {
        auto parser = std::make_unique<simdjson::dom::parser>();
        // An allocation failure here is retried, and reported, by parse().
        [[maybe_unused]] simdjson::error_code ignored = parser->allocate(4096, k_max_tree_depth);
        return parser;
    }
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

// An upper bound, in practice, on how deeply the parser's tree nests: left-deep
// chains of binary operators and set operations, plus parentheses. Commas,
// AND, OR and statement ends start a new chain (the parser makes lists of
// those). Quoted text and comments are skipped.
size_t nesting_estimate(const std::string& sql) {
    std::vector<size_t> chain(1, 0);
    size_t total = 0, best = 0;
    auto word_at = [&](size_t i, const char* w) {
        size_t n = std::strlen(w);
        if (i + n > sql.size() || strncasecmp(sql.c_str() + i, w, n) != 0) return false;
        bool before = i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1]));
        bool after = i + n == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[i + n]));
        return before && after;
    };
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            size_t end = sql.find(c, i + 1);
            if (end == std::string::npos) break;
            i = end;
            continue;
        }
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            size_t end = sql.find('\n', i);
            if (end == std::string::npos) break;
            i = end;
            continue;
        }
        if (c == '(') {
            chain.push_back(0);
            ++total;
        } else if (c == ')' && chain.size() > 1) {
            total -= chain.back() + 1;
            chain.pop_back();
        } else if (c == ',' || c == ';' || word_at(i, "and") || word_at(i, "or")) {
            total -= chain.back();
            chain.back() = 0;
        } else if (std::strchr("+-*/%^<>=|&#~!@?", c)) {
            while (i + 1 < sql.size() && std::strchr("+-*/%^<>=|&#~!@?", sql[i + 1])) ++i;
            ++chain.back();
            ++total;
        } else if (word_at(i, "union") || word_at(i, "except") || word_at(i, "intersect")) {
            ++chain.back();
            ++total;
        }
        best = std::max(best, total);
    }
    return best;
}

size_t first_invalid_utf8(const std::string& text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > n) return i;
        for (size_t k = 1; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        if (len == 2 && c < 0xC2) return i;  // overlong
        if (len == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0))) return i;
        if (len == 4 && ((c == 0xF0 && p[i + 1] < 0x90) || c > 0xF4 || (c == 0xF4 && p[i + 1] >= 0x90))) return i;
        i += len;
    }
    return std::string::npos;
}

std::string invalid_utf8_message(const std::string& text, size_t at) {
    // PostgreSQL's wording: the offending byte and the one after it.
    char bytes[16];
    if (at + 1 < text.size())
        std::snprintf(bytes, sizeof bytes, "0x%02x 0x%02x", static_cast<unsigned char>(text[at]),
                      static_cast<unsigned char>(text[at + 1]));
    else
        std::snprintf(bytes, sizeof bytes, "0x%02x", static_cast<unsigned char>(text[at]));
    return std::string("invalid byte sequence for encoding \"UTF8\": ") + bytes;
}

ParseOutcome parse_postgres(const std::string& sql) {
    ParseOutcome out;
    auto refuse = [&](std::string why) {
        out.error = std::move(why);
        out.error_offset = 0;
        out.too_large = true;
        return std::move(out);
    };
    // simdjson's SIMD check keeps valid text fast; the scan finds the byte.
    if (!simdjson::validate_utf8(sql.data(), sql.size())) {
        size_t bad = first_invalid_utf8(sql);
        out.error = invalid_utf8_message(sql, bad);
        out.error_offset = static_cast<int>(bad);
        return out;
    }
    if (sql.size() > k_hard_max_statement_bytes)
        return refuse("statement too large to analyse (" + std::to_string(sql.size()) + " bytes)");
    if (sql.size() > k_large_stack_statement_bytes && nesting_estimate(sql) > k_max_nesting_estimate)
        return refuse("statement nested too deeply to analyse");
    if (sql.size() > k_large_stack_statement_bytes && !on_large_stack()) {
        if (!run_on_large_stack([&] { out = parse_postgres(sql); }))
            return refuse("statement too deep to analyse: no thread with a large enough stack could be started");
        return out;
    }
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    if (result.error) {
        out.error = result.error->message ? result.error->message : "syntax error";
        out.error_offset = result.error->cursorpos > 0 ? result.error->cursorpos - 1 : 0;
    } else {
        out.m_parser = borrow();
        simdjson::dom::element root;
        auto code = out.m_parser->parse(result.parse_tree, std::strlen(result.parse_tree)).get(root);
        if (code == simdjson::DEPTH_ERROR) {
            pg_query_free_parse_result(result);
            return refuse("statement nested too deeply to analyse");
        }
        if (code) {
            out.error = std::string("internal error: unreadable parse tree (") + simdjson::error_message(code) + ")";
        } else {
            out.m_root = tree::Json(root);
        }
    }
    pg_query_free_parse_result(result);
    return out;
}

}  // namespace dbsage
