// MySQL/MariaDB online DDL: which algorithm (INSTANT, INPLACE, COPY) and lock
// an ALTER TABLE, CREATE INDEX or DROP INDEX takes, by version.
//
// What the predictor knows of the versions:
// - ADD COLUMN is INSTANT at any position on MariaDB 10.4+ and MySQL 8.0.29+,
//   only as the last column on MariaDB 10.3 and MySQL 8.0.12–8.0.28, and an
//   INPLACE rebuild before that. DROP COLUMN is INSTANT on MariaDB 10.4+ and
//   MySQL 8.0.29+, else an INPLACE rebuild.
// - Widening a VARCHAR is INSTANT on MariaDB 10.4+; on MySQL it is INPLACE
//   while the length prefix stays 1 byte (up to 255 bytes) or stays 2, and
//   COPY when it crosses 255 bytes.
// - RENAME COLUMN is INSTANT on MariaDB 10.3+ and MySQL 8.0.28+, INPLACE
//   (metadata only) before. Dropping a CHECK or a FOREIGN KEY and changing
//   the table's default character set are INSTANT on MariaDB, INPLACE
//   without a lock on MySQL. MariaDB's NOCOPY (INPLACE without a rebuild) is
//   reported as INPLACE without rebuild.
// - The rest is common: secondary indexes INPLACE without a lock; FULLTEXT and
//   SPATIAL indexes INPLACE with a shared lock (and any rebuild of a table
//   that has one); column type changes, CONVERT TO CHARACTER SET, ADD CHECK,
//   dropping the primary key alone and ADD FOREIGN KEY with
//   foreign_key_checks on are COPY; adding an AUTO_INCREMENT column rebuilds
//   INPLACE with a shared lock; NULL/NOT NULL changes, ADD PRIMARY KEY,
//   ENGINE=InnoDB, FORCE and ROW_FORMAT rebuild INPLACE; an instant column
//   change next to a non-instant clause makes the statement a rebuild.
//   Setting AUTO_INCREMENT=n is INSTANT on MariaDB, INPLACE on MySQL.
#pragma once

#include <string>

#include "model/schema.h"
#include "model/statement.h"

namespace dbsage {

struct MysqlTarget {
    bool mariadb = true;
    int version = 101100;  // 101100 for MariaDB 10.11, 80035 for MySQL 8.0.35
};

// The table (lower-case, "db.table" when qualified) an ALTER TABLE, CREATE
// INDEX or DROP INDEX statement changes; "" for any other statement.
std::string online_ddl_table(const std::string& sql);

// Predicts how the server runs the statement. table: its definition before
// the statement, or null when unknown (then a column change is assumed to be
// a type change). foreign_key_checks: the session's setting.
OnlineDdl predict_online_ddl(const std::string& sql, const Table* table, const MysqlTarget& target,
                             bool foreign_key_checks);

// The statement asking the server for one algorithm and lock (INSTANT takes
// no LOCK clause; "NOCOPY" is MariaDB's INPLACE without a rebuild); DROP
// INDEX becomes ALTER TABLE … DROP INDEX, which takes them on MariaDB too.
// Returns the statement unchanged when it names an ALGORITHM or LOCK itself.
std::string with_algorithm(const std::string& sql, const std::string& algorithm, const std::string& lock);

}  // namespace dbsage
