#include "sql/script_reader.h"
#include "util/large_stack.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "model/replay.h"
#include "sql/pg_parser.h"
#include "sql/splitter.h"
#include "sql/translate.h"
#include "util/strings.h"

namespace dbsage {
namespace fs = std::filesystem;

namespace {

struct LineIndex {
    std::vector<size_t> starts{0};
    explicit LineIndex(std::string_view text) {
        for (size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts.push_back(i + 1);
    }
    std::pair<int, int> at(std::string_view text, size_t offset) const {
        auto it = std::upper_bound(starts.begin(), starts.end(), offset);
        size_t line = static_cast<size_t>(it - starts.begin());
        size_t start = starts[line - 1];
        int column = 1;
        for (size_t i = start; i < offset && i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
        return {static_cast<int>(line), column};
    }
};

bool excluded(const std::string& path, const ReadOptions& options) {
    if (options.exclude.empty()) return false;
    std::vector<std::string> names = {path};
    if (!options.exclude_base.empty()) {
        std::error_code ec;
        auto relative = fs::absolute(path, ec).lexically_normal().lexically_relative(options.exclude_base);
        if (!ec && !relative.empty() && *relative.begin() != "..") names.push_back(relative.string());
    }
    for (const auto& pattern : options.exclude)
        for (const auto& name : names)
            if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0 || fnmatch(("*/" + pattern).c_str(), name.c_str(), 0) == 0)
                return true;
    return false;
}

struct ParseJob {
    Statement statement;
    std::string parse_text;
};

// Below this a batch is parsed on the calling thread: threads cost more
// than they save.
constexpr size_t k_parallel_batch_bytes = size_t{64} * 1024;
// Files are gathered into one batch up to this size, so that a directory of
// small files is parsed on every core too, in bounded memory.
constexpr size_t k_batch_flush_bytes = size_t{8} << 20;

// Parses jobs in order into out. Statements are independent until replay,
// and libpg_query keeps its state per thread, so a large batch is cut into
// one contiguous share per core.
// bytes: the size of the jobs' parse texts.
void parse_batch(std::vector<ParseJob>& jobs, size_t bytes, std::vector<Statement>& out, int parse_threads,
                 size_t max_statement_bytes) {
    size_t threads = parse_threads > 0 ? static_cast<size_t>(parse_threads)
                                       : std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
    if (bytes < k_parallel_batch_bytes || threads == 1 || jobs.size() < 2 * threads) {
        for (auto& job : jobs) parse_into(job.parse_text, job.statement, out, max_statement_bytes);
        jobs.clear();
        return;
    }
    std::vector<std::vector<Statement>> parts(threads);
    auto work = [&](size_t t) {
        size_t begin = jobs.size() * t / threads, end = jobs.size() * (t + 1) / threads;
        parts[t].reserve(end - begin);
        for (size_t i = begin; i < end; ++i) parse_into(jobs[i].parse_text, jobs[i].statement, parts[t], max_statement_bytes);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& thread : pool) thread.join();
    for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(out));
    jobs.clear();
}

// A folder's own files come before its subfolders' (schema.sql before
// migrations/001.sql: the schema a project keeps beside its migrations is
// their baseline), each level in name order.
bool files_before_subfolders(const std::string& a, const std::string& b) {
    fs::path pa(a), pb(b);
    auto ia = pa.begin(), ib = pb.begin();
    for (; ia != pa.end() && ib != pb.end(); ++ia, ++ib) {
        if (*ia == *ib) continue;
        bool a_file = std::next(ia) == pa.end(), b_file = std::next(ib) == pb.end();
        if (a_file != b_file) return a_file;
        return *ia < *ib;
    }
    return ia == pa.end() && ib != pb.end();
}

}  // namespace

std::vector<std::string> list_sql_files(const std::vector<std::string>& paths, const ReadOptions& options,
                                        std::vector<std::string>& errors) {
    std::vector<std::string> out;
    // A file named twice (directly and through its folder, say) is read once:
    // replaying it twice would report its own definitions as duplicates.
    std::set<std::string> seen;
    auto first_time = [&](const std::string& path) {
        std::error_code ec;
        auto canonical = fs::weakly_canonical(path, ec);
        return seen.insert(ec ? path : canonical.string()).second;
    };
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            errors.push_back(path + ": no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            if (first_time(path)) out.push_back(path);
            continue;
        }
        std::vector<std::string> files;
        // An unreadable folder is an input error, not silently nothing.
        for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code fe;
            if (!ends_with(to_lower(it->path().string()), ".sql") || it->is_directory(fe)) continue;
            if (it->is_regular_file(fe)) files.push_back(it->path().string());
            else errors.push_back(it->path().string() + ": cannot read (not a regular file or a broken link)");
        }
        if (ec) errors.push_back(path + ": cannot read directory: " + ec.message());
        std::sort(files.begin(), files.end(), files_before_subfolders);
        for (const auto& f : files)
            if (!excluded(f, options) && first_time(f)) out.push_back(f);
    }
    return out;
}

