#include "digest/log_input.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

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

class GzipInput : public LogInput {
public:
    explicit GzipInput(gzFile file, std::string path) : m_file(file), m_path(std::move(path)) {}
    ~GzipInput() override { gzclose(m_file); }
    size_t read(char* buffer, size_t size) override {
        int n = gzread(m_file, buffer, static_cast<unsigned>(std::min<size_t>(size, 1u << 30)));
        int code = Z_OK;
        const char* message = gzerror(m_file, &code);
        // A truncated stream ends with n == 0 and Z_BUF_ERROR, not with n < 0.
        if (n < 0 || (n == 0 && code != Z_OK && code != Z_STREAM_END)) {
            m_error = m_path + ": broken gzip data (" + message + ")";
            return 0;
        }
        return static_cast<size_t>(n);
    }
    Status status() const override { return m_error.empty() ? Status::ok() : Status::error(m_error); }
    std::uint64_t consumed() const override {
        auto offset = gzoffset(m_file);
        return offset > 0 ? static_cast<std::uint64_t>(offset) : 0;
    }

private:
    gzFile m_file;
    std::string m_path;
    std::string m_error;
};

class ZstdInput : public LogInput {
public:
    ZstdInput(std::FILE* file, std::string path) : m_file(file), m_path(std::move(path)), m_in(ZSTD_DStreamInSize()) {
        m_stream = ZSTD_createDStream();
        ZSTD_initDStream(m_stream);
    }
    ~ZstdInput() override {
        ZSTD_freeDStream(m_stream);
        std::fclose(m_file);
    }
    size_t read(char* buffer, size_t size) override {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0) {
            if (m_input.pos == m_input.size) {
                size_t n = std::fread(m_in.data(), 1, m_in.size(), m_file);
                if (n == 0) return 0;
                m_consumed += n;
                m_input = ZSTD_inBuffer{m_in.data(), n, 0};
            }
            size_t rc = ZSTD_decompressStream(m_stream, &out, &m_input);
            if (ZSTD_isError(rc)) {
                m_error = m_path + ": broken zstd data (" + ZSTD_getErrorName(rc) + ")";
                return 0;
            }
        }
        return out.pos;
    }
    Status status() const override { return m_error.empty() ? Status::ok() : Status::error(m_error); }
    std::uint64_t consumed() const override { return m_consumed; }

private:
    std::FILE* m_file;
    std::string m_path;
    std::uint64_t m_consumed = 0;
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
    if (path == "-") return std::unique_ptr<LogInput>(new PlainInput(stdin, false, "standard input"));
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return Status::error(path + ": cannot read log file (" + std::strerror(errno) + ")");
    unsigned char magic[4] = {};
    size_t n = std::fread(magic, 1, 4, file);
    std::rewind(file);
    if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        std::fclose(file);
        gzFile gz = gzopen(path.c_str(), "rb");
        if (!gz) return Status::error(path + ": cannot open gzip file");
        gzbuffer(gz, 1u << 20);
        return std::unique_ptr<LogInput>(new GzipInput(gz, path));
    }
    if (n == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
        return std::unique_ptr<LogInput>(new ZstdInput(file, path));
    return std::unique_ptr<LogInput>(new PlainInput(file, true, path));
}

std::vector<std::string> expand_log_paths(const std::vector<std::string>& paths) {
    std::vector<std::string> out;
    for (const auto& path : paths) {
        std::error_code ec;
        if (path != "-" && std::filesystem::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (const auto& e : std::filesystem::directory_iterator(path, ec))
                if (e.is_regular_file(ec)) files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
            out.insert(out.end(), files.begin(), files.end());
        } else {
            out.push_back(path);
        }
    }
    return out;
}

}  // namespace dbsage
