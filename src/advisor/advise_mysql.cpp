#include "advisor/advise_mysql.h"

#include <chrono>

#include "connectors/mysql/mysql_schema_reader.h"
#include "dbsage/lint.h"

namespace dbsage {

Result<AdviceReport> advise_mysql(const AdviseOptions& options) {
    auto started = std::chrono::steady_clock::now();
    AdviceReport report;
    Workspace ws;
    if (Status read = read_mysql_schema(options.target, ws); !read.is_ok()) return read;
    report.target = ws.live_target;
    for (auto& n : ws.notes) report.notes.push_back(std::move(n));
    if (!options.query_files.empty() || !options.workload_files.empty())
        report.notes.push_back("new indexes are not advised on MySQL/MariaDB: that needs the planner's what-if costs, "
                               "which dbsage has from PostgreSQL (HypoPG) and SQLite; the existing indexes are judged");
    if (!options.hygiene) return report;
    for (const auto& t : ws.schema.tables)
        for (const auto& i : t.indexes) {
            // Primary and unique keys enforce something, whatever their reads.
            if (i.primary || i.unique || !i.scans || *i.scans > 0) continue;
            std::uint64_t bytes = i.size_bytes ? static_cast<std::uint64_t>(*i.size_bytes) : 0;
            if (i.size_bytes && bytes < options.unused_min_bytes) continue;
            report.existing.push_back({"unused", t.qualified() + "." + i.name,
                                       "index " + i.name + " on " + t.name + " was not read once since the server started "
                                       "(performance_schema.table_io_waits_summary_by_index_usage); check replicas and "
                                       "monthly jobs before dropping it, or make it INVISIBLE first to test",
                                       "ALTER TABLE " + t.schema + "." + t.name + " DROP INDEX " + i.name + ", ALGORITHM=INPLACE, LOCK=NONE;",
                                       bytes});
        }
    auto set = lint_index_rules(options.target, {"duplicate-index", "redundant-index", "mysql-redundant-pk-suffix"}, report.notes);
    report.existing.insert(report.existing.end(), set.begin(), set.end());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace dbsage
