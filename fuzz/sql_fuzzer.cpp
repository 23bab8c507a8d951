// libFuzzer target: any bytes given to lint as a SQL file (the psql splitter,
// PostgreSQL's parser, translation into the model, replay, the migration
// analysis and every rule), and to the text and JSON reports, must never
// crash, hang or read out of bounds. Build with -DDBSAGE_FUZZ=ON and clang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "dbsage/lint.h"
#include "report/report.h"

namespace {

std::string scratch_file() {
    static std::string path = [] {
        char name[] = "/tmp/dbsage-sql-fuzz-XXXXXX";
        int fd = mkstemp(name);
        if (fd >= 0) close(fd);
        return std::string(name);
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string path = scratch_file();
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    dbsage::LintOptions options;
    options.targets = {path};
    options.config_path = "/dev/null";
    auto report = dbsage::lint(options);
    if (report.is_ok()) {
        std::vector<dbsage::RuleMeta> rules;
        dbsage::ReportContext ctx{*report, rules, false};
        (void)dbsage::format_text(ctx);
        (void)dbsage::format_json(ctx);
    }
    return 0;
}
