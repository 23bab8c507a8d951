#include "connectors/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <regex>
#include <vector>

#include "connectors/target.h"
#include "util/strings.h"

namespace dbsage {
namespace {

PGconn* conn_of(void* p) { return static_cast<PGconn*>(p); }

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean dbname?)" for a mistyped libpq keyword, else "".
std::string nearest_keyword(const std::string& typed) {
    PQconninfoOption* defaults = PQconndefaults();
    if (!defaults) return {};
    std::string best;
    size_t best_distance = 3;  // farther than two edits is not a typo
    for (PQconninfoOption* o = defaults; o->keyword; ++o) {
        size_t d = edit_distance(typed, o->keyword);
        if (d < best_distance) {
            best_distance = d;
            best = o->keyword;
        }
    }
    PQconninfoFree(defaults);
    return best.empty() ? std::string() : " (did you mean " + best + "?)";
}

}  // namespace

PgConnection::~PgConnection() { PQfinish(conn_of(m_conn)); }

Result<std::vector<std::string>> PgConnection::environment_for(const std::string& conninfo) {
    char* parse_error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &parse_error);
    if (!parsed) {
        std::string message = parse_error ? one_line(parse_error) : "cannot parse";
        if (parse_error) PQfreemem(parse_error);
        return Status::error(mask_target(conninfo) + ": invalid connection string: " + message);
    }
    std::vector<std::string> out;
    for (PQconninfoOption* o = parsed; o->keyword; ++o)
        if (o->val && o->envvar && *o->val) out.push_back(std::string(o->envvar) + "=" + o->val);
    PQconninfoFree(parsed);
    return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::open_read_only(const std::string& conninfo) {
    return open(conninfo, true);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open_for_changes(const std::string& conninfo) {
    return open(conninfo, false);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& conninfo, bool read_only) {
    // A string libpq cannot parse gets its message without the quoted fragments
    // libpq echoes back: they may be pieces of a password.
    char* parse_error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &parse_error);
    if (!parsed) {
        std::string message = parse_error ? one_line(parse_error) : "out of memory";
        PQfreemem(parse_error);
        std::smatch option;
        if (std::regex_search(message, option, std::regex("^invalid connection option \"([A-Za-z_]+)\"$"))) {
            // A keyword, never a value: name it, with the nearest real one.
            message = "unknown keyword \"" + option[1].str() + "\"" + nearest_keyword(option[1].str());
        } else {
            message = std::regex_replace(message, std::regex("\"[^\"]*\"+"), "\"…\"");
        }
        return Status::error(mask_target(conninfo) + ": invalid connection string: " + message);
    }
    PQconninfoFree(parsed);
    std::string dbname = conninfo;
    const char* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
    const char* values[] = {dbname.c_str(), "dbsage", "10", nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, 1);
    if (!conn) return Status::error(mask_target(conninfo) + ": out of memory connecting");
    std::unique_ptr<PgConnection> session(new PgConnection(conn));
    // Server NOTICEs ("… does not exist, skipping") are not dbsage's output.
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    if (PQstatus(conn) != CONNECTION_OK) {
        // libpq's messages name host and user, never the password; mask the target anyway.
        return Status::error(mask_target(conninfo) + ": cannot connect: " + one_line(PQerrorMessage(conn)));
    }
    auto set = session->query(std::string(read_only ? "SET default_transaction_read_only = on; " : "") +
                              "SET statement_timeout = '30s'; SET lock_timeout = '5s'; SET application_name = 'dbsage'");
    if (!set) return set.status();
    return session;
}

Result<std::vector<PgRow>> PgConnection::query(const std::string& sql) {
    return take_result(PQexec(conn_of(m_conn), sql.c_str()));
}

Result<std::vector<PgRow>> PgConnection::run_single(const std::string& sql) {
    PGconn* conn = conn_of(m_conn);
    PGresult* res = PQexecParams(conn, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
    auto status = PQresultStatus(res);
    if (status != PGRES_COPY_IN && status != PGRES_COPY_OUT) return take_result(res);
    // A COPY's data is not in the statement: end it so the session stays usable.
    PQclear(res);
    if (status == PGRES_COPY_IN) {
        PQputCopyEnd(conn, "dbsage sends no COPY data");
    } else {
        char* buffer = nullptr;
        while (PQgetCopyData(conn, &buffer, 0) > 0) PQfreemem(buffer);
    }
    while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
    m_sqlstate = "0A000";
    return Status::error(status == PGRES_COPY_IN ? "COPY FROM STDIN: the data is not part of the statement"
                                                 : "COPY TO STDOUT: output discarded");
}

Result<std::vector<PgRow>> PgConnection::take_result(void* result) {
    auto* res = static_cast<PGresult*>(result);
    auto status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        std::string message = one_line(PQresultErrorMessage(res));
        const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        m_sqlstate = state ? state : "XX000";
        PQclear(res);
        return Status::error(message.empty() ? "query failed" : message);
    }
    m_sqlstate.clear();
    std::vector<PgRow> rows;
    int n = PQntuples(res), fields = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
        PgRow row(fields);
        for (int f = 0; f < fields; ++f)
            if (!PQgetisnull(res, r, f)) row[f] = std::string(PQgetvalue(res, r, f), PQgetlength(res, r, f));
        rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
}

int PgConnection::server_version() const { return PQserverVersion(conn_of(m_conn)); }

}  // namespace dbsage
