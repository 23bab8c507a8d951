#include <cctype>
#include <sstream>

#include "report/report.h"

namespace dbsage {
namespace {

struct Palette {
    bool on;
    std::string wrap(const char* code, const std::string& text) const {
        return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
    }
};

const char* severity_color(Severity s) {
    switch (s) {
        case Severity::error: return "1;31";
        case Severity::warning: return "1;33";
        case Severity::info: return "1;36";
    }
    return "1";
}

std::string line_of(const std::string& text, int line) {
    int current = 1;
    size_t start = 0;
    while (current < line) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) return {};
        start = nl + 1;
        ++current;
    }
    size_t end = text.find('\n', start);
    std::string out = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!out.empty() && out.back() == '\r') out.pop_back();
    return out;
}

// Width of the token under the caret: an identifier or keyword, at least 1.
size_t token_width(const std::string& line, size_t at) {
    size_t end = at;
    while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_' ||
                                 line[end] == '.' || line[end] == '"'))
        ++end;
    return end > at ? end - at : 1;
}

}  // namespace

std::array<int, 3> count_by_severity(const std::vector<Finding>& findings) {
    std::array<int, 3> counts{0, 0, 0};
    for (const auto& f : findings) {
        if (f.severity == Severity::error) ++counts[0];
        else if (f.severity == Severity::warning) ++counts[1];
        else ++counts[2];
    }
    return counts;
}

std::string format_text(const ReportContext& ctx) {
    Palette p{ctx.color};
    std::ostringstream out;
    for (const auto& f : ctx.report.findings) {
        out << p.wrap(severity_color(f.severity), std::string(to_string(f.severity)) + "[" + f.rule + "]")
            << p.wrap("1", ": " + f.message) << "\n";
        const auto& loc = f.location;
        std::string gutter = "  ";
        if (!loc.file.empty()) {
            std::string number = std::to_string(loc.line);
            gutter = std::string(number.size() + 1, ' ');
            out << gutter << p.wrap("1;34", "--> ") << loc.file << ":" << loc.line << ":" << loc.column << "\n";
            auto src = ctx.report.sources.find(loc.file);
            if (src != ctx.report.sources.end() && loc.line > 0) {
                std::string line = line_of(src->second, loc.line);
                size_t col = loc.column > 0 ? static_cast<size_t>(loc.column - 1) : 0;
                // A very long line (minified or generated SQL) is cut around the
                // caret: a 158 KB line once made a report of 1.18 GB.
                constexpr size_t k_max_line = 240, k_before = 80;
                if (line.size() > k_max_line) {
                    size_t from = col > k_before ? col - k_before : 0;
                    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
                    size_t to = std::min(line.size(), from + k_max_line);
                    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
                    std::string cut = (from > 0 ? "..." : "") + line.substr(from, to - from) + (to < line.size() ? "..." : "");
                    col = col - from + (from > 0 ? 3 : 0);
                    line = std::move(cut);
                }
                std::string pad;
                for (size_t i = 0; i < col && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
                out << gutter << p.wrap("1;34", "|") << "\n";
                out << p.wrap("1;34", number + " | ") << line << "\n";
                out << gutter << p.wrap("1;34", "| ") << pad
                    << p.wrap(severity_color(f.severity), "^" + std::string(token_width(line, col) - 1, '~')) << "\n";
            }
            if (!loc.object.empty()) out << gutter << p.wrap("1;34", "= ") << "object: " << loc.object << "\n";
        } else if (!loc.object.empty()) {
            out << gutter << p.wrap("1;34", "--> ") << loc.object << "\n";
        }
        if (!f.help.empty()) out << gutter << p.wrap("1;34", "= ") << p.wrap("1", "help: ") << f.help << "\n";
        if (f.fix) {
            out << gutter << p.wrap("1;34", "= ") << p.wrap("1", "fix:") << "\n";
            std::istringstream fix(*f.fix);
            for (std::string l; std::getline(fix, l);) out << gutter << "    " << p.wrap("32", l) << "\n";
        }
        out << "\n";
    }
    auto counts = count_by_severity(ctx.report.findings);
    size_t total = ctx.report.findings.size();
    std::string scope = ctx.report.database.empty()
        ? std::to_string(ctx.report.statements) + " statements"
        : std::to_string(ctx.report.tables) + " tables of " + ctx.report.database;
    size_t unread = ctx.report.input_errors.size();
    if (total == 0 && unread > 0) {
        // Not "no problems": some input was never looked at.
        out << p.wrap("1;31", std::to_string(unread) + (unread == 1 ? " input" : " inputs") + " could not be read") << "; no problems found in " << scope;
    } else if (total == 0) {
        out << p.wrap("1;32", "No problems found") << " in " << scope;
    } else {
        out << p.wrap("1", "Found " + std::to_string(total) + (total == 1 ? " problem" : " problems")) << " ("
            << counts[0] << " errors, " << counts[1] << " warnings, " << counts[2] << " info) in " << scope;
    }
    if (ctx.report.files) out << " from " << ctx.report.files << (ctx.report.files == 1 ? " file" : " files");
    out << "\n";
    return out.str();
}

}  // namespace dbsage
