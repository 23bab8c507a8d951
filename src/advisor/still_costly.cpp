#include "advisor/still_costly.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "dbsage/lint.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr double k_kept_share = 0.5;     // of its own cost before: the advice did not halve it
constexpr double k_workload_share = 0.05;  // of the workload's cost after: worth a rewrite
constexpr size_t k_most = 5;

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// name as a whole word of sql ("tsv" is not in "to_tsvector").
bool mentions(const std::string& sql, const std::string& name) {
    for (size_t at = sql.find(name); at != std::string::npos; at = sql.find(name, at + 1))
        if ((at == 0 || !identifier_char(sql[at - 1])) && (at + name.size() >= sql.size() || !identifier_char(sql[at + name.size()])))
            return true;
    return false;
}

}  // namespace

void find_still_costly(const std::string& target, AdviceReport& report) {
    std::vector<size_t> costly;
    for (size_t i = 0; i < report.queries.size(); ++i) {
        const auto& q = report.queries[i];
        double weighted = q.weight * q.cost_after;
        if (q.weight > 0 && q.cost_after > k_kept_share * q.cost_before && weighted >= k_workload_share * report.cost_after)
            costly.push_back(i);
    }
    std::sort(costly.begin(), costly.end(), [&](size_t a, size_t b) {
        return report.queries[a].weight * report.queries[a].cost_after > report.queries[b].weight * report.queries[b].cost_after;
    });
    if (costly.size() > k_most) costly.resize(k_most);
    if (costly.empty()) return;

    // The statements, one per paragraph, through the query rules; a
    // finding's line says whose it is.
    char path[] = "/tmp/dbsage-still-costly-XXXXXX.sql";
    int fd = mkstemps(path, 4);
    std::vector<std::pair<int, size_t>> first_lines;  // line a statement starts on, its query
    if (fd >= 0) {
        close(fd);
        std::ofstream out(path);
        int line = 1;
        for (size_t i : costly) {
            std::string sql = report.queries[i].sql;
            while (!sql.empty() && (sql.back() == ';' || sql.back() == '\n' || sql.back() == ' ')) sql.pop_back();
            first_lines.emplace_back(line, i);
            out << sql << ";\n\n";
            line += static_cast<int>(std::count(sql.begin(), sql.end(), '\n')) + 2;
        }
    }
    std::map<size_t, std::vector<std::string>> why;
    if (fd >= 0) {
        LintOptions options;
        options.targets = {path};
        options.baseline = report.sqlite ? "" : target;
        if (auto linted = lint(options); linted) {
            for (const auto& f : linted->findings) {
                auto owner = std::upper_bound(first_lines.begin(), first_lines.end(), std::pair{f.location.line, size_t(-1)});
                if (owner == first_lines.begin()) continue;
                why[std::prev(owner)->second].push_back(f.rule + ": " + f.message);
            }
        }
        std::remove(path);
    }
    for (size_t i : costly) {
        const auto& tables = report.queries[i].tables;
        for (const auto& c : report.uncosted)
            // Its column named in the statement: a candidate of this statement, near enough.
            if (std::find(tables.begin(), tables.end(), c.schema + "." + c.table) != tables.end() &&
                mentions(report.queries[i].sql, c.columns[0].name))
                why[i].push_back("the GIN candidate " + c.key() + " (" + c.reason + ") may serve it: HypoPG cannot cost GIN, --clone builds it on a copy");
        std::string reason = why.count(i) ? join(why[i], "; ")
                                          : "no candidate index halves its cost: it reads much of its tables, or needs an "
                                            "index kind or rewrite dbsage did not try";
        report.still_costly.push_back({i, reason});
    }
}

}  // namespace dbsage
