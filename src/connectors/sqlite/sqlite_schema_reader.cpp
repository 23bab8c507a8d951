#include "connectors/sqlite/sqlite_schema_reader.h"

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <regex>

#include "connectors/sqlite/sqlite_db.h"
#include "sql/script_reader.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using Db = SqliteDb;
using Row = SqliteRow;

std::string ident(const std::string& name) { return quote_ident(to_lower(name)); }

// SQLite accepts any words as a type; PostgreSQL's grammar does not. Keep the
// ones it reads the same way and quote the rest as a single type name.
std::string pg_type(const std::string& declared) {
    static const std::regex k_simple(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\(\s*\d+\s*(,\s*\d+\s*)?\))?\s*$)");
    static const std::regex k_multi(
        R"(^\s*(double precision|character varying|timestamp with(out)? time zone|time with(out)? time zone)\s*(\(\s*\d+\s*\))?\s*$)",
        std::regex::icase);
    if (declared.empty()) return "\"any\"";
    std::smatch m;
    if (std::regex_match(declared, m, k_simple) || std::regex_match(declared, k_multi)) return to_lower(declared);
    return quote_ident(to_lower(declared));
}

std::string fk_action(const std::string& action) {
    if (action.empty() || action == "NONE") return "NO ACTION";
    return action;
}

// CHECK (…) clauses of a CREATE TABLE text, with balanced parentheses.
std::vector<std::string> check_clauses(const std::string& sql) {
    std::vector<std::string> out;
    static const std::regex k_check(R"(\bcheck\s*\()", std::regex::icase);
    for (std::sregex_iterator it(sql.begin(), sql.end(), k_check), end; it != end; ++it) {
        size_t open = static_cast<size_t>(it->position() + it->length() - 1);
        int depth = 0;
        bool quoted = false;
        for (size_t i = open; i < sql.size(); ++i) {
            if (sql[i] == '\'') quoted = !quoted;
            if (quoted) continue;
            if (sql[i] == '(') ++depth;
            if (sql[i] == ')' && --depth == 0) {
                out.push_back(sql.substr(open, i - open + 1));
                break;
            }
        }
    }
    return out;
}

class SqliteReader {
public:
    SqliteReader(Db& db, const std::string& name, Workspace& ws) : m_db(db), m_name(name), m_ws(ws) {}

