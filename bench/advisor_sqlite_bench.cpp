#include "advisor_sqlite_bench.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <random>
#include <regex>
#include <set>
#include <vector>

#include "advisor/advisor.h"
#include "advisor/verify_sqlite.h"
#include "workload/workload.h"
#include "util/strings.h"

namespace dbsage {
namespace {

using Clock = std::chrono::steady_clock;

class Db {
public:
    explicit Db(const std::string& path) { sqlite3_open(path.c_str(), &m_db); }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    bool exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return true;
        std::cerr << "sqlite: " << sql.substr(0, 120) << ": " << (error ? error : "?") << "\n";
        sqlite3_free(error);
        return false;
    }
    long long integer(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        long long value = 0;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            value = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return value;
    }
    sqlite3* handle() { return m_db; }

private:
    sqlite3* m_db = nullptr;
};

std::string iso_time(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return buffer;
}

// The same shop as generate-postgres.sql, row for row in its laws.
bool generate(Db& db, double scale) {
    long users = static_cast<long>(1000000 * scale), products = static_cast<long>(100000 * scale),
         orders = static_cast<long>(4000000 * scale), events = static_cast<long>(3000000 * scale);
    if (!db.exec("PRAGMA journal_mode = off; PRAGMA synchronous = off;"
                 "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,"
                 " created_at TEXT NOT NULL, last_login TEXT, deleted_at TEXT);"
                 "CREATE TABLE products (id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL, name TEXT NOT NULL, price REAL NOT NULL);"
                 "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, status TEXT NOT NULL, placed_at TEXT NOT NULL,"
                 " total REAL NOT NULL, note TEXT);"
                 "CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, payload TEXT);"
                 "BEGIN"))
        return false;
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> unit(0, 1);
    auto log_uniform = [&](long n) { return static_cast<long long>(std::floor(std::exp(unit(random) * std::log(n)))); };
    const char* countries[] = {"us", "us", "us", "de", "de", "fr", "jp", "br", "in", "is"};
    const char* domains[] = {"com", "org", "net", "de"};
    const char* kinds[] = {"view", "view", "view", "view", "click", "click", "login", "search", "cart", "purchase"};
    auto insert = [&](const char* sql, long rows, auto bind) {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db.handle(), sql, -1, &st, nullptr);
        for (long g = 1; g <= rows; ++g) {
            bind(st, g);
            sqlite3_step(st);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    };
    auto text = [](sqlite3_stmt* st, int i, const std::string& value) { sqlite3_bind_text(st, i, value.c_str(), -1, SQLITE_TRANSIENT); };
    const std::time_t y2020 = 1577836800, y2024 = 1704067200, y2026 = 1767225600;
    insert("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?)", users, [&](sqlite3_stmt* st, long g) {
        sqlite3_bind_int64(st, 1, g);
        text(st, 2, fmt::format("user{}@example.{}", g, domains[g % 4]));
        text(st, 3, countries[(g * 2654435761u >> 7) % 10]);
        text(st, 4, g % 50 == 0 ? "blocked" : g % 7 == 0 ? "inactive" : "active");
        text(st, 5, iso_time(y2020 + g * 120));
        text(st, 6, iso_time(y2026 + (g * 40503 % 65536) * 300));
        if (g % 20 == 0) text(st, 7, "2026-06-01 00:00:00");
        else sqlite3_bind_null(st, 7);
    });
    insert("INSERT INTO products VALUES (?, ?, ?, ?)", products, [&](sqlite3_stmt* st, long g) {
        sqlite3_bind_int64(st, 1, g);
        sqlite3_bind_int64(st, 2, 1 + log_uniform(500));
        text(st, 3, fmt::format("product {}", g));
        sqlite3_bind_double(st, 4, std::round((1 + unit(random) * 500) * 100) / 100);
    });
    insert("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", orders, [&](sqlite3_stmt* st, long g) {
        long m = g % 1000;
        sqlite3_bind_int64(st, 1, g);
        sqlite3_bind_int64(st, 2, log_uniform(users));
        text(st, 3, m < 15 ? "new" : m < 40 ? "paid" : m < 45 ? "refunded" : m < 100 ? "shipped" : "done");
        text(st, 4, iso_time(y2024 + g * 15));
        sqlite3_bind_double(st, 5, std::round(unit(random) * 50000) / 100);
        if (g % 10 == 0) text(st, 6, "gift wrap, please");
        else sqlite3_bind_null(st, 6);
    });
    insert("INSERT INTO events (user_id, kind, at, payload) VALUES (?, ?, ?, ?)", events, [&](sqlite3_stmt* st, long g) {
        sqlite3_bind_int64(st, 1, log_uniform(users));
        text(st, 2, kinds[g % 10]);
        text(st, 3, iso_time(y2026 + g * 2));
        text(st, 4, std::string(static_cast<size_t>(20 + g % 40), 'x'));
    });
    return db.exec("COMMIT; ANALYZE;");
}

struct SqliteSet {
    std::string name;
    std::vector<std::pair<std::string, std::string>> indexes{};  // name, DDL
    double seconds = 0, measured_ms = 0, mb = 0;
};

// sqlite3's .expert on each statement; the union of what it proposes.
SqliteSet expert(const std::string& path, const std::vector<WorkloadQuery>& workload) {
    SqliteSet set{"(d) sqlite3 .expert"};
    auto started = Clock::now();
    std::set<std::string> seen;
    std::regex create(R"(CREATE INDEX (\S+) ON (.*);)");
    for (const auto& q : workload) {
        FILE* pipe = popen(("sqlite3 " + shell_quote(path) + " '.expert' " + shell_quote(q.sql) + " 2>&1").c_str(), "r");
        char buffer[4096];
        while (pipe && fgets(buffer, sizeof buffer, pipe)) {
            std::smatch m;
            std::string line = buffer;
            if (std::regex_search(line, m, create) && seen.insert(m[2]).second) set.indexes.emplace_back(m[1], m[0]);
        }
        if (pipe) pclose(pipe);
    }
    set.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return set;
}

// Builds the set, times each statement as --verify does, drops the set.
void measure(Db& db, const std::vector<WorkloadQuery>& workload, SqliteSet& set) {
    long long pages = db.integer("PRAGMA page_count"), page_size = db.integer("PRAGMA page_size");
    for (const auto& [name, ddl] : set.indexes) db.exec(ddl);
    db.exec("ANALYZE");
    set.mb = static_cast<double>((db.integer("PRAGMA page_count") - pages) * page_size) / 1048576.0;
    for (const auto& q : workload) {
        std::set<std::string> used;
        auto ms = measure_sqlite_query(db.handle(), q.sql, used);
        if (ms) set.measured_ms += q.weight * *ms;
        else std::cerr << "sqlite: " << q.origin << ": " << ms.status().message() << "\n";
    }
    for (const auto& [name, ddl] : set.indexes) db.exec("DROP INDEX IF EXISTS \"" + name + "\"");
    db.exec("ANALYZE; VACUUM");
}

}  // namespace

