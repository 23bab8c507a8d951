#include "connectors/mysql/mysql_schema_reader.h"

#include <map>
#include <regex>

#include "connectors/mysql/mysql_connection.h"
#include "connectors/mysql/mysql_types.h"
#include "connectors/target.h"
#include "util/strings.h"

namespace dbsage {

std::string mysql_literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '\\') out += c == '\'' ? "''" : "\\\\";
        else out += c;
    }
    return out + "'";
}

std::string mysql_ident(const std::string& name) {
    std::string out = "`";
    for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
    return out + "`";
}

namespace {

std::string str(const std::optional<std::string>& v) { return v.value_or(""); }

std::optional<std::int64_t> number(const std::optional<std::string>& v) {
    if (!v || v->empty()) return std::nullopt;
    try {
        return std::stoll(*v);
    } catch (...) {
        return std::nullopt;
    }
}

char fk_action(const std::string& rule) {
    std::string r = to_lower(rule);
    if (r == "cascade") return 'c';
    if (r == "set null") return 'n';
    if (r == "set default") return 'd';
    if (r == "restrict") return 'r';
    return 'a';
}

class MysqlReader {
public:
    MysqlReader(MysqlConnection& conn, const MysqlReadOptions& options, Workspace& ws)
        : m_conn(conn), m_options(options), m_ws(ws) {}

    Status run() {
        Status st = pick_databases();
        if (!st.is_ok()) return st;
        m_ws.schema.dialect = Dialect::mysql;
        for (auto step : {&MysqlReader::tables, &MysqlReader::columns, &MysqlReader::indexes, &MysqlReader::foreign_keys,
                          &MysqlReader::checks, &MysqlReader::triggers, &MysqlReader::views})
            if (Status s = (this->*step)(); !s.is_ok()) return s;
        m_ws.schema.tables_changed();
        if (m_options.live) live_facts();
        return Status::ok();
    }

private:
    Result<std::vector<MyRow>> query(const std::string& sql) {
        auto rows = m_conn.query(sql);
        if (!rows) return Status::error("reading the schema: " + rows.status().message());
        return rows;
    }

    Status pick_databases() {
        std::vector<std::string> dbs = m_options.databases;
        if (dbs.empty()) {
            auto current = query("SELECT DATABASE()");
            if (!current) return current.status();
            if (!current->empty() && current->front()[0]) dbs.push_back(*current->front()[0]);
        }
        if (dbs.empty()) {
            auto all = query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN "
                             "('mysql','information_schema','performance_schema','sys') ORDER BY SCHEMA_NAME");
            if (!all) return all.status();
            for (const auto& r : *all) dbs.push_back(str(r[0]));
        }
        m_in = "(";
        for (size_t i = 0; i < dbs.size(); ++i) m_in += (i ? "," : "") + mysql_literal(dbs[i]);
        m_in += dbs.empty() ? "NULL)" : ")";
        return Status::ok();
    }

    std::string only_tables(const std::string& column) const {
        if (m_options.tables.empty()) return "";
        std::string in;
        for (const auto& t : m_options.tables) in += (in.empty() ? "" : ",") + mysql_literal(t);
        return " AND " + column + " IN (" + in + ")";
    }

    Table* table(const std::optional<std::string>& db, const std::optional<std::string>& name) {
        return m_ws.schema.find_table(to_lower(str(db)), to_lower(str(name)));
    }

