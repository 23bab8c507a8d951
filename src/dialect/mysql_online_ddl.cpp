#include "dialect/mysql_online_ddl.h"

#include <algorithm>
#include <regex>

#include "util/strings.h"

namespace dbsage {
namespace {

// Words of a clause, lower-case, quotes removed from identifiers; string
// literals and parenthesized groups kept as one word each.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c)) || c == '=') {
            ++i;
        } else if (c == '`' || c == '"' || c == '\'') {
            size_t end = text.find(c, i + 1);
            if (end == std::string::npos) end = text.size();
            std::string word = text.substr(i + 1, end - i - 1);
            out.push_back(c == '\'' ? "'" + word + "'" : to_lower(word));
            i = end + 1;
        } else if (c == '(') {
            int depth = 0;
            size_t start = i;
            for (; i < text.size(); ++i) {
                if (text[i] == '(') ++depth;
                if (text[i] == ')' && --depth == 0) break;
            }
            out.push_back(to_lower(text.substr(start, i - start + 1)));
            ++i;
        } else {
            size_t start = i;
            while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != '(' && text[i] != '=' &&
                   text[i] != ',')
                ++i;
            if (i == start) ++i;
            out.push_back(to_lower(text.substr(start, i - start)));
        }
    }
    return out;
}

// The clauses of an ALTER TABLE: split at commas outside quotes and parentheses.
std::vector<std::string> clauses_of(const std::string& text) {
    std::vector<std::string> out;
    int depth = 0;
    char quote = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == '\\' && quote != '`') ++i;
            else if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(text.substr(start));
    return out;
}

struct Head {
    enum class Kind { none, alter, create_index, drop_index } kind = Kind::none;
    std::string table;
    std::string body;        // ALTER TABLE: the clauses; CREATE/DROP INDEX: the whole statement
    std::string index_kind;  // CREATE INDEX: "", "unique", "fulltext", "spatial"
    std::string index_written, table_written;  // DROP INDEX: the names as written
};

Head head_of(const std::string& sql) {
    static const std::regex k_alter(R"(^\s*ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?)\s*([\s\S]*)$)",
                                    std::regex::icase);
    static const std::regex k_create(R"(^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:(UNIQUE|FULLTEXT|SPATIAL)\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:`[^`]+`|\w+)[\s\S]*?\bON\s+((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?))",
                                     std::regex::icase);
    static const std::regex k_drop(R"(^\s*DROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?(`[^`]+`|\w+)\s+ON\s+((?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+))?))",
                                   std::regex::icase);
    auto name = [](const std::string& written) {
        std::string out;
        for (char c : written)
            if (c != '`') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    };
    Head h;
    std::smatch m;
    if (std::regex_search(sql, m, k_alter)) {
        h.kind = Head::Kind::alter;
        h.table = name(m[1].str());
        h.body = m[2].str();
    } else if (std::regex_search(sql, m, k_create)) {
        h.kind = Head::Kind::create_index;
        h.table = name(m[2].str());
        h.index_kind = to_lower(m[1].str());
        h.body = sql;
    } else if (std::regex_search(sql, m, k_drop)) {
        h.kind = Head::Kind::drop_index;
        h.table = name(m[2].str());
        h.body = sql;
        h.index_written = m[1].str();
        h.table_written = m[2].str();
    }
    return h;
}

