#include "corpus.h"

#include <random>

namespace dbsage::bench {

std::string make_corpus(size_t target_bytes, unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % n); };
    static const char* const k_types[] = {"bigint", "integer", "text", "varchar(80)", "timestamptz", "timestamp",
                                          "numeric(12,2)", "jsonb", "boolean", "uuid", "double precision"};
    std::string out;
    out.reserve(target_bytes + 4096);
    int n = 0;
    while (out.size() < target_bytes) {
        std::string t = "t" + std::to_string(n);
        std::string parent = "t" + std::to_string(n > 0 ? pick(n) : 0);
        out += "\\set ON_ERROR_STOP on\n-- migration " + std::to_string(n) + "\nBEGIN;\nCREATE TABLE " + t +
               " (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n";
        int cols = 4 + pick(10);
        for (int c = 0; c < cols; ++c)
            out += "    c" + std::to_string(c) + " " + k_types[pick(11)] + (pick(2) ? " NOT NULL" : "") + ",\n";
        out += "    " + parent + "_id bigint REFERENCES " + parent + " (id) ON DELETE CASCADE,\n";
        out += "    status text NOT NULL DEFAULT 'new',\n    created_at timestamptz NOT NULL DEFAULT now()\n);\n";
        out += "CREATE INDEX " + t + "_c1_idx ON " + t + " (c1);\n";
        out += "CREATE INDEX CONCURRENTLY " + t + "_status_created_idx ON " + t + " (status, created_at DESC) WHERE status <> 'done';\n";
        out += "ALTER TABLE " + t + " ADD COLUMN note text, ADD CONSTRAINT " + t + "_c0_check CHECK (c0 IS NOT NULL) NOT VALID;\n";
        out += "COMMENT ON TABLE " + t + " IS 'generated table " + std::to_string(n) + "; holds things';\n";
        out += "CREATE OR REPLACE FUNCTION " + t + "_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
               "  NEW.created_at := now(); -- keep; semicolons inside\n  RETURN NEW;\nEND $$;\nCOMMIT;\n\n";
        out += "SELECT a.id, a.c1, b.status FROM " + t + " a JOIN " + parent + " b ON b.id = a." + parent +
               "_id\nWHERE a.status = 'open' AND a.created_at > now() - interval '7 days' AND b.c2 IN (1, 2, 3)\n"
               "ORDER BY a.created_at DESC LIMIT 50 OFFSET " + std::to_string(pick(500)) + ";\n";
        out += "WITH recent AS (SELECT id, status FROM " + t + " WHERE created_at > $1)\nSELECT status, count(*) FROM recent "
               "WHERE id NOT IN (SELECT " + parent + "_id FROM " + t + ") GROUP BY status ORDER BY 2 DESC;\n";
        out += "UPDATE " + t + " SET status = 'done', note = :'reason' WHERE id = $1 AND status <> 'done';\n";
        out += "DELETE FROM " + t + " WHERE created_at < now() - interval '90 days' AND status = 'done';\n";
        out += "INSERT INTO " + t + " (c0, c1, status) SELECT c0, c1, 'copied' FROM " + parent + " WHERE id = $2;\n\n";
        ++n;
    }
    return out;
}

}  // namespace dbsage::bench