    Status tables() {
        auto rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH, "
                          "AUTO_INCREMENT, CREATE_OPTIONS, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA IN " +
                          m_in + " AND TABLE_TYPE = 'BASE TABLE'" + only_tables("TABLE_NAME") + " ORDER BY TABLE_SCHEMA, TABLE_NAME");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            Table t;
            t.schema = to_lower(str(r[0]));
            t.name = to_lower(str(r[1]));
            t.engine = str(r[2]);
            t.collation = str(r[3]);
            t.charset = charset_of_collation(t.collation);
            t.partitioned = to_lower(str(r[8])).find("partitioned") != std::string::npos;
            t.comment = str(r[9]);
            if (m_options.live) {
                if (auto n = number(r[4])) t.row_estimate = static_cast<double>(*n);
                auto data = number(r[5]), index = number(r[6]);
                if (data || index) t.size_bytes = data.value_or(0) + index.value_or(0);
                t.auto_increment = number(r[7]);
            }
            t.location.object = t.qualified();
            m_ws.schema.add_table(std::move(t));
        }
        return Status::ok();
    }

    Status columns() {
        auto rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, "
                          "CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT "
                          "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN " + m_in +
                          " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            Table* t = table(r[0], r[1]);
            if (!t) continue;  // a view's columns
            Column c;
            c.name = to_lower(str(r[2]));
            set_mysql_type(c, str(r[5]), str(r[6]));
            c.not_null = str(r[4]) == "NO";
            c.charset = str(r[7]);
            if (c.charset == "utf8") c.charset = "utf8mb3";
            c.collation = str(r[8]);
            std::string extra = to_lower(str(r[9]));
            c.auto_increment = extra.find("auto_increment") != std::string::npos;
            c.generated = extra.find("generated") != std::string::npos || extra.find("persistent") != std::string::npos ||
                          (!str(r[10]).empty() && extra.find("virtual") != std::string::npos);
            c.default_expr = default_of(r[3], extra, c);
            c.comment = str(r[11]);
            c.location.object = t->qualified() + "." + c.name;
            if (extra.find("on update") != std::string::npos) {
                // ON UPDATE CURRENT_TIMESTAMP is the engine's own BEFORE UPDATE row trigger.
                Trigger trig;
                trig.name = "on update " + c.name;
                trig.before = trig.on_update = trig.for_each_row = true;
                trig.location.object = c.location.object;
                t->triggers.push_back(std::move(trig));
            }
            t->columns.push_back(std::move(c));
        }
        return Status::ok();
    }

    // MariaDB writes defaults as SQL ('text', NULL, current_timestamp());
    // MySQL writes a literal's bare value and marks expressions DEFAULT_GENERATED.
    std::optional<std::string> default_of(const std::optional<std::string>& value, const std::string& extra, const Column& c) {
        if (!value) return std::nullopt;
        std::string v = *value;
        if (m_conn.is_mariadb()) {
            if (v == "NULL") return std::nullopt;
            return v;
        }
        if (extra.find("default_generated") != std::string::npos) return v;
        bool textual = is_text_type(c.type) || c.type == "date" || c.type == "timestamp" || c.type == "timestamptz" ||
                       c.type == "time" || c.type == "enum" || c.type == "set";
        if (to_lower(v) == "current_timestamp") return v;
        return textual ? mysql_literal(v) : v;
    }

    Status indexes() {
        bool mysql8 = !m_conn.is_mariadb() && m_conn.server_version() >= 80013;
        bool ignored = m_conn.is_mariadb() && m_conn.server_version() >= 100600;
        std::string extra = mysql8 ? ", IS_VISIBLE = 'NO', EXPRESSION" : ignored ? ", IGNORED = 'YES', NULL" : ", 0, NULL";
        auto rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, "
                          "CARDINALITY, COLLATION" + extra + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN " +
                          m_in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            Table* t = table(r[0], r[1]);
            if (!t) continue;
            std::string name = str(r[2]);
            Index* index = nullptr;
            for (auto& i : t->indexes)
                if (i.name == name) index = &i;
            if (!index) {
                Index i;
                i.name = name;
                i.unique = str(r[3]) == "0";
                i.primary = name == "PRIMARY";
                i.method = to_lower(str(r[6]));
                i.invisible = str(r[9]) == "1";
                if (i.primary) i.constraint = name;
                i.location.object = t->qualified() + "." + name;
                t->indexes.push_back(std::move(i));
                index = &t->indexes.back();
            }
            IndexKey key;
            if (r[4]) key.column = to_lower(*r[4]);
            else key.expression = str(r[10]);
            key.descending = str(r[8]) == "D";
            key.prefix_length = static_cast<int>(number(r[5]).value_or(0));
            index->keys.push_back(std::move(key));
            if (m_options.live && index->keys.size() == 1 && !index->keys[0].column.empty())
                if (auto n = number(r[7]))
                    if (Column* c = t->find_column(index->keys[0].column)) c->stats.n_distinct = static_cast<double>(*n);
        }
        for (auto& t : m_ws.schema.tables)
            for (const auto& i : t.indexes) {
                if (!i.primary) continue;
                Constraint pk;
                pk.name = i.name;
                pk.kind = ConstraintKind::primary_key;
                for (const auto& k : i.keys) pk.columns.push_back(k.column);
                pk.location.object = t.qualified() + "." + pk.name;
                t.constraints.push_back(std::move(pk));
            }
        return Status::ok();
    }

    Status foreign_keys() {
        auto rows = query("SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, "
                          "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
                          "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                          "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                          "AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA IN " + m_in +
                          " AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, "
                          "k.ORDINAL_POSITION");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            Table* t = table(r[0], r[1]);
            if (!t) continue;
            std::string name = str(r[2]);
            Constraint* fk = nullptr;
            for (auto& c : t->constraints)
                if (c.kind == ConstraintKind::foreign_key && c.name == name) fk = &c;
            if (!fk) {
                Constraint c;
                c.name = name;
                c.kind = ConstraintKind::foreign_key;
                c.ref_schema = to_lower(str(r[4]));
                c.ref_table = to_lower(str(r[5]));
                c.on_update = fk_action(str(r[7]));
                c.on_delete = fk_action(str(r[8]));
                c.location.object = t->qualified() + "." + name;
                t->constraints.push_back(std::move(c));
                fk = &t->constraints.back();
            }
            fk->columns.push_back(to_lower(str(r[3])));
            fk->ref_columns.push_back(to_lower(str(r[6])));
        }
        return Status::ok();
    }

    Status checks() {
        bool maria = m_conn.is_mariadb();
        if (!maria && m_conn.server_version() < 80016) return Status::ok();
        std::string sql = maria ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM "
                                  "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN " + m_in
                                : "SELECT c.CONSTRAINT_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM "
                                  "information_schema.CHECK_CONSTRAINTS c JOIN information_schema.TABLE_CONSTRAINTS t ON "
                                  "t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND "
                                  "t.CONSTRAINT_TYPE = 'CHECK' WHERE c.CONSTRAINT_SCHEMA IN " + m_in;
        auto rows = query(sql + " ORDER BY 1, 2, 3");
        if (!rows) return rows.status();
        static const std::regex k_json(R"(^\s*json_valid\(`([^`]+)`\)\s*$)", std::regex::icase);
        static const std::regex k_ident(R"(`([^`]+)`)");
        for (const auto& r : *rows) {
            Table* t = table(r[0], r[1]);
            if (!t) continue;
            std::string clause = str(r[3]);
            std::smatch m;
            if (std::regex_match(clause, m, k_json))
                if (Column* c = t->find_column(to_lower(m[1].str()))) {
                    c->type = "json";  // MariaDB's JSON is LONGTEXT with this check
                    continue;
                }
            Constraint c;
            c.name = str(r[2]);
            c.kind = ConstraintKind::check;
            c.expression = clause;
            for (std::sregex_iterator it(clause.begin(), clause.end(), k_ident), end; it != end; ++it) {
                std::string col = to_lower((*it)[1].str());
                if (t->find_column(col) &&
                    std::find(c.expression_columns.begin(), c.expression_columns.end(), col) == c.expression_columns.end())
                    c.expression_columns.push_back(col);
            }
            c.location.object = t->qualified() + "." + c.name;
            t->constraints.push_back(std::move(c));
        }
        return Status::ok();
    }

    Status triggers() {
        auto rows = query("SELECT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING "
                          "FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA IN " + m_in + " ORDER BY 1, 2, 3");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            Table* t = table(r[0], r[1]);
            if (!t) continue;
            Trigger trig;
            trig.name = to_lower(str(r[2]));
            std::string event = to_lower(str(r[3]));
            trig.on_insert = event == "insert";
            trig.on_update = event == "update";
            trig.on_delete = event == "delete";
            trig.before = to_lower(str(r[4])) == "before";
            trig.for_each_row = true;
            trig.location.object = t->qualified() + "." + trig.name;
            t->triggers.push_back(std::move(trig));
        }
        return Status::ok();
    }

    Status views() {
        if (!m_options.tables.empty()) return Status::ok();
        auto rows = query("SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN " +
                          m_in + " ORDER BY 1, 2");
        if (!rows) return rows.status();
        static const std::regex k_source(R"(\b(?:from|join)\s+(?:`([^`]+)`\.)?`([^`]+)`)", std::regex::icase);
        for (const auto& r : *rows) {
            View v;
            v.schema = to_lower(str(r[0]));
            v.name = to_lower(str(r[1]));
            std::string def = str(r[2]);
            for (std::sregex_iterator it(def.begin(), def.end(), k_source), end; it != end; ++it)
                v.sources.emplace_back((*it)[1].matched ? to_lower((*it)[1].str()) : v.schema, to_lower((*it)[2].str()));
            v.location.object = v.qualified();
            m_ws.schema.views.push_back(std::move(v));
        }
        return Status::ok();
    }

    // Statistics and settings only a user's running server has; each is
    // optional (performance_schema off, no privilege) and never fatal.
    void live_facts() {
        if (auto mode = m_conn.query("SELECT @@SESSION.sql_mode, @@GLOBAL.sql_mode"); mode && !mode->empty())
            m_ws.schema.settings["sql_mode"] = str(mode->front()[1]);
        auto ps = m_conn.query("SELECT @@performance_schema");
        if (ps && !ps->empty() && str(ps->front()[0]) == "1") {
            auto usage = m_conn.query("SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, COUNT_READ FROM "
                                      "performance_schema.table_io_waits_summary_by_index_usage WHERE OBJECT_SCHEMA IN " +
                                      m_in + " AND INDEX_NAME IS NOT NULL");
            if (usage)
                for (const auto& r : *usage)
                    if (Table* t = table(r[0], r[1]))
                        for (auto& i : t->indexes)
                            if (i.name == str(r[2])) i.scans = number(r[3]);
        } else {
            m_ws.notes.push_back("performance_schema is off on this server: index usage is unknown, so no index is called unused");
        }
        auto sizes = m_conn.query("SELECT database_name, table_name, index_name, stat_value * @@innodb_page_size FROM "
                                  "mysql.innodb_index_stats WHERE stat_name = 'size' AND database_name IN " + m_in);
        if (sizes)
            for (const auto& r : *sizes)
                if (Table* t = table(r[0], r[1]))
                    for (auto& i : t->indexes)
                        if (i.name == str(r[2])) i.size_bytes = number(r[3]);
        for (auto& t : m_ws.schema.tables) samples(t);
    }

    void samples(Table& t) {
        std::vector<Column*> text_cols;
        for (auto& c : t.columns)
            if (is_text_type(c.type)) text_cols.push_back(&c);
        if (text_cols.empty()) return;
        std::string sql = "SELECT ";
        for (size_t i = 0; i < text_cols.size(); ++i) sql += (i ? ", " : "") + mysql_ident(text_cols[i]->name);
        auto rows = m_conn.query(sql + " FROM " + mysql_ident(t.schema) + "." + mysql_ident(t.name) + " LIMIT 200");
        if (!rows) return;
        for (const auto& r : *rows)
            for (size_t i = 0; i < text_cols.size(); ++i)
                if (r[i] && !r[i]->empty()) text_cols[i]->stats.samples.push_back(*r[i]);
    }

    MysqlConnection& m_conn;
    const MysqlReadOptions& m_options;
    Workspace& m_ws;
    std::string m_in;
};

}  // namespace

Status read_mysql_schema_from(MysqlConnection& conn, const MysqlReadOptions& options, Workspace& ws) {
    return MysqlReader(conn, options, ws).run();
}

Status read_mysql_schema(const std::string& url, Workspace& ws) {
    auto conn = MysqlConnection::open_read_only(url);
    if (!conn) return conn.status();
    ws.live = true;
    ws.live_target = mask_target(url);
    ws.server_version = (*conn)->server_version();
    Status st = read_mysql_schema_from(**conn, MysqlReadOptions{}, ws);
    if (!st.is_ok()) return Status::error(mask_target(url) + ": " + st.message());
    return st;
}

}  // namespace dbsage
