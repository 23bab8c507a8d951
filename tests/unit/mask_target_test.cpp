// Passwords never reach an output: mask_target() finds them by parsing, so
// no character in a password ends the mask early (issue 21).
#include <gtest/gtest.h>

#include <string>

#include "connectors/target.h"

namespace dbsage {
namespace {

// Each character that ended or confused the old pattern, inside a password
// whose two halves must both disappear.
const std::string k_specials[] = {"&", "'", "\"", "\\", " ", "=", "@", ":", "/", "?", "#"};

std::string secret(const std::string& special) { return "Zq9" + special + "Xk7"; }

void expect_hidden(const std::string& masked, const std::string& input) {
    EXPECT_EQ(masked.find("Zq9"), std::string::npos) << input << " -> " << masked;
    EXPECT_EQ(masked.find("Xk7"), std::string::npos) << input << " -> " << masked;
    EXPECT_NE(masked.find("***"), std::string::npos) << input << " -> " << masked;
}

// libpq's quoting: single quotes, with \ before ' and \.
std::string quoted(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

TEST(MaskTarget, KeyValuePasswordsWithEveryAwkwardCharacter) {
    for (const auto& special : k_specials) {
        std::string input = "host=db.internal port=5432 password=" + quoted(secret(special)) + " dbname=shop";
        std::string masked = mask_target(input);
        expect_hidden(masked, input);
        EXPECT_NE(masked.find("host=db.internal"), std::string::npos) << masked;
        EXPECT_NE(masked.find("dbname=shop"), std::string::npos) << "what follows the password stays: " << masked;
    }
    // Unquoted, as people type them where libpq allows it.
    for (const std::string special : {"&", "=", "@", ":", "/", "?", "#"}) {
        std::string input = "password=" + secret(special) + " host=h dbname=shop";
        expect_hidden(mask_target(input), input);
    }
}

TEST(MaskTarget, UrlPasswordsRawOrEncoded) {
    for (const auto& special : k_specials) {
        std::string raw = "postgresql://app:" + secret(special) + "@db.internal:5432/shop";
        std::string masked = mask_target(raw);
        expect_hidden(masked, raw);
        EXPECT_EQ(masked.rfind("postgresql://app:***@", 0), 0u) << masked;
        std::string mysql = "mysql://app:" + secret(special) + "@db.internal/shop";
        expect_hidden(mask_target(mysql), mysql);
    }
    std::string encoded = "postgresql://app:Zq9%26%40Xk7@db.internal/shop";
    EXPECT_EQ(mask_target(encoded), "postgresql://app:***@db.internal/shop");
}

TEST(MaskTarget, UrlQueryPasswords) {
    for (const auto& special : k_specials) {
        std::string input = "postgresql://db.internal/shop?sslmode=require&password=" + secret(special) + "&application_name=x";
        std::string masked = mask_target(input);
        expect_hidden(masked, input);
        EXPECT_NE(masked.find("sslmode=require"), std::string::npos) << masked;
    }
}

TEST(MaskTarget, UnparseableAndMisspeltAreCutAtThePassword) {
    std::string unclosed = "host=h password='Zq9 Xk7 dbname=x";
    expect_hidden(mask_target(unclosed), unclosed);
    std::string misspelt = "dbname=shop pasword=Zq9&Xk7";
    std::string masked = mask_target(misspelt);
    expect_hidden(masked, misspelt);
    EXPECT_NE(masked.find("dbname=shop"), std::string::npos) << masked;
}

TEST(MaskTarget, WithoutAPasswordNothingChanges) {
    EXPECT_EQ(mask_target("postgresql://app@db.internal:5432/shop?sslmode=require"),
              "postgresql://app@db.internal:5432/shop?sslmode=require");
    EXPECT_EQ(mask_target("host=/tmp port=5432 user=postgres dbname=postgres"), "host=/tmp port=5432 user=postgres dbname=postgres");
    EXPECT_EQ(mask_target("shop.db"), "shop.db");
    EXPECT_EQ(mask_target("sqlite:data/app.db"), "sqlite:data/app.db");
}

}  // namespace
}  // namespace dbsage
