#include "digest/log_input.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace dbsage {
namespace {

class PlainInput : public LogInput {
public:
    PlainInput(std::FILE* file, bool owned, std::string name) : m_file(file), m_owned(owned), m_name(std::move(name)) {}
    ~PlainInput() override {
        if (m_owned) std::fclose(m_file);
    }
    size_t read(char* buffer, size_t size) override {
        size_t n = std::fread(buffer, 1, size, m_file);
        if (n == 0 && std::ferror(m_file)) m_error = m_name + ": read error (" + std::strerror(errno) + ")";
        m_consumed += n;
        return n;
    }
    std::uint64_t consumed() const override { return m_consumed; }
    Status status() const override { return m_error.empty() ? Status::ok() : Status::error(m_error); }

private:
    std::FILE* m_file;
    bool m_owned;
    std::string m_name;
    std::string m_error;
    std::uint64_t m_consumed = 0;
};

class TextInput : public LogInput {
public:
    explicit TextInput(std::string_view text) : m_text(text) {}
    size_t read(char* buffer, size_t size) override {
        size_t n = std::min(size, m_text.size());
        std::memcpy(buffer, m_text.data(), n);
        m_text.remove_prefix(n);
        m_consumed += n;
        return n;
    }
    std::uint64_t consumed() const override { return m_consumed; }

private:
    std::string_view m_text;
    std::uint64_t m_consumed = 0;
};

// What was read to tell the compression, then the rest of the source.
class PeekedInput : public LogInput {
public:
    PeekedInput(std::string head, std::unique_ptr<LogInput> rest) : m_rest(std::move(rest)), m_peeked(std::move(head), *m_rest) {}
    size_t read(char* buffer, size_t size) override { return m_peeked.read(buffer, size); }
    Status status() const override { return m_rest->status(); }
    std::uint64_t consumed() const override { return m_rest->consumed(); }

private:
    std::unique_ptr<LogInput> m_rest;
    PrefixedInput m_peeked;
};

// gzip through zlib's stream interface, so that a pipe works as a file does;
// several members one after the other (cat a.gz b.gz) are one stream.
class GzipInput : public LogInput {
public:
    GzipInput(std::unique_ptr<LogInput> source, std::string name)
        : m_source(std::move(source)), m_name(std::move(name)), m_in(1u << 20) {
        inflateInit2(&m_stream, 15 + 16);
    }
    ~GzipInput() override { inflateEnd(&m_stream); }
    size_t read(char* buffer, size_t size) override {
        const auto want = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        m_stream.next_out = reinterpret_cast<Bytef*>(buffer);
        m_stream.avail_out = want;
        while (m_stream.avail_out == want && m_error.empty()) {
            if (m_stream.avail_in == 0) {
                size_t n = m_source->read(m_in.data(), m_in.size());
                if (n == 0) {
                    if (m_in_member) m_error = m_name + ": broken gzip data (unexpected end of file)";
                    break;
                }
                m_stream.next_in = reinterpret_cast<Bytef*>(m_in.data());
                m_stream.avail_in = static_cast<uInt>(n);
            }
            m_in_member = true;
            int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_in_member = false;
                inflateReset(&m_stream);
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = m_name + ": broken gzip data (" + (m_stream.msg ? m_stream.msg : "inflate failed") + ")";
            }
        }
        return want - m_stream.avail_out;
    }
    Status status() const override {
        if (!m_error.empty()) return Status::error(m_error);
        return m_source->status();
    }
    std::uint64_t consumed() const override { return m_source->consumed(); }

private:
    std::unique_ptr<LogInput> m_source;
    std::string m_name;
    std::vector<char> m_in;
    z_stream m_stream{};
    bool m_in_member = false;
    std::string m_error;
};

class ZstdInput : public LogInput {
public:
    ZstdInput(std::unique_ptr<LogInput> source, std::string name)
        : m_source(std::move(source)), m_name(std::move(name)), m_in(ZSTD_DStreamInSize()) {
        m_stream = ZSTD_createDStream();
        ZSTD_initDStream(m_stream);
    }
    ~ZstdInput() override { ZSTD_freeDStream(m_stream); }
    size_t read(char* buffer, size_t size) override {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0 && m_error.empty()) {
            if (m_input.pos == m_input.size) {
                size_t n = m_source->read(m_in.data(), m_in.size());
                if (n == 0) return 0;
                m_input = ZSTD_inBuffer{m_in.data(), n, 0};
            }
            size_t rc = ZSTD_decompressStream(m_stream, &out, &m_input);
            if (ZSTD_isError(rc)) m_error = m_name + ": broken zstd data (" + ZSTD_getErrorName(rc) + ")";
        }
        return out.pos;
    }
    Status status() const override {
        if (!m_error.empty()) return Status::error(m_error);
        return m_source->status();
    }
    std::uint64_t consumed() const override { return m_source->consumed(); }

private:
    std::unique_ptr<LogInput> m_source;
    std::string m_name;
    std::vector<char> m_in;
    ZSTD_inBuffer m_input{nullptr, 0, 0};
    ZSTD_DStream* m_stream;
    std::string m_error;
};

}  // namespace