bool has(const std::vector<std::string>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

int max_bytes_per_char(const std::string& charset) {
    if (charset == "utf8mb4") return 4;
    if (charset == "utf8mb3" || charset == "utf8") return 3;
    if (charset == "ucs2" || charset == "utf16") return 4;
    return 1;
}

// The type words of a column definition, up to its attributes.
std::string type_of(const std::vector<std::string>& words, size_t from) {
    static const std::vector<std::string> k_stop = {"not", "null", "default", "auto_increment", "comment", "first", "after",
                                                    "character", "charset", "collate", "on", "generated", "as", "primary",
                                                    "unique", "key", "invisible", "visible", "check", "references"};
    std::string out;
    for (size_t i = from; i < words.size(); ++i) {
        if (std::find(k_stop.begin(), k_stop.end(), words[i]) != k_stop.end()) break;
        if (!out.empty() && words[i][0] != '(') out += " ";
        out += words[i];
    }
    // int(11) and int are one type.
    static const std::regex k_width(R"(^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\))");
    return std::regex_replace(out, k_width, "$1");
}

class Predictor {
public:
    Predictor(const Table* table, const MysqlTarget& target, bool fk_checks) : m_table(table), m_target(target), m_fk_checks(fk_checks) {}

    OnlineDdl result;

    void clause(const std::string& text) {
        auto w = words_of(text);
        if (w.empty()) return;
        const std::string& a = w[0];
        const std::string b = w.size() > 1 ? w[1] : "";
        if (a == "algorithm" || a == "lock") return;
        if (a == "add") return add(w);
        if (a == "drop") return drop(w);
        if (a == "modify" || a == "change") return change(w);
        if (a == "alter") {
            size_t c = b == "column" ? 2 : 1;
            if (c + 1 < w.size() && (w[c + 1] == "set" || w[c + 1] == "drop")) return take(DdlAlgorithm::instant, DdlLock::none, false, "a column default changes");
            return take(DdlAlgorithm::inplace, DdlLock::none, false, "an index or column changes visibility");
        }
        if (a == "rename") {
            if (b == "column") return take(mysql_before(80028) ? DdlAlgorithm::inplace : DdlAlgorithm::instant, DdlLock::none, false, "a column is renamed");
            if (b == "index" || b == "key") return take(DdlAlgorithm::instant, DdlLock::none, false, "an index is renamed");
            return take(DdlAlgorithm::instant, DdlLock::none, false, "the table is renamed");
        }
        if (a == "convert") return take(DdlAlgorithm::copy, DdlLock::shared, true, "CONVERT TO CHARACTER SET rewrites every row");
        if (a == "engine") {
            bool same = w.size() > 1 && m_table && to_lower(m_table->engine) == b;
            if (m_table && !same) return take(DdlAlgorithm::copy, DdlLock::shared, true, "the storage engine changes");
            return rebuild("ENGINE=" + b + " rebuilds the table");
        }
        if (a == "force" || a == "row_format" || a == "key_block_size") return rebuild(to_upper(a) + " rebuilds the table");
        if (a == "comment") return take(DdlAlgorithm::instant, DdlLock::none, false, "the table comment changes");
        if (a == "auto_increment")
            return take(m_target.mariadb ? DdlAlgorithm::instant : DdlAlgorithm::inplace, DdlLock::none, false,
                        "the AUTO_INCREMENT counter is set");
        if ((a == "default" && (b == "character" || b == "charset" || b == "collate")) || a == "character" || a == "charset" || a == "collate")
            return take(m_target.mariadb ? DdlAlgorithm::instant : DdlAlgorithm::inplace, DdlLock::none, false,
                        "the default character set for new columns changes");
        if (a == "order") return take(DdlAlgorithm::copy, DdlLock::shared, true, "ORDER BY rewrites the table");
        if (text.find("partition") != std::string::npos || a == "coalesce" || a == "reorganize" || a == "remove" ||
            a == "exchange" || a == "truncate" || a == "rebuild" || a == "optimize" || a == "analyze")
            return take(DdlAlgorithm::copy, DdlLock::shared, true, "a partitioning change (predicted as COPY)");
        take(DdlAlgorithm::copy, DdlLock::shared, true, "an unrecognized clause '" + a + "' (assumed COPY)");
    }

    void index(const std::string& kind, const std::string& what) {
        if (kind == "fulltext" || kind == "spatial") {
            bool first_fulltext = kind == "fulltext" && !has_fulltext();
            return take(DdlAlgorithm::inplace, DdlLock::shared, first_fulltext, "a " + to_upper(kind) + " index is built");
        }
        take(DdlAlgorithm::inplace, DdlLock::none, false, what);
    }

    void finish() {
        // INSTANT applies only when every clause is instant: an added or dropped
        // column next to an index build makes the whole statement a rebuild.
        if (m_instant_column && result.algorithm == DdlAlgorithm::inplace && !result.rebuild) {
            result.rebuild = true;
            result.reason += ", next to a column added or dropped, which then rebuilds the table";
        }
        // A table with a FULLTEXT index cannot be rebuilt in place while writes go on.
        if (result.rebuild && result.algorithm == DdlAlgorithm::inplace && result.lock == DdlLock::none && has_fulltext()) {
            result.lock = DdlLock::shared;
            result.reason += " (the table has a FULLTEXT index)";
        }
    }

private:
    bool mysql_before(int version) const { return !m_target.mariadb && m_target.version < version; }
    bool mariadb_before(int version) const { return m_target.mariadb && m_target.version < version; }
    bool has_fulltext() const {
        return m_table && std::any_of(m_table->indexes.begin(), m_table->indexes.end(), [](const Index& i) { return i.method == "fulltext"; });
    }

    void take(DdlAlgorithm algorithm, DdlLock lock, bool rebuilds, const std::string& reason) {
        bool worse = algorithm > result.algorithm || (algorithm == result.algorithm && lock > result.lock) ||
                     (algorithm == result.algorithm && lock == result.lock && rebuilds && !result.rebuild) || result.reason.empty();
        if (algorithm > result.algorithm) result.algorithm = algorithm;
        if (lock > result.lock) result.lock = lock;
        result.rebuild = result.rebuild || rebuilds;
        if (worse) result.reason = reason;
    }
    void rebuild(const std::string& reason) { take(DdlAlgorithm::inplace, DdlLock::none, true, reason); }

    void add(const std::vector<std::string>& w) {
        const std::string b = w.size() > 1 ? w[1] : "";
        size_t i = 1;
        if (b == "constraint") i = w.size() > 2 && w[2] != "foreign" && w[2] != "check" && w[2] != "primary" && w[2] != "unique" ? 3 : 2;
        const std::string k = i < w.size() ? w[i] : "";
        if (k == "primary") {
            if (m_table && m_table->primary_key()) dropped_pk_readded = true;
            bool nullable = false;
            if (m_table)
                for (const auto& word : w)
                    if (!word.empty() && word[0] == '(')
                        for (const auto& col : m_table->columns)
                            if (!col.not_null && word.find(col.name) != std::string::npos) nullable = true;
            if (nullable) return take(DdlAlgorithm::copy, DdlLock::shared, true, "the primary key's columns must become NOT NULL");
            return rebuild("a primary key is added: InnoDB reorganizes the table around it");
        }
        if (k == "foreign") {
            if (m_fk_checks) return take(DdlAlgorithm::copy, DdlLock::shared, true, "ADD FOREIGN KEY with foreign_key_checks on copies the table");
            // MariaDB only records the key when an index already leads with its columns.
            if (m_target.mariadb && fk_index_exists(w))
                return take(DdlAlgorithm::instant, DdlLock::none, false, "ADD FOREIGN KEY with foreign_key_checks off, on indexed columns");
            return take(DdlAlgorithm::inplace, DdlLock::none, false, "ADD FOREIGN KEY with foreign_key_checks off");
        }
        if (k == "check") return take(DdlAlgorithm::copy, DdlLock::shared, true, "ADD CHECK checks every row by copying the table");
        if (k == "fulltext" || k == "spatial") return index(k, "");
        if (k == "index" || k == "key" || k == "unique") return index("", "a secondary index is built");
        if (k == "partition") return take(DdlAlgorithm::copy, DdlLock::shared, true, "a partitioning change (predicted as COPY)");
        // ADD [COLUMN] definition
        size_t name_at = b == "column" ? 2 : 1;
        if (name_at < w.size() && w[name_at][0] == '(')
            return take(DdlAlgorithm::copy, DdlLock::shared, true, "several columns added at once (assumed COPY)");
        if (has(w, "auto_increment"))
            return take(DdlAlgorithm::inplace, DdlLock::shared, true, "an AUTO_INCREMENT column is filled while the table is rebuilt");
        if (has(w, "stored") || has(w, "persistent")) return take(DdlAlgorithm::copy, DdlLock::shared, true, "a stored generated column is computed by copying the table");
        bool positioned = has(w, "first") || has(w, "after");
        if (mysql_before(80012) || mariadb_before(100300)) return rebuild("a column is added (no INSTANT ADD COLUMN on this version)");
        if (positioned && (mysql_before(80029) || mariadb_before(100400)))
            return rebuild("a column is added FIRST/AFTER (INSTANT only as the last column on this version)");
        m_instant_column = true;
        take(DdlAlgorithm::instant, DdlLock::none, false, "a column is added");
    }

    // True when an index of the table starts with the columns of "FOREIGN KEY (a, b)".
    bool fk_index_exists(const std::vector<std::string>& w) const {
        if (!m_table) return false;
        for (size_t i = 0; i + 2 < w.size(); ++i) {
            if (w[i] != "foreign" || w[i + 1] != "key") continue;
            std::string cols = w[i + 2][0] == '(' ? w[i + 2] : (i + 3 < w.size() ? w[i + 3] : "");
            std::vector<std::string> names;
            for (auto& part : split(cols.substr(1, cols.size() > 1 ? cols.size() - 2 : 0), ',')) {
                std::string n;
                for (char c : part)
                    if (c != '`' && !std::isspace(static_cast<unsigned char>(c))) n += c;
                names.push_back(n);
            }
            for (const auto& index : m_table->indexes) {
                if (index.keys.size() < names.size()) continue;
                bool leads = true;
                for (size_t k = 0; k < names.size(); ++k) leads = leads && index.keys[k].column == names[k];
                if (leads) return true;
            }
        }
        return false;
    }

    void drop(const std::vector<std::string>& w) {
        const std::string b = w.size() > 1 ? w[1] : "";
        if (b == "index" || b == "key") return take(DdlAlgorithm::inplace, DdlLock::none, false, "an index is dropped");
        if (b == "primary") return take(DdlAlgorithm::copy, DdlLock::shared, true, "the primary key is dropped: the table is copied");
        if (b == "foreign" || b == "constraint" || b == "check")
            return take(m_target.mariadb ? DdlAlgorithm::instant : DdlAlgorithm::inplace, DdlLock::none, false, "a constraint is dropped");
        if (b == "partition") return take(DdlAlgorithm::inplace, DdlLock::none, false, "a partition is dropped");
        if (mysql_before(80029) || mariadb_before(100400)) return rebuild("a column is dropped (no INSTANT DROP COLUMN on this version)");
        m_instant_column = true;
        take(DdlAlgorithm::instant, DdlLock::none, false, "a column is dropped");
    }

    void change(const std::vector<std::string>& w) {
        size_t i = w.size() > 1 && w[1] == "column" ? 2 : 1;
        if (i >= w.size()) return;
        std::string old_name = w[i];
        bool renamed = false;
        if (w[0] == "change") {
            ++i;
            if (i >= w.size()) return;
            renamed = w[i] != old_name;
        }
        std::string new_type = type_of(w, i + 1);
        const Column* col = m_table ? m_table->find_column(old_name) : nullptr;
        if (!col) return take(DdlAlgorithm::copy, DdlLock::shared, true, "column " + old_name + " changes and dbsage has no definition of it (assumed a type change)");
        std::string old_type = type_of(words_of(col->engine_type), 0);
        bool now_not_null = has(w, "not");
        if (has(w, "auto_increment") && !col->auto_increment)
            return take(DdlAlgorithm::copy, DdlLock::shared, true, "column " + old_name + " becomes AUTO_INCREMENT");
        if (new_type != old_type) {
            static const std::regex k_varchar(R"(^varchar\((\d+)\)$)");
            std::smatch a, b;
            if (std::regex_match(old_type, a, k_varchar) && std::regex_match(new_type, b, k_varchar) &&
                std::stoi(b[1].str()) >= std::stoi(a[1].str()) && now_not_null == col->not_null) {
                if (m_target.mariadb && !mariadb_before(100400))
                    return take(DdlAlgorithm::instant, DdlLock::none, false, "a VARCHAR is widened");
                int bytes = max_bytes_per_char(col->charset.empty() && m_table ? m_table->charset : col->charset);
                bool crosses = (std::stoi(a[1].str()) * bytes <= 255) != (std::stoi(b[1].str()) * bytes <= 255);
                if (!crosses) return take(DdlAlgorithm::inplace, DdlLock::none, false, "a VARCHAR is widened within its length prefix");
                return take(DdlAlgorithm::copy, DdlLock::shared, true, "a VARCHAR grows past 255 bytes, so its length prefix grows");
            }
            return take(DdlAlgorithm::copy, DdlLock::shared, true, "column " + old_name + " changes type from " + old_type + " to " + new_type);
        }
        if (now_not_null != col->not_null)
            return rebuild(std::string("column ") + old_name + (now_not_null ? " becomes NOT NULL" : " becomes nullable"));
        if (renamed) return take(mysql_before(80028) ? DdlAlgorithm::inplace : DdlAlgorithm::instant, DdlLock::none, false, "a column is renamed");
        take(DdlAlgorithm::instant, DdlLock::none, false, "column " + old_name + "'s default or comment changes");
    }

public:
    bool dropped_pk_readded = false;

private:
    const Table* m_table;
    bool m_instant_column = false;
    MysqlTarget m_target;
    bool m_fk_checks;
};

}  // namespace

