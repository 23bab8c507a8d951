#include "advisor/index_size.h"

#include <algorithm>
#include <cmath>

namespace dbsage {
namespace {

constexpr double k_usable_page = 8152;  // 8 kB less the page header and B-tree special space
constexpr double k_fillfactor = 0.9;
constexpr double k_tuple_overhead = 8 + 4;  // index tuple header, line pointer
constexpr double k_posting_item = 6;        // one more row pointer in a deduplicated entry

// Types whose equality is not bytewise, for which PostgreSQL does not deduplicate.
bool deduplicates(const Column& column) {
    return column.type != "numeric" && column.type != "float4" && column.type != "float8" && column.type != "jsonb" &&
           !column.is_array;
}

}  // namespace

std::uint64_t corrected_index_size(const IndexCandidate& index, const Schema& schema, std::uint64_t hypopg_bytes) {
    const Table* t = schema.find_table(index.schema, index.table);
    if (!t || index.method != "btree" || !index.where.empty() || !t->row_estimate || *t->row_estimate <= 0) return hypopg_bytes;
    double rows = static_cast<double>(*t->row_estimate);
    double width = 0, distinct = 1;
    bool dedup = index.include.empty();
    std::vector<std::string> names;
    for (const auto& key : index.columns) names.push_back(key.name);
    for (size_t i = 0; i < names.size() + index.include.size(); ++i) {
        const std::string& name = i < names.size() ? names[i] : index.include[i - names.size()];
        const Column* c = t->find_column(name);
        if (!c || !c->stats.avg_width || (i < names.size() && index.columns[i].expression)) return hypopg_bytes;
        width += *c->stats.avg_width;
        if (i >= names.size()) continue;
        dedup = dedup && deduplicates(*c);
        double n = c->stats.n_distinct.value_or(-1);
        distinct *= n < 0 ? -n * rows : n;
    }
    double keys = dedup ? std::min(rows, std::max(1.0, distinct)) : rows;
    double entry = k_tuple_overhead + std::ceil(width / 8) * 8;
    double bytes = keys * entry + (rows - keys) * k_posting_item;
    double pages = std::ceil(bytes / (k_usable_page * k_fillfactor)) * 1.01 + 1;  // leaves, inner pages, the meta page
    return std::min(hypopg_bytes, static_cast<std::uint64_t>(pages * 8192));
}

}  // namespace dbsage
