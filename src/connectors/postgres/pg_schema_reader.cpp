#include "connectors/postgres/pg_schema_reader.h"

#include "connectors/row_fields.h"

#include <map>
#include <set>

#include "connectors/postgres/pg_connection.h"
#include "connectors/target.h"
#include "sql/script_reader.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr const char* k_user_relations = R"(
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e'))";


// Relations another session holds AccessExclusiveLock on (an ALTER TABLE,
// a VACUUM FULL, a LOCK TABLE): reading their size or rows would wait for it.
constexpr const char* k_locked_by_others =
    "(SELECT l.relation FROM pg_locks l WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'"
    " AND l.granted AND l.pid <> pg_backend_pid()"
    " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

class CatalogReader {
public:
    CatalogReader(PgConnection& db, Workspace& ws) : m_db(db), m_ws(ws) {}

    Status run() {
        for (auto step : {&CatalogReader::extensions, &CatalogReader::types, &CatalogReader::tables,
                          &CatalogReader::constraints, &CatalogReader::indexes, &CatalogReader::triggers,
                          &CatalogReader::policies, &CatalogReader::statistics}) {
            Status st = (this->*step)();
            if (!st.is_ok()) return st;
        }
        return Status::ok();
    }

private:
    Result<std::vector<PgRow>> q(const std::string& sql) { return m_db.query(sql); }

    void replay(const std::string& ddl, const std::string& object) {
        Status st = replay_ddl_text(one_line(ddl), m_ws.schema);
        if (!st.is_ok()) m_ws.input_errors.push_back(m_ws.live_target + ": " + object + ": cannot read definition: " + st.message());
    }

    Status extensions() {
        auto rows = q("SELECT extname FROM pg_extension ORDER BY 1");
        if (!rows) return rows.status();
        for (const auto& r : *rows) m_ws.schema.extensions.push_back(field_text(r, 0));
        return Status::ok();
    }

