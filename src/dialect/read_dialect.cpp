#include "dialect/read_dialect.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "dialect/dialect_splitter.h"
#include "sandbox/scratch_engine.h"
#include "dialect/mysql_online_ddl.h"
#include "sql/script_reader.h"
#include "util/strings.h"

namespace dbsage {
namespace {

constexpr size_t k_detect_bytes = 1 << 20;          // per file
constexpr size_t k_detect_total_bytes = 8 << 20;    // in all: a project's first 8 MB of SQL tell its dialect
constexpr std::uintmax_t k_max_source_bytes = std::uintmax_t{16} << 20;  // kept for snippets

// Statements that define schema, or set up the session for those that do.
bool should_run(const DialectPiece& piece, Dialect dialect) {
    const std::string& k = piece.keyword;
    std::string head = to_upper(piece.text.substr(0, 200));
    static const std::regex k_account(R"(^\S+\s+(USER|ROLE|SERVER)\b)");
    if (dialect == Dialect::sqlite) {
        if (k == "PRAGMA") return head.find("FOREIGN_KEYS") != std::string::npos;
        // .schema prints SQLite's own tables (sqlite_sequence), which only SQLite may create.
        static const std::regex k_internal(R"(^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?["`\[]?SQLITE_)");
        if (std::regex_search(head, k_internal)) return false;
        return k == "CREATE" || k == "ALTER" || k == "DROP" || k == "BEGIN" || k == "COMMIT" || k == "END";
    }
    if (head.find("GLOBAL") != std::string::npos || head.find("PASSWORD") != std::string::npos) return false;
    if (k == "CREATE" || k == "ALTER" || k == "DROP") return !std::regex_search(head, k_account);
    return k == "RENAME" || k == "USE" || k == "SET" || k == "/*!";
}

bool changes_objects(const DialectPiece& piece) {
    const std::string& k = piece.keyword;
    return k == "CREATE" || k == "ALTER" || k == "DROP" || k == "RENAME" || k == "/*!";
}

class DialectReader {
public:
    DialectReader(ScratchEngine& engine, Dialect dialect, Workspace& ws, std::optional<MysqlTarget> target)
        : m_engine(engine), m_dialect(dialect), m_ws(ws), m_target(target) {}

    // context: a file that builds the schema the others change (--schema):
    // run, never reported.
    void read_file(const std::string& path, bool context = false) {
        m_context = context;
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        std::ifstream in(path, std::ios::binary);
        if (ec || !in) {
            m_ws.input_errors.push_back(path + ": cannot read");
            return;
        }
        char head[4096];
        in.read(head, sizeof head);
        if (std::string_view(head, static_cast<size_t>(in.gcount())).find('\0') != std::string_view::npos) {
            m_ws.input_errors.push_back(path + ": not a SQL text (binary data)");
            return;
        }
        in.clear();
        in.seekg(0);
        if (size <= k_max_source_bytes && !context) {
            m_ws.sources[path] = std::string(std::istreambuf_iterator<char>(in), {});
            in.clear();
            in.seekg(0);
        }
        if (!context) m_ws.files.push_back(path);
        read_stream(path, in);
    }

    void read_context_text(const std::string& name, const std::string& text) {
        m_context = true;
        std::istringstream in(text);
        read_stream(name, in);
    }

    void finish() {
        Status st = m_engine.read_schema(m_ws);
        if (!st.is_ok()) {
            m_ws.input_errors.push_back(m_engine.name() + ": cannot read the schema back: " + st.message());
            return;
        }
        locate();
        if (m_data)
            m_ws.notes.push_back(std::to_string(m_data) + " data statement" + (m_data == 1 ? "" : "s") +
                                 " (INSERT, LOAD DATA, LOCK TABLES) counted, not run");
        if (!m_unknown_tables.empty())
            m_ws.notes.push_back("no definition of " + join(std::vector<std::string>(m_unknown_tables.begin(), m_unknown_tables.end()), ", ") +
                                 " (not created earlier in the files and no --schema): assumed to exist and be in use, "
                                 "and statements on them were predicted, not run");
        if (m_unparsed)
            m_ws.notes.push_back(std::to_string(m_unparsed) + " quer" + (m_unparsed == 1 ? "y" : "ies") +
                                 " in " + std::string(to_string(m_dialect)) +
                                 "'s own syntax not checked by the query rules (they read PostgreSQL's grammar)");
        if (m_skipped)
            m_ws.notes.push_back(std::to_string(m_skipped) + " statement" + (m_skipped == 1 ? "" : "s") +
                                 " that define no schema (SELECT, CALL, GRANT, accounts, global settings) not run");
    }

private:
    void read_stream(const std::string& path, std::istream& in) {
        DialectSplitter splitter(in, m_dialect);
        DialectPiece piece;
        size_t first = m_ws.statements.size();
        bool ignore_file = false;
        while (splitter.next(piece)) {
            ignore_file = ignore_file || piece.ignore_file;
            if (!piece.previous_ignored_rules.empty() && m_ws.statements.size() > first) {
                auto& previous = m_ws.statements.back().ignored_rules;
                previous.insert(previous.end(), piece.previous_ignored_rules.begin(), piece.previous_ignored_rules.end());
            }
            statement(path, piece);
        }
        if (ignore_file)
            for (size_t i = first; i < m_ws.statements.size(); ++i) m_ws.statements[i].ignored_rules.push_back("*");
    }

    void statement(const std::string& path, const DialectPiece& piece) {
        if (piece.data) {
            ++m_data;
            return;
        }
        const std::string& k = piece.keyword;
        if (k == "SELECT" || k == "WITH" || k == "UPDATE" || k == "DELETE") {
            if (!m_context) query(path, piece);
            return;
        }
        if (!should_run(piece, m_dialect)) {
            ++m_skipped;
            return;
        }
        Statement st;
        st.kind = StatementKind::other;
        st.location = Location{path, piece.line, piece.column, ""};
        st.offset = piece.offset;
        st.end_line = piece.end_line;
        st.ignored_rules = piece.ignored_rules;
        std::optional<EngineError> error;
        std::string online_table = m_dialect == Dialect::mysql ? online_ddl_table(piece.text) : "";
        if (!online_table.empty()) {
            error = run_online(piece.text, online_table, st);
            if (error && error->missing_table && !m_created.count(online_table)) {
                // A lone migration: the table is assumed to exist and be in use, as squawk assumes.
                m_unknown_tables.insert(online_table);
                error.reset();
            }
        } else {
            error = m_engine.run(piece.text);
        }
        if (m_context) {
            if (!error && changes_objects(piece)) remember_objects(path, piece);
            return;
        }
        if (error) {
            st.kind = StatementKind::invalid;
            st.node = error->syntax ? "syntax" : "fails";
            st.text = piece.text;
            st.error = error->message;
            st.error_offset = error->offset < 0 ? 0 : error->offset;
            m_ws.statements.push_back(std::move(st));
            return;
        }
        m_ws.statements.push_back(std::move(st));
        if (changes_objects(piece)) remember_objects(path, piece);
    }

    // Queries are not run (they would read or change the scratch data); the
    // query rules judge them from PostgreSQL's parse of the same text, with
    // MySQL's backticks read as double quotes (same length, same offsets).
    // A query that grammar cannot read is counted, not reported.
    void query(const std::string& path, const DialectPiece& piece) {
        Statement st;
        st.location = Location{path, piece.line, piece.column, ""};
        st.offset = piece.offset;
        st.end_line = piece.end_line;
        st.ignored_rules = piece.ignored_rules;
        std::string text = piece.text;
        for (char& c : text)
            if (c == '`') c = '"';
        std::vector<Statement> parsed;
        parse_into(text, st, parsed);
        for (auto& p : parsed) {
            if (p.kind == StatementKind::invalid) {
                ++m_unparsed;
                continue;
            }
            p.text = piece.text;
            m_ws.statements.push_back(std::move(p));
        }
    }

    void remember_objects(const std::string& path, const DialectPiece& piece) {
        auto now = m_engine.objects();
        if (!now) return;
        for (const auto& key : *now)
            if (!m_known.count(key)) {
                m_made_at[key] = Location{path, piece.line, piece.column, ""};
                if (!m_context && key.rfind("table ", 0) == 0) {
                    // Both spellings: "db.t" and, in the current database, "t".
                    std::string q = key.substr(6);
                    m_created.insert(q);
                    m_created.insert(q.substr(q.find('.') + 1));
                }
            }
        m_known = std::move(*now);
    }

    // An ALTER TABLE / CREATE INDEX / DROP INDEX on MySQL: predicted from the
    // table as it stands, then run asking the server for INSTANT, then
    // INPLACE without a lock, then with a shared lock, then COPY; the first
    // it accepts is what it does.
    std::optional<EngineError> run_online(const std::string& sql, const std::string& table, Statement& st) {
        auto before = m_engine.find_table(table);
        MysqlTarget target = m_target.value_or(MysqlTarget{true, m_engine.version()});
        OnlineDdl ddl = predict_online_ddl(sql, before ? &*before : nullptr, target, m_engine.foreign_key_checks());
        ddl.new_table = m_created.count(table) > 0;
        st.text = sql;
        st.kind = StatementKind::alter_table;
        struct Probe {
            const char* algorithm;
            const char* lock;
            DdlAlgorithm observed;
            DdlLock observed_lock;
            bool rebuild;
        };
        static const Probe k_probes[] = {
            {"INSTANT", "", DdlAlgorithm::instant, DdlLock::none, false},
            {"NOCOPY", "NONE", DdlAlgorithm::inplace, DdlLock::none, false},
            {"INPLACE", "NONE", DdlAlgorithm::inplace, DdlLock::none, true},
            {"INPLACE", "SHARED", DdlAlgorithm::inplace, DdlLock::shared, true},
            {"COPY", "", DdlAlgorithm::copy, DdlLock::shared, true},
        };
        std::optional<EngineError> error;
        for (const auto& probe : k_probes) {
            std::string asked = with_algorithm(sql, probe.algorithm, probe.lock);
            if (asked == sql) return run_explicit(sql, ddl, st);
            error = m_engine.run(asked);
            if (!error) {
                ddl.observed_algorithm = probe.observed;
                ddl.observed_lock = probe.observed_lock;
                if (probe.observed == DdlAlgorithm::inplace) ddl.observed_rebuild = probe.rebuild;
                st.online_ddl = ddl;
                return std::nullopt;
            }
            bool refused = !error->syntax && (error->message.find("ALGORITHM") != std::string::npos ||
                                              error->message.find("LOCK") != std::string::npos);
            if (!refused) break;
        }
        st.online_ddl = ddl;
        return m_engine.run(sql);
    }

    // Each object of the schema read back points at the statement that made it.
    void locate() {
        auto at = [&](const std::string& key, Location& loc, const Location* fallback) {
            auto it = m_made_at.find(key);
            const Location* from = it != m_made_at.end() ? &it->second : fallback;
            if (!from) return;
            loc.file = from->file;
            loc.line = from->line;
            loc.column = from->column;
        };
        for (auto& t : m_ws.schema.tables) {
            std::string q = to_lower(t.qualified());
            at("table " + q, t.location, nullptr);
            for (auto& c : t.columns) at("column " + q + "." + to_lower(c.name), c.location, &t.location);
            for (auto& i : t.indexes) at("index " + q + "." + i.name, i.location, &t.location);
            for (auto& k : t.constraints) {
                at("constraint " + q + "." + k.name, k.location, &t.location);
                if (k.kind == ConstraintKind::primary_key && k.location.file.empty()) k.location = t.location;
            }
            for (auto& trig : t.triggers) at("trigger " + q + "." + trig.name, trig.location, &t.location);
        }
        for (auto& v : m_ws.schema.views) at("view " + to_lower(v.qualified()), v.location, nullptr);
    }

    // A statement naming its own ALGORITHM/LOCK gets what it asked for, or fails.
    std::optional<EngineError> run_explicit(const std::string& sql, OnlineDdl ddl, Statement& st) {
        auto error = m_engine.run(sql);
        static const std::regex k_algorithm(R"(\bALGORITHM\s*=\s*(\w+))", std::regex::icase);
        static const std::regex k_lock(R"(\bLOCK\s*=\s*(\w+))", std::regex::icase);
        std::smatch m;
        if (!error && std::regex_search(sql, m, k_algorithm)) {
            std::string a = to_upper(m[1].str());
            if (a == "INSTANT") ddl.observed_algorithm = DdlAlgorithm::instant;
            else if (a == "INPLACE" || a == "NOCOPY") ddl.observed_algorithm = DdlAlgorithm::inplace;
            else if (a == "COPY") ddl.observed_algorithm = DdlAlgorithm::copy;
            std::string l = std::regex_search(sql, m, k_lock) ? to_upper(m[1].str()) : "";
            ddl.observed_lock = l == "SHARED" || ddl.observed_algorithm == DdlAlgorithm::copy ? DdlLock::shared
                              : l == "EXCLUSIVE"                                            ? DdlLock::exclusive
                                                                                            : DdlLock::none;
        }
        st.online_ddl = ddl;
        return error;
    }

    ScratchEngine& m_engine;
    Dialect m_dialect;
    Workspace& m_ws;
    std::optional<MysqlTarget> m_target;
    std::set<std::string> m_known;
    std::set<std::string> m_created;         // tables the reported files create
    std::set<std::string> m_unknown_tables;  // changed but never defined
    bool m_context = false;
    std::map<std::string, Location> m_made_at;
    size_t m_data = 0, m_skipped = 0, m_unparsed = 0;
};

}  // namespace

std::optional<Dialect> parse_dialect(const std::string& name) {
    std::string n = to_lower(name);
    if (n == "postgres" || n == "postgresql" || n == "pg") return Dialect::postgres;
    if (n == "mysql" || n == "mariadb") return Dialect::mysql;
    if (n == "sqlite" || n == "sqlite3") return Dialect::sqlite;
    return std::nullopt;
}

DialectChoice detect_dialect(const std::vector<std::string>& files) {
    // Each marker's regex runs only on a line holding its hint, upper-cased
    // with quoted text taken out: std::regex is slow, and most lines hold none.
    struct Marker {
        const char* what;
        const char* hint;
        std::regex pattern;  // empty: the hint alone decides
        Dialect dialect;
    };
    static const std::vector<Marker> k_markers = {
        {"backticks", "`", {}, Dialect::mysql},
        {"ENGINE=", "ENGINE", std::regex(R"(\)\s*ENGINE\s*=)"), Dialect::mysql},
        {"AUTO_INCREMENT", "AUTO_INCREMENT", std::regex(R"(\bAUTO_INCREMENT\b)"), Dialect::mysql},
        {"UNSIGNED", "UNSIGNED", std::regex(R"(\b(INT|INTEGER|BIGINT|SMALLINT|TINYINT)(\(\d+\))?\s+UNSIGNED\b)"), Dialect::mysql},
        {"DELIMITER", "DELIMITER", std::regex(R"(^DELIMITER\s)"), Dialect::mysql},
        {"a /*!…*/ comment", "/*!", std::regex(R"(/\*!\d{5})"), Dialect::mysql},
        {"AUTOINCREMENT", "AUTOINCREMENT", std::regex(R"(\bAUTOINCREMENT\b)"), Dialect::sqlite},
        {"STRICT", "STRICT", std::regex(R"(\)\s*(WITHOUT\s+ROWID\s*,\s*)?STRICT\s*(;|$))"), Dialect::sqlite},
        {"WITHOUT ROWID", "ROWID", std::regex(R"(\bWITHOUT\s+ROWID\b)"), Dialect::sqlite},
        {"PRAGMA", "PRAGMA", std::regex(R"(^PRAGMA\s)"), Dialect::sqlite},
    };
    size_t total = 0;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::string line;
        size_t bytes = 0;
        for (int number = 1; bytes < k_detect_bytes && total < k_detect_total_bytes && std::getline(in, line); ++number) {
            bytes += line.size() + 1;
            total += line.size() + 1;
            auto t = trim(line);
            if (t.empty() || t.rfind("--", 0) == 0 || t.rfind("#", 0) == 0) continue;
            std::string code;
            bool quoted = false;
            for (char c : t) {
                if (c == '\'') quoted = !quoted;
                else if (!quoted) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            }
            for (const auto& m : k_markers) {
                if (code.find(m.hint) == std::string::npos) continue;
                if (m.hint[0] != '`' && !std::regex_search(code, m.pattern)) continue;
                return DialectChoice{m.dialect, std::string(m.what) + " at " + path + ":" + std::to_string(number)};
            }
        }
    }
    return DialectChoice{};
}

void read_dialect_files(const std::vector<std::string>& files, Dialect dialect, Workspace& ws,
                        const DialectReadOptions& options) {
    auto engine = dialect == Dialect::sqlite ? open_sqlite_scratch() : open_mariadb_scratch();
    if (!engine) {
        ws.input_errors.push_back("cannot start a scratch engine to read " + std::string(to_string(dialect)) +
                                  " files: " + engine.status().message());
        return;
    }
    DialectReader reader(**engine, dialect, ws, options.target);
    for (const auto& [name, text] : options.context_texts) reader.read_context_text(name, text);
    for (const auto& f : options.context) reader.read_file(f, true);
    for (const auto& f : files) reader.read_file(f);
    reader.finish();
}

}  // namespace dbsage
