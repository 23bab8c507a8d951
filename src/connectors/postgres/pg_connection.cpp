#include "connectors/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <regex>

#include "connectors/target.h"
#include "util/strings.h"

namespace dbsage {
namespace {

PGconn* conn_of(void* p) { return static_cast<PGconn*>(p); }

}  // namespace

PgConnection::~PgConnection() { PQfinish(conn_of(m_conn)); }

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
        message = std::regex_replace(message, std::regex("\"[^\"]*\"+"), "\"…\"");
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
    PGresult* res = PQexec(conn_of(m_conn), sql.c_str());
    auto status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        std::string message = one_line(PQresultErrorMessage(res));
        PQclear(res);
        return Status::error(message.empty() ? "query failed" : message);
    }
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
