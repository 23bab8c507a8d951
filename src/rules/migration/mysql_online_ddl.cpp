#include "rules/helpers.h"
#include "dialect/mysql_online_ddl.h"
#include "rules/rule.h"
#include "util/strings.h"

namespace dbsage::rules {
namespace {

// Reads the online DDL verdict the MySQL dialect reader attached to each
// ALTER TABLE / CREATE INDEX / DROP INDEX: predicted, and observed when the
// scratch MariaDB ran it.
class MysqlOnlineDdl final : public Rule {
public:
    const RuleInfo& info() const override {
        static const RuleInfo k_info{"mysql-online-ddl", "migration", Severity::warning,
                                     "ALTER TABLE copies the table or blocks writes (MySQL online DDL)", k_mysql, {}};
        return k_info;
    }

    void check(const Context& ctx, FindingSink& sink) const override {
        for (const auto& st : ctx.statements) {
            if (!st.online_ddl || st.kind == StatementKind::invalid) continue;
            const OnlineDdl& d = *st.online_ddl;
            if (d.new_table) continue;
            DdlAlgorithm algorithm = d.observed_algorithm.value_or(d.algorithm);
            DdlLock lock = d.observed_lock.value_or(d.lock);
            if (algorithm != DdlAlgorithm::copy && lock == DdlLock::none) continue;
            std::string what = algorithm == DdlAlgorithm::copy
                                   ? "copies " + d.table + " row by row into a new table (ALGORITHM=COPY), blocking writes until it ends"
                                   : "blocks writes to " + d.table + " while it runs (ALGORITHM=INPLACE, LOCK=SHARED)";
            std::string evidence = "predicted because " + d.reason;
            if (d.observed_algorithm)
                evidence += "; the scratch server accepted ALGORITHM=" + std::string(to_string(*d.observed_algorithm)) +
                            (d.observed_lock && *d.observed_lock != DdlLock::none ? ", LOCK=" + std::string(to_string(*d.observed_lock)) : "") +
                            " and refused the lighter ones";
            if (!d.known_table) evidence += "; dbsage has no definition of " + d.table + ", so it assumes it exists and is in use";
            std::string body = statement_body(st.text);
            std::string alter = clauses_of_alter(body);
            std::string db = d.table.find('.') == std::string::npos ? "DATABASE" : d.table.substr(0, d.table.find('.'));
            std::string table = d.table.substr(d.table.find('.') == std::string::npos ? 0 : d.table.find('.') + 1);
            sink.report(st.location, "this statement " + what,
                        evidence + ". On a large or busy table run it with an online schema change tool, which copies "
                        "in the background and swaps the tables at the end:\n    pt-online-schema-change --alter \"" + alter +
                            "\" D=" + db + ",t=" + table + " --execute\n    gh-ost --alter=\"" + alter + "\" --database=" + db +
                            " --table=" + table + " --execute\nor add ALGORITHM=INPLACE, LOCK=NONE so the server refuses "
                            "instead of locking (the fix)",
                        with_algorithm(body, "INPLACE", "NONE") + ";");
        }
    }

private:
    // The clauses of "ALTER TABLE t clauses", as pt-online-schema-change and gh-ost take them.
    static std::string clauses_of_alter(const std::string& body) {
        std::string lower = to_lower(body);
        auto table_at = lower.find("table");
        if (lower.rfind("alter", 0) != 0 || table_at == std::string::npos) return body;
        size_t i = table_at + 5;
        while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
        while (i < body.size() && !std::isspace(static_cast<unsigned char>(body[i]))) ++i;  // the table name
        while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
        std::string out = body.substr(i);
        for (auto& c : out)
            if (c == '"') c = '\'';
        return out;
    }
};

}  // namespace

std::unique_ptr<Rule> make_mysql_online_ddl() { return std::make_unique<MysqlOnlineDdl>(); }

}  // namespace dbsage::rules