size_t PrefixedInput::read(char* buffer, size_t size) {
    if (m_at < m_head.size()) {
        size_t n = std::min(size, m_head.size() - m_at);
        std::memcpy(buffer, m_head.data() + m_at, n);
        m_at += n;
        return n;
    }
    return m_rest.read(buffer, size);
}

std::unique_ptr<LogInput> text_input(std::string_view text) { return std::make_unique<TextInput>(text); }

size_t read_full(LogInput& in, char* buffer, size_t size) {
    size_t total = 0;
    while (total < size) {
        size_t n = in.read(buffer + total, size - total);
        if (n == 0) break;
        total += n;
    }
    return total;
}

Result<std::unique_ptr<LogInput>> open_log(const std::string& path) {
    std::unique_ptr<LogInput> plain;
    std::string name = path;
    if (path == "-") {
        name = "standard input";
        plain = std::make_unique<PlainInput>(stdin, false, name);
    } else {
        std::FILE* file = std::fopen(path.c_str(), "rb");
        if (!file) return Status::error(path + ": cannot read log file (" + std::strerror(errno) + ")");
        plain = std::make_unique<PlainInput>(file, true, path);
    }
    // The magic bytes, not the name, tell the compression: a pipe has no name.
    std::string magic(4, '\0');
    magic.resize(read_full(*plain, magic.data(), magic.size()));
    auto source = std::make_unique<PeekedInput>(magic, std::move(plain));
    if (magic.size() >= 2 && magic[0] == '\x1f' && magic[1] == '\x8b')
        return std::unique_ptr<LogInput>(new GzipInput(std::move(source), name));
    if (magic == "\x28\xb5\x2f\xfd") return std::unique_ptr<LogInput>(new ZstdInput(std::move(source), name));
    return std::unique_ptr<LogInput>(std::move(source));
}

namespace {

// "postgresql-Mon.csv.gz" -> stem "postgresql-Mon", kind ".csv". PostgreSQL
// names the csvlog and jsonlog files after the stderr one, replacing its
// ".log" or appending to a name without it.
std::pair<std::string, std::string> log_stem(const std::filesystem::path& path) {
    std::string name = path.filename().string();
    for (const char* compressed : {".gz", ".zst"})
        if (name.size() > std::strlen(compressed) && name.ends_with(compressed)) name.resize(name.size() - std::strlen(compressed));
    for (const char* kind : {".log", ".csv", ".json"})
        if (name.size() > std::strlen(kind) && name.ends_with(kind))
            return {(path.parent_path() / name.substr(0, name.size() - std::strlen(kind))).string(), kind};
    return {(path.parent_path() / name).string(), ""};
}

// One log written by several log_destinations: keep one copy (csvlog has
// every field; then jsonlog; then stderr), say which were left out.
void drop_copies(LogPaths& out) {
    std::map<std::string, std::vector<size_t>> by_stem;
    for (size_t i = 0; i < out.files.size(); ++i)
        if (out.files[i] != "-") by_stem[log_stem(out.files[i]).first].push_back(i);
    std::vector<bool> dropped(out.files.size(), false);
    auto rank = [&](size_t i) {
        const std::string kind = log_stem(out.files[i]).second;
        return kind == ".csv" ? 0 : kind == ".json" ? 1 : 2;
    };
    for (auto& [stem, members] : by_stem) {
        if (members.size() < 2) continue;
        std::set<int> kinds;
        for (size_t i : members) kinds.insert(rank(i));
        if (kinds.size() != members.size()) continue;  // not one file per destination: not copies
        size_t kept = *std::min_element(members.begin(), members.end(), [&](size_t a, size_t b) { return rank(a) < rank(b); });
        std::string left;
        for (size_t i : members)
            if (i != kept) {
                dropped[i] = true;
                left += (left.empty() ? "" : " and ") + out.files[i];
            }
        out.notes.push_back(left + (members.size() > 2 ? " hold" : " holds") + " the same log as " + out.files[kept] +
                            " (log_destination writes every line to each); read " + out.files[kept] + " only");
    }
    std::vector<std::string> kept_files;
    for (size_t i = 0; i < out.files.size(); ++i)
        if (!dropped[i]) kept_files.push_back(std::move(out.files[i]));
    out.files = std::move(kept_files);
}

}  // namespace

LogPaths expand_log_paths(const std::vector<std::string>& paths) {
    LogPaths out;
    std::set<std::string> seen;
    for (const auto& path : paths) {
        std::error_code ec;
        std::vector<std::string> files;
        if (path != "-" && std::filesystem::is_directory(path, ec)) {
            auto options = std::filesystem::directory_options::skip_permission_denied;
            for (auto it = std::filesystem::recursive_directory_iterator(path, options, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec)) files.push_back(it->path().string());
            std::sort(files.begin(), files.end());
        } else {
            files.push_back(path);
        }
        for (auto& file : files)
            if (file == "-" || seen.insert(std::filesystem::weakly_canonical(file, ec).string()).second) out.files.push_back(std::move(file));
    }
    drop_copies(out);
    return out;
}

}  // namespace dbsage