std::string online_ddl_table(const std::string& sql) { return head_of(sql).table; }

OnlineDdl predict_online_ddl(const std::string& sql, const Table* table, const MysqlTarget& target, bool foreign_key_checks) {
    Head h = head_of(sql);
    Predictor p(table, target, foreign_key_checks);
    p.result.table = h.table;
    p.result.known_table = table != nullptr;
    if (h.kind == Head::Kind::create_index) {
        p.index(h.index_kind, "a secondary index is built");
    } else if (h.kind == Head::Kind::drop_index) {
        p.clause("drop index x");
    } else if (h.kind == Head::Kind::alter) {
        auto clauses = clauses_of(h.body);
        bool drops_pk = false, adds_pk = false;
        for (const auto& c : clauses) {
            auto w = words_of(c);
            drops_pk = drops_pk || (w.size() > 1 && w[0] == "drop" && w[1] == "primary");
            adds_pk = adds_pk || (w.size() > 1 && w[0] == "add" && (w[1] == "primary" || (w.size() > 3 && w[1] == "constraint" && (w[2] == "primary" || w[3] == "primary"))));
        }
        for (const auto& c : clauses) {
            auto w = words_of(c);
            // DROP PRIMARY KEY with ADD PRIMARY KEY in one statement is an in-place rebuild.
            if (drops_pk && adds_pk && w.size() > 1 && w[0] == "drop" && w[1] == "primary") continue;
            p.clause(c);
        }
    }
    p.finish();
    if (p.result.algorithm == DdlAlgorithm::copy && p.result.lock == DdlLock::none) p.result.lock = DdlLock::shared;
    return p.result;
}

std::string with_algorithm(const std::string& sql, const std::string& algorithm, const std::string& lock) {
    static const std::regex k_explicit(R"(\b(ALGORITHM|LOCK)\s*=)", std::regex::icase);
    if (std::regex_search(sql, k_explicit)) return sql;
    Head h = head_of(sql);
    std::string body = sql;
    while (!body.empty() && (std::isspace(static_cast<unsigned char>(body.back())) || body.back() == ';')) body.pop_back();
    if (h.kind == Head::Kind::alter) return body + ", ALGORITHM=" + algorithm + (lock.empty() ? "" : ", LOCK=" + lock);
    // MariaDB's DROP INDEX takes no ALGORITHM; ALTER TABLE … DROP INDEX does, on both.
    if (h.kind == Head::Kind::drop_index)
        return "ALTER TABLE " + h.table_written + " DROP INDEX " + h.index_written + ", ALGORITHM=" + algorithm +
               (lock.empty() ? "" : ", LOCK=" + lock);
    return body + " ALGORITHM=" + algorithm + (lock.empty() ? "" : " LOCK=" + lock);
}

}  // namespace dbsage