    Status types() {
        auto enums = q(R"(SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') GROUP BY 1, 2 ORDER BY 1, 2)");
        if (!enums) return enums.status();
        for (const auto& r : *enums)
            replay("CREATE TYPE " + quote_qualified(field_text(r, 0), field_text(r, 1)) + " AS ENUM (" + field_text(r, 2) + ")", field_text(r, 0) + "." + field_text(r, 1));
        auto domains = q(R"(SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),
              (SELECT string_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), ' ')
                 FROM pg_constraint c WHERE c.contypid = t.oid)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'd' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2)");
        if (!domains) return domains.status();
        for (const auto& r : *domains)
            replay("CREATE DOMAIN " + quote_qualified(field_text(r, 0), field_text(r, 1)) + " AS " + field_text(r, 2) + " " + field_text(r, 3), field_text(r, 1));
        return Status::ok();
    }

    Status tables() {
        auto rels = q(std::string(R"(SELECT c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
              c.reltuples,
              CASE WHEN c.oid IN )" + std::string(k_locked_by_others) + R"( THEN NULL ELSE pg_total_relation_size(c.oid) END,
              obj_description(c.oid, 'pg_class'),
              CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
              (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition)
              , c.oid IN )" + std::string(k_locked_by_others) + R"(, c.relpages::bigint * current_setting('block_size')::bigint
            FROM pg_class c)") + k_user_relations + " AND c.relkind IN ('r','p','v','m') ORDER BY 2, 3");
        if (!rels) return rels.status();
        auto cols = q(std::string(R"(SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod),
              pg_get_expr(d.adbin, d.adrelid), a.attnotnull, a.attidentity, a.attgenerated,
              col_description(a.attrelid, a.attnum),
              a.attidentity = '' AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum)") + k_user_relations +
            " AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r','p') ORDER BY a.attrelid, a.attnum");
        if (!cols) return cols.status();
        std::map<std::string, std::vector<const PgRow*>> by_table;
        for (const auto& r : *cols) by_table[field_text(r, 0)].push_back(&r);
        for (const auto& r : *rels) {
            std::string schema = field_text(r, 1), name = field_text(r, 2), kind = field_text(r, 3);
            std::string object = schema + "." + name;
            if (kind == "v" || kind == "m") {
                replay(std::string(kind == "m" ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + quote_qualified(schema, name) +
                       " AS SELECT 1", object);
                continue;
            }
            std::string ddl = "CREATE TABLE " + quote_qualified(schema, name) + " (";
            bool first = true;
            for (const PgRow* c : by_table[field_text(r, 0)]) {
                if (!first) ddl += ", ";
                first = false;
                ddl += column_ddl(*c);
            }
            ddl += ")";
            if (kind == "p") ddl += " PARTITION BY " + field_text(r, 9);
            replay(ddl, object);
            if (field_text(r, 4) == "t") replay("ALTER TABLE " + quote_qualified(schema, name) + " ENABLE ROW LEVEL SECURITY", object);
            if (field_text(r, 5) == "t") replay("ALTER TABLE " + quote_qualified(schema, name) + " FORCE ROW LEVEL SECURITY", object);
            if (Table* t = m_ws.schema.find_table(schema, name)) {
                t->comment = field_text(r, 8);
                t->partition_of = field_text(r, 10);
                if (!field_text(r, 6).empty()) t->row_estimate = std::stod(field_text(r, 6));
                if (!field_text(r, 7).empty()) t->size_bytes = std::stoll(field_text(r, 7));
                if (field_text(r, 11) == "t") {
                    // Estimated from the pages the last VACUUM or ANALYZE counted, heap only.
                    t->size_bytes = std::stoll(field_text(r, 12).empty() ? "0" : field_text(r, 12));
                    m_locked.insert(t->qualified());
                    m_ws.notes.push_back(m_ws.live_target + ": " + t->qualified() +
                                         " is locked by another session (AccessExclusiveLock): its size is estimated "
                                         "from pg_class and its rows were not sampled");
                }
                for (const PgRow* c : by_table[field_text(r, 0)])
                    if (Column* col = t->find_column(field_text(*c, 1))) col->comment = field_text(*c, 7);
            }
        }
        return Status::ok();
    }

    static std::string column_ddl(const PgRow& c) {
        std::string type = field_text(c, 2);
        bool serial = field_text(c, 8) == "t" && (type == "integer" || type == "bigint" || type == "smallint");
        if (serial) type = type == "bigint" ? "bigserial" : type == "smallint" ? "smallserial" : "serial";
        std::string ddl = quote_ident(field_text(c, 1)) + " " + type;
        if (field_text(c, 4) == "t" && !serial && field_text(c, 5).empty()) ddl += " NOT NULL";
        if (!field_text(c, 6).empty()) ddl += " GENERATED ALWAYS AS (" + field_text(c, 3) + ") STORED";
        else if (field_text(c, 5) == "a") ddl += " GENERATED ALWAYS AS IDENTITY";
        else if (field_text(c, 5) == "d") ddl += " GENERATED BY DEFAULT AS IDENTITY";
        else if (!serial && c[3]) ddl += " DEFAULT " + field_text(c, 3);
        return ddl;
    }

    Status constraints() {
        auto rows = q(R"(SELECT conrelid::regclass::text, n.nspname, cl.relname, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE c.contype IN ('p','u','f','c','x') AND c.conrelid <> 0
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
            ORDER BY c.contype = 'f', n.nspname, cl.relname, c.conname)");
        if (!rows) return rows.status();
        for (const auto& r : *rows)
            replay("ALTER TABLE " + quote_qualified(field_text(r, 1), field_text(r, 2)) + " ADD CONSTRAINT " + quote_ident(field_text(r, 3)) + " " + field_text(r, 4),
                   field_text(r, 1) + "." + field_text(r, 2) + "." + field_text(r, 3));
        return Status::ok();
    }

    Status indexes() {
        // pg_get_indexdef waits for a lock on the table; for a table another
        // session holds, a plain index is spelled from pg_index instead.
        auto rows = q(std::string(R"(SELECT CASE WHEN i.indrelid NOT IN )") + k_locked_by_others +
            R"( THEN pg_get_indexdef(i.indexrelid)
              WHEN i.indexprs IS NULL AND i.indpred IS NULL THEN
                'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname) ||
                ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' USING ' ||
                (SELECT amname FROM pg_am WHERE oid = ic.relam) || ' (' ||
                (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM unnest(i.indkey::int2[])
                   WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                  WHERE k.ord <= i.indnkeyatts) || ')' END, n.nspname, c.relname
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid)" +
            k_user_relations + R"( AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                AND k.conrelid = i.indrelid AND k.contype IN ('p','u','x'))
            ORDER BY i.indexrelid)");
        if (!rows) return rows.status();
        for (const auto& r : *rows) {
            if (r[0]) replay(field_text(r, 0), field_text(r, 1) + "." + field_text(r, 2));
            else m_ws.notes.push_back(m_ws.live_target + ": an expression or partial index of " + field_text(r, 1) + "." +
                                      field_text(r, 2) + " was not read: the table is locked by another session");
        }
        return Status::ok();
    }

    Status triggers() {
        auto rows = q(R"(SELECT pg_get_triggerdef(t.oid), t.tgname FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 2)");
        if (!rows) return rows.status();
        for (const auto& r : *rows) replay(field_text(r, 0), field_text(r, 1));
        return Status::ok();
    }

    Status policies() {
        auto rows = q("SELECT schemaname, tablename, policyname FROM pg_policies ORDER BY 1, 2, 3");
        if (!rows) return rows.status();
        for (const auto& r : *rows)
            replay("CREATE POLICY " + quote_ident(field_text(r, 2)) + " ON " + quote_qualified(field_text(r, 0), field_text(r, 1)) + " USING (true)", field_text(r, 2));
        return Status::ok();
    }

    Status statistics() {
        auto idx = q(std::string(R"(SELECT schemaname, indexrelname, idx_scan,
              CASE WHEN indexrelid IN )") + k_locked_by_others + " OR relid IN " + k_locked_by_others +
                     " THEN NULL ELSE pg_relation_size(indexrelid) END FROM pg_stat_user_indexes");
        if (!idx) return idx.status();
        for (const auto& r : *idx)
            for (auto& t : m_ws.schema.tables)
                for (auto& i : t.indexes)
                    if (t.schema == field_text(r, 0) && i.name == field_text(r, 1)) {
                        i.scans = std::stoll(field_text(r, 2).empty() ? "0" : field_text(r, 2));
                        i.size_bytes = std::stoll(field_text(r, 3).empty() ? "0" : field_text(r, 3));
                    }
        auto stats = q("SELECT schemaname, tablename, attname, n_distinct, null_frac, correlation, avg_width FROM pg_stats "
                       "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
        if (!stats) return stats.status();
        for (const auto& r : *stats)
            if (Table* t = m_ws.schema.find_table(field_text(r, 0), field_text(r, 1)))
                if (Column* c = t->find_column(field_text(r, 2))) {
                    if (!field_text(r, 3).empty()) c->stats.n_distinct = std::stod(field_text(r, 3));
                    if (!field_text(r, 4).empty()) c->stats.null_fraction = std::stod(field_text(r, 4));
                    if (!field_text(r, 5).empty()) c->stats.correlation = std::stod(field_text(r, 5));
                    if (!field_text(r, 6).empty()) c->stats.avg_width = std::stod(field_text(r, 6));
                }
        return samples();
    }

    // A few values of each text column let rules see what the data holds
    // (delimited lists in one column, for one). LIMIT keeps it cheap.
    // TABLESAMPLE SYSTEM (100) reads the same first rows as a plain scan but
    // is not counted in pg_stat_user_tables.seq_scan, so dbsage's own reads
    // never make a table look unindexed to dbsage health, pgHero and the like.
    Status samples() {
        for (auto& t : m_ws.schema.tables) {
            std::vector<Column*> text_cols;
            for (auto& c : t.columns)
                if (is_text_type(c.type) && !c.is_array) text_cols.push_back(&c);
            if (text_cols.empty() || !t.partition_of.empty() || m_locked.count(t.qualified())) continue;
            std::string sql = "SELECT ";
            for (size_t i = 0; i < text_cols.size(); ++i)
                sql += (i ? ", " : "") + quote_ident(text_cols[i]->name) + "::text";
            sql += " FROM " + quote_qualified(t.schema, t.name);
            auto rows = q(sql + " TABLESAMPLE SYSTEM (100) LIMIT 200");
            if (!rows) rows = q(sql + " LIMIT 200");  // a foreign table may not sample
            if (!rows) continue;  // no privilege on this table: sampling is optional
            for (const auto& r : *rows)
                for (size_t i = 0; i < text_cols.size(); ++i)
                    if (r[i]) text_cols[i]->stats.samples.push_back(*r[i]);
        }
        return Status::ok();
    }

    PgConnection& m_db;
    Workspace& m_ws;
    std::set<std::string> m_locked;  // tables another session holds AccessExclusiveLock on
};

}  // namespace

Status read_postgres_schema(const std::string& target, Workspace& ws) {
    auto db = PgConnection::open_read_only(target);
    if (!db) return db.status();
    ws.live = true;
    ws.live_target = mask_target(target);
    ws.schema.dialect = Dialect::postgres;
    ws.server_version = (*db)->server_version();
    Status st = CatalogReader(**db, ws).run();
    if (!st.is_ok()) return Status::error(ws.live_target + ": reading the catalog failed: " + st.message());
    return Status::ok();
}

}  // namespace dbsage
