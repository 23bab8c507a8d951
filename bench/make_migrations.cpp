// make_migrations DIR [FILES]
// Writes a directory of migration files in name order: a baseline that creates
// tables, then mixed safe and unsafe changes, about a third of them psql
// scripts starting with meta-commands.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_migrations DIR [FILES]\n");
        return 2;
    }
    std::string dir = argv[1];
    int files = argc > 2 ? std::atoi(argv[2]) : 2000;
    std::filesystem::create_directories(dir);
    std::mt19937 rng(7);
    auto pick = [&](int n) { return static_cast<int>(rng() % n); };
    const int tables = 50;
    {
        std::ofstream base(dir + "/0000_baseline.sql");
        for (int t = 0; t < tables; ++t)
            base << "CREATE TABLE t" << t << " (id bigint PRIMARY KEY, a integer, b text, c varchar(20), "
                 << "d numeric(10,2), created_at timestamptz NOT NULL DEFAULT now());\n";
    }
    const char* unsafe[] = {
        "CREATE INDEX t{T}_a_{N} ON t{T} (a);",
        "ALTER TABLE t{T} ADD COLUMN x{N} uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE t{T} ALTER COLUMN a TYPE bigint;",
        "ALTER TABLE t{T} ADD CONSTRAINT t{T}_fk{N} FOREIGN KEY (a) REFERENCES t0 (id);",
        "ALTER TABLE t{T} ALTER COLUMN b SET NOT NULL;",
        "ALTER TABLE t{T} ADD CONSTRAINT t{T}_ck{N} CHECK (a > 0);",
        "ALTER TABLE t{T} RENAME COLUMN c TO c{N};",
        "ALTER TABLE t{T} ADD COLUMN r{N} text NOT NULL;",
    };
    const char* safe[] = {
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS t{T}_b_{N} ON t{T} (b);",
        "ALTER TABLE t{T} ADD COLUMN IF NOT EXISTS y{N} text;",
        "ALTER TABLE t{T} ADD CONSTRAINT t{T}_nv{N} CHECK (a >= 0) NOT VALID;",
        "ALTER TABLE t{T} ALTER COLUMN c TYPE varchar(40);",
        "CREATE TABLE IF NOT EXISTS n{N} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);",
        "SELECT id, a FROM t{T} WHERE a = 42;",
    };
    for (int f = 1; f < files; ++f) {
        char name[64];
        std::snprintf(name, sizeof name, "/%04d_change.sql", f);
        std::ofstream out(dir + name);
        if (f % 3 == 0) out << "\\set ON_ERROR_STOP on\n\\echo migration " << f << "\n";
        out << "SET lock_timeout = '2s';\n";
        int statements = 2 + pick(5);
        for (int s = 0; s < statements; ++s) {
            std::string line = pick(2) ? unsafe[pick(8)] : safe[pick(6)];
            for (std::string key : {"{T}", "{N}"})
                for (size_t at; (at = line.find(key)) != std::string::npos;)
                    line.replace(at, 3, key == "{T}" ? std::to_string(pick(tables)) : std::to_string(f * 10 + s));
            out << line << "\n";
        }
    }
    return 0;
}
