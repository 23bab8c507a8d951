#include "digest/stderr_reader.h"

#include <cstring>

namespace dbsage {

StderrReader::StderrReader(std::string_view prefix, RecordSink& sink) : m_sink(sink) {
    if (!prefix.empty()) m_spec.emplace(prefix);
}

void StderrReader::run(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
        size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        std::uint64_t number = m_sink.next_line();
        if (!line.empty() && line[0] == '\t') {  // continuation of a multi-line message
            if (m_sink.pending()) m_sink.continue_statement(line.substr(1));
            continue;
        }
        LogLine parsed;
        if (!split_log_line(line, parsed)) {
            if (!line.empty()) m_sink.skip(number);
            continue;
        }
        if (parsed.severity == "DETAIL" && m_sink.pending() && parsed.message.substr(0, 12) == "parameters: ") {
            m_sink.parameters(parsed.message.substr(12));
            continue;
        }
        m_sink.flush();
        PrefixFields fields;
        if (m_spec) {
            if (!m_spec->match(parsed.prefix, fields)) {
                m_sink.skip(number);
                continue;
            }
        } else {
            fields = guess_prefix_fields(parsed.prefix);
        }
        m_sink.event(parsed.severity, parsed.message, fields);
    }
}

size_t record_boundary_before(std::string_view text, size_t pos) {
    while (pos > 0) {
        size_t nl = text.rfind('\n', pos - 1);
        if (nl == std::string_view::npos) return 0;
        size_t start = nl + 1;
        size_t end = start < text.size() ? text.find('\n', start) : std::string_view::npos;
        // Only before a whole line: a partial one may be a DETAIL that has not
        // arrived yet.
        if (end != std::string_view::npos && text[start] != '\t') {
            LogLine line;
            if (!split_log_line(text.substr(start, end - start), line) || line.severity != "DETAIL") return start;
        }
        pos = nl;
    }
    return 0;
}

BlockFormat stderr_block_format(const DigestOptions& options) {
    BlockFormat format;
    format.cut = [](std::string_view text) { return record_boundary_before(text, text.size()); };
    std::string prefix = options.prefix;
    format.make_parser = [prefix](RecordSink& sink) { return std::make_unique<StderrReader>(prefix, sink); };
    format.views_into_block = true;
    return format;
}

}  // namespace dbsage
