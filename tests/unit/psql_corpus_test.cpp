// Real psql scripts: the extension scripts the PostgreSQL server package
// installs (setup installs postgresql-15). They use \echo … \quit guards,
// dollar-quoted bodies and every kind of DDL; the only statements PostgreSQL
// itself rejects as written are those with the @extschema@ / @extowner@
// placeholders that CREATE EXTENSION substitutes before running them.
#include <gtest/gtest.h>

#include <filesystem>

#include "dbsage/lint.h"

namespace dbsage {
namespace {

TEST(PsqlCorpus, ExtensionScriptsHaveSyntaxErrorsOnlyWherePostgresWould) {
    std::string dir;
    for (const auto& e : std::filesystem::directory_iterator("/usr/share/postgresql"))
        if (std::filesystem::exists(e.path() / "extension")) dir = (e.path() / "extension").string();
    ASSERT_FALSE(dir.empty()) << "no PostgreSQL server installed";
    LintOptions options;
    options.targets = {dir};
    options.config_path = "/dev/null";
    auto report = lint(options);
    ASSERT_TRUE(report.is_ok()) << report.status().message();
    EXPECT_TRUE(report->input_errors.empty());
    EXPECT_GT(report->files, 100);
    EXPECT_GT(report->statements, 2000);
    for (const auto& f : report->findings) {
        if (f.rule != "syntax-error") continue;
        const std::string& text = report->sources.at(f.location.file);
        // The statement around the error mentions the placeholder.
        size_t at = 0;
        for (int line = 1; line < f.location.line; ++line) at = text.find('\n', at) + 1;
        std::string context = text.substr(at > 400 ? at - 400 : 0, 800);
        bool placeholder = context.find("@extschema@") != std::string::npos ||
                           context.find("@extowner@") != std::string::npos;
        EXPECT_TRUE(placeholder)
            << f.location.file << ":" << f.location.line << ": " << f.message;
    }
}

}  // namespace
}  // namespace dbsage