    Status run() {
        auto objects = m_db.query("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                                  "WHERE name NOT LIKE 'sqlite_%' ORDER BY type = 'index', type = 'trigger', name");
        if (!objects) return Status::error(m_name + ": not a readable SQLite database (" + objects.status().message() + ")");
        for (const auto& o : *objects) {
            if (o[0] == "table") table(o[1], o[3]);
            else if (o[0] == "view") replay("CREATE VIEW main." + ident(o[1]) + " AS SELECT 1", o[1]);
        }
        for (const auto& o : *objects) {
            if (o[0] == "table") table_keys(o[1]);
            else if (o[0] == "index" && !o[3].empty()) index(o[1], o[2], o[3]);
            else if (o[0] == "trigger") trigger(o[1], o[2], o[3]);
        }
        foreign_key_check();
        return Status::ok();
    }

private:
    void replay(const std::string& ddl, const std::string& object) {
        Status st = replay_ddl_text(ddl, m_ws.schema);
        if (!st.is_ok()) m_ws.input_errors.push_back(m_name + ": " + object + ": cannot read definition: " + st.message());
    }

    void table(const std::string& name, const std::string& sql) {
        auto cols = m_db.query("PRAGMA table_info(" + quote_literal(name) + ")");
        if (!cols) return;
        std::string ddl = "CREATE TABLE main." + ident(name) + " (";
        std::vector<std::pair<int, std::string>> pk;
        for (size_t i = 0; i < cols->size(); ++i) {
            const Row& c = (*cols)[i];
            ddl += (i ? ", " : "") + ident(c[1]) + " " + pg_type(c[2]);
            if (c[3] == "1") ddl += " NOT NULL";
            if (!c[4].empty()) ddl += " DEFAULT " + c[4];
            if (c[5] != "0") pk.emplace_back(std::stoi(c[5]), ident(c[1]));
        }
        if (!pk.empty()) {
            std::sort(pk.begin(), pk.end());
            ddl += ", PRIMARY KEY (";
            for (size_t i = 0; i < pk.size(); ++i) ddl += (i ? ", " : "") + pk[i].second;
            ddl += ")";
        }
        for (const auto& check : check_clauses(sql)) ddl += ", CHECK " + check;
        ddl += ")";
        if (!replay_ddl_text(ddl, m_ws.schema).is_ok()) {
            // A default or CHECK in SQLite's own dialect: keep the columns at least.
            std::string plain = "CREATE TABLE main." + ident(name) + " (";
            for (size_t i = 0; i < cols->size(); ++i)
                plain += (i ? ", " : "") + ident((*cols)[i][1]) + " " + pg_type((*cols)[i][2]) +
                         ((*cols)[i][3] == "1" ? " NOT NULL" : "");
            replay(plain + ")", name);
        }
        Table* t = m_ws.schema.find_table("main", to_lower(name));
        if (!t) return;
        static const std::regex k_strict(R"(\)\s*(WITHOUT\s+ROWID\s*,\s*)?STRICT\b)", std::regex::icase);
        t->strict = std::regex_search(sql, k_strict);
        samples(*t, name);
    }

    void table_keys(const std::string& name) {
        auto fks = m_db.query("PRAGMA foreign_key_list(" + quote_literal(name) + ")");
        if (fks) {
            std::map<int, std::vector<const Row*>> by_id;
            for (const auto& r : *fks) by_id[std::stoi(r[0])].push_back(&r);
            for (const auto& [id, rows] : by_id) {
                std::vector<std::string> from, to;
                for (const Row* r : rows) {
                    from.push_back(ident((*r)[3]));
                    if (!(*r)[4].empty()) to.push_back(ident((*r)[4]));
                }
                const Row& r0 = *rows.front();
                std::string ddl = "ALTER TABLE main." + ident(name) + " ADD FOREIGN KEY (" + join(from, ", ") +
                                  ") REFERENCES main." + ident(r0[2]);
                if (!to.empty()) ddl += " (" + join(to, ", ") + ")";
                ddl += " ON UPDATE " + fk_action(r0[5]) + " ON DELETE " + fk_action(r0[6]);
                replay(ddl, name);
            }
        }
        auto indexes = m_db.query("PRAGMA index_list(" + quote_literal(name) + ")");
        if (!indexes) return;
        for (const auto& r : *indexes) {
            if (r[3] != "u") continue;  // 'c' indexes come from their CREATE INDEX text, 'pk' from the PK
            auto cols = m_db.query("PRAGMA index_info(" + quote_literal(r[1]) + ")");
            if (!cols) continue;
            std::vector<std::string> names;
            for (const auto& c : *cols) names.push_back(ident(c[2]));
            replay("ALTER TABLE main." + ident(name) + " ADD UNIQUE (" + join(names, ", ") + ")", r[1]);
        }
    }

    void index(const std::string& name, const std::string& table, const std::string& sql) {
        if (replay_ddl_text(sql, m_ws.schema).is_ok()) return;
        auto cols = m_db.query("PRAGMA index_xinfo(" + quote_literal(name) + ")");
        auto list = m_db.query("PRAGMA index_list(" + quote_literal(table) + ")");
        if (!cols || !list) return;
        bool unique = false;
        for (const auto& r : *list)
            if (r[1] == name) unique = r[2] == "1";
        std::vector<std::string> keys;
        for (const auto& c : *cols)
            if (c[5] == "1") keys.push_back(c[2].empty() ? "expr" : ident(c[2]));
        replay(std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX " + ident(name) + " ON main." + ident(table) +
                   " (" + join(keys, ", ") + ")", name);
    }

    void trigger(const std::string& name, const std::string& table, const std::string& sql) {
        Table* t = m_ws.schema.find_table("main", to_lower(table));
        if (!t) return;
        static const std::regex k_head(R"(\b(BEFORE|AFTER|INSTEAD\s+OF)?\s*(INSERT|UPDATE|DELETE)\b)", std::regex::icase);
        std::smatch m;
        Trigger trig;
        trig.name = to_lower(name);
        trig.for_each_row = true;
        if (std::regex_search(sql, m, k_head)) {
            trig.before = starts_with_ci(m[1].str(), "before");
            auto event = to_lower(m[2].str());
            trig.on_insert = event == "insert";
            trig.on_update = event == "update";
            trig.on_delete = event == "delete";
        }
        t->triggers.push_back(std::move(trig));
    }

    void samples(Table& t, const std::string& name) {
        std::vector<Column*> text_cols;
        for (auto& c : t.columns) {
            auto type = to_lower(c.type);
            if (type.find("char") != std::string::npos || type.find("text") != std::string::npos ||
                type.find("clob") != std::string::npos)
                text_cols.push_back(&c);
        }
        if (text_cols.empty()) return;
        std::string sql = "SELECT ";
        for (size_t i = 0; i < text_cols.size(); ++i) sql += (i ? ", " : "") + quote_ident(text_cols[i]->name);
        auto rows = m_db.query(sql + " FROM " + quote_ident(name) + " LIMIT 200");
        if (!rows) return;
        for (const auto& r : *rows)
            for (size_t i = 0; i < text_cols.size(); ++i)
                if (!r[i].empty()) text_cols[i]->stats.samples.push_back(r[i]);
    }

    void foreign_key_check() {
        auto rows = m_db.query("PRAGMA foreign_key_check");
        if (!rows) return;
        for (auto& t : m_ws.schema.tables)
            if (!t.constraints.empty()) t.fk_violations = 0;
        for (const auto& r : *rows)
            if (Table* t = m_ws.schema.find_table("main", to_lower(r[0]))) t->fk_violations = t->fk_violations.value_or(0) + 1;
    }

    Db& m_db;
    std::string m_name;
    Workspace& m_ws;
};

}  // namespace

Status read_sqlite_schema_from(sqlite3* db, const std::string& name, Workspace& ws) {
    Db borrowed(db);
    ws.schema.dialect = Dialect::sqlite;
    return SqliteReader(borrowed, name, ws).run();
}

Status read_sqlite_schema(const std::string& target, Workspace& ws) {
    std::string path = starts_with_ci(target, "sqlite:") ? target.substr(7) : target;
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return Status::error(path + ": no such SQLite database file");
    Db db;
    Status st = db.open(path);
    if (!st.is_ok()) return st;
    ws.schema.dialect = Dialect::sqlite;
    ws.live = true;
    ws.live_target = path;
    return SqliteReader(db, path, ws).run();
}

}  // namespace dbsage