int run_sqlite_bench(double scale, const std::string& dir) {
    std::string path = dir + "/shop.db";
    std::remove(path.c_str());
    auto generation = Clock::now();
    {
        Db db(path);
        if (!generate(db, scale)) return 2;
    }
    auto workload = read_query_files({"bench/advisor/workload-sqlite.sql"});
    if (!workload) return std::cerr << workload.status().message() << "\n", 2;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    std::fseek(f, 0, SEEK_END);
    double mb = static_cast<double>(std::ftell(f)) / 1048576.0;
    std::fclose(f);
    std::cout << fmt::format("\nSQLite: {:.0f} MB generated in {:.0f} s (scale {})\n", mb,
                             std::chrono::duration<double>(Clock::now() - generation).count(), scale);

    AdviseOptions options;
    options.target = path;
    options.query_files = {"bench/advisor/workload-sqlite.sql"};
    auto advised = advise_indexes(options);
    if (!advised) return std::cerr << "dbsage: " << advised.status().message() << "\n", 2;
    SqliteSet a{"(a) dbsage advise indexes"};
    a.seconds = advised->seconds;
    for (const auto& advice : advised->create) a.indexes.emplace_back(advice.index.name(), advice.index.ddl_sqlite());
    SqliteSet d = expert(path, *workload);
    std::vector<SqliteSet> sets{{"no index but the keys"}, a, d};
    Db db(path);
    for (auto& set : sets) measure(db, *workload, set);
    std::cout << "\n| index set (SQLite) | indexes | measured time | index MB | advisor time |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& set : sets)
        std::cout << fmt::format("| {} | {} | {:.1f}% ({:.2f} s) | {:.1f} | {} |\n", set.name, set.indexes.size(),
                                 100 * set.measured_ms / sets[0].measured_ms, set.measured_ms / 1000, set.mb,
                                 set.seconds > 0 ? fmt::format("{:.1f} s", set.seconds) : "—");
    std::cout << "\n";
    for (const auto& set : sets) {
        if (set.indexes.empty()) continue;
        std::cout << set.name << ":\n";
        for (const auto& [name, ddl] : set.indexes) std::cout << "  " << ddl << "\n";
    }
    return 0;
}

}  // namespace dbsage