namespace {

class Reader {
public:
    Reader(const ReadOptions& options, Workspace& ws) : m_options(options), m_ws(ws) {}

    void read_file(const std::string& path, int depth) {
        if (depth > 16) {
            m_ws.input_errors.push_back(path + ": includes nested too deeply");
            return;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            m_ws.input_errors.push_back(path + ": cannot read file (permission denied or not a file)");
            return;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        std::string text = buffer.str();
        auto nul = text.find('\0');
        if (nul != std::string::npos) {
            m_ws.input_errors.push_back(path + ": not a SQL text file (binary data at byte " + std::to_string(nul) + ")");
            return;
        }
        read_text(path, std::move(text), depth);
    }

    void read_text(const std::string& path, std::string text, int depth) {
        if (!m_active.insert(path).second) {
            m_ws.input_errors.push_back(path + ": includes itself");
            return;
        }
        m_ws.files.push_back(path);
        auto& stored = m_ws.sources[path];
        stored = std::move(text);
        const std::string& src = stored;
        LineIndex lines(src);
        auto script = split_script(src, m_variables);
        // Statements are large; growing the vector geometrically per file keeps
        // relocations rare across many files.
        auto& all = m_ws.statements;
        if (all.capacity() < all.size() + script.pieces.size())
            all.reserve(std::max(all.size() + script.pieces.size(), all.capacity() * 2));
        // Statements between includes, across files, are parsed as one batch,
        // on several threads when it is large; includes keep their place.
        for (auto& piece : script.pieces) {
            if (piece.kind == ScriptPiece::Kind::meta_command) {
                if (!is_include(piece)) continue;
                flush();
                include(path, piece, depth);
                continue;
            }
            m_batch_bytes += piece.parse_text.size();
            ParseJob& job = m_batch.emplace_back();
            Statement& st = job.statement;
            if (piece.text.empty()) {
                st.text = src.substr(piece.offset, piece.length);
            } else {
                st.text = std::move(piece.text);
                st.source_text = src.substr(piece.offset, piece.length);
                st.shifts = std::move(piece.shifts);
            }
            st.offset = piece.offset;
            auto [line, column] = lines.at(src, piece.offset);
            st.location = Location{path, line, column, ""};
            st.end_line = lines.at(src, piece.offset + piece.length).first;
            st.ignored_rules = std::move(piece.ignored_rules);
            if (script.ignore_file) st.ignored_rules.push_back("*");
            job.parse_text = std::move(piece.parse_text);
        }
        if (m_batch_bytes >= k_batch_flush_bytes) flush();
        m_active.erase(path);
        m_bytes += src.size();
        if (m_options.progress) m_options.progress(static_cast<int>(m_ws.files.size()), m_bytes);
    }

    // Parses what is waiting; call once all input is read.
    void flush() {
        parse_batch(m_batch, m_batch_bytes, m_ws.statements, m_options.parse_threads, m_options.max_statement_bytes);
        m_batch_bytes = 0;
    }

private:
    static bool is_include(const ScriptPiece& piece) {
        const auto& cmd = piece.command;
        return cmd == "i" || cmd == "ir" || cmd == "include" || cmd == "include_relative";
    }

    void include(const std::string& path, const ScriptPiece& piece, int depth) {
        const auto& cmd = piece.command;
        std::string target = piece.argument;
        if (target.size() >= 2 && target.front() == '\'' && target.back() == '\'') target = target.substr(1, target.size() - 2);
        if (target.empty()) return;
        fs::path resolved = target;
        if (resolved.is_relative()) {
            fs::path relative = fs::path(path).parent_path() / target;
            // \ir is relative to the including file; \i to the working directory,
            // but migration runners usually run from the script's folder.
            if (cmd == "ir" || cmd == "include_relative" || !fs::exists(resolved)) resolved = relative;
        }
        read_file(resolved.lexically_normal().string(), depth + 1);
    }

    const ReadOptions& m_options;
    Workspace& m_ws;
    std::set<std::string> m_active;
    PsqlVariables m_variables;  // one psql session across files and includes
    size_t m_bytes = 0;
    std::vector<ParseJob> m_batch;  // read, not parsed yet
    size_t m_batch_bytes = 0;
};

}  // namespace

void parse_into(const std::string& parse_text, Statement& st, std::vector<Statement>& out, size_t max_statement_bytes) {
    if (parse_text.size() > max_statement_bytes) {
        st.kind = StatementKind::invalid;
        st.too_large = true;
        st.error = "statement of " + std::to_string(parse_text.size()) + " bytes is larger than dbsage analyses (" +
                   std::to_string(max_statement_bytes) + " bytes, max_statement_bytes)";
        st.error_offset = 0;
        out.push_back(std::move(st));
        return;
    }
    // Translating a deep tree recurses as deeply as parsing it.
    if (parse_text.size() > k_large_stack_statement_bytes && !on_large_stack() &&
        run_on_large_stack([&] { parse_into(parse_text, st, out, max_statement_bytes); }))
        return;
    auto parsed = parse_postgres(parse_text);
    if (!parsed.ok()) {
        st.kind = StatementKind::invalid;
        st.error = parsed.error;
        st.error_offset = parsed.error_offset;
        st.too_large = parsed.too_large;
        out.push_back(std::move(st));
        return;
    }
    tree::Json stmts = parsed.statements();
    if (!stmts.is_array() || stmts.empty()) return;  // only comments or an empty statement
    if (stmts.size() == 1) {
        translate_statement(stmts.front()["stmt"], st);
        if (!st.ddl.empty()) st.long_identifiers = long_identifiers(parse_text, 63);
        out.push_back(std::move(st));
        return;
    }
    // The splitter kept several statements together (rare); give each its own text.
    for (tree::Json raw : stmts) {
        Statement part = st;
        int start = tree::integer(raw, "stmt_location", 0);
        int length = tree::integer(raw, "stmt_len", 0);
        auto offset_location = st.location_at(start);
        part.text = length > 0 ? st.text.substr(start, length) : st.text.substr(start);
        part.offset = st.offset + start;
        part.location = offset_location;
        part.ddl.clear();
        // Offsets inside the tree are relative to the whole piece; re-parse the part.
        std::string part_parse = length > 0 ? parse_text.substr(start, length) : parse_text.substr(start);
        auto reparsed = parse_postgres(part_parse);
        if (reparsed.ok() && !reparsed.statements().empty()) translate_statement(reparsed.statements().front()["stmt"], part);
        out.push_back(std::move(part));
    }
}

ReadOptions read_options_for(const Config& config) {
    ReadOptions options;
    options.exclude = config.exclude;
    if (config.max_statement_bytes) options.max_statement_bytes = config.max_statement_bytes;
    if (!config.path.empty()) {
        std::error_code ec;
        options.exclude_base = fs::absolute(config.path, ec).parent_path().lexically_normal().string();
    }
    return options;
}

void read_sql_paths(const std::vector<std::string>& paths, const ReadOptions& options, Workspace& ws) {
    Reader reader(options, ws);
    for (const auto& f : list_sql_files(paths, options, ws.input_errors)) reader.read_file(f, 0);
    reader.flush();
}

void read_sql_text(const std::string& name, const std::string& text, Workspace& ws, const ReadOptions& options) {
    Reader reader(options, ws);
    reader.read_text(name, text, 0);
    reader.flush();
}

}  // namespace dbsage

namespace dbsage {

Status replay_ddl_text(const std::string& sql, Schema& schema) {
    std::vector<Statement> parsed;
    Statement st;
    st.text = sql;
    parse_into(sql, st, parsed);
    for (auto& s : parsed) {
        if (s.kind == StatementKind::invalid) return Status::error(s.error);
        for (auto& op : s.ddl) op.location = Location{};
        apply_statement(schema, s);
    }
    return Status::ok();
}

}  // namespace dbsage
