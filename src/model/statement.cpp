#include "model/statement.h"

#include <algorithm>

namespace dbsage {

std::string_view to_string(StatementKind kind) {
    switch (kind) {
        case StatementKind::select: return "select";
        case StatementKind::insert: return "insert";
        case StatementKind::update: return "update";
        case StatementKind::delete_: return "delete";
        case StatementKind::merge: return "merge";
        case StatementKind::create_table: return "create table";
        case StatementKind::alter_table: return "alter table";
        case StatementKind::create_index: return "create index";
        case StatementKind::drop: return "drop";
        case StatementKind::rename: return "rename";
        case StatementKind::comment: return "comment";
        case StatementKind::create_view: return "create view";
        case StatementKind::create_type: return "create type";
        case StatementKind::create_domain: return "create domain";
        case StatementKind::create_function: return "create function";
        case StatementKind::create_trigger: return "create trigger";
        case StatementKind::create_policy: return "create policy";
        case StatementKind::create_extension: return "create extension";
        case StatementKind::create_schema: return "create schema";
        case StatementKind::create_sequence: return "create sequence";
        case StatementKind::transaction: return "transaction";
        case StatementKind::set: return "set";
        case StatementKind::vacuum: return "vacuum";
        case StatementKind::truncate: return "truncate";
        case StatementKind::other: return "other";
        case StatementKind::invalid: return "invalid";
    }
    return "other";
}

Location Statement::location_at(int statement_offset) const {
    Location loc = location;
    if (statement_offset < 0 || static_cast<size_t>(statement_offset) > text.size()) return loc;
    const std::string* walked = &text;
    if (!shifts.empty()) {
        // Back to the source through the last unchanged stretch that starts at
        // or before the offset.
        size_t offset = static_cast<size_t>(statement_offset), source = 0;
        for (const auto& [text_at, source_at] : shifts)
            if (text_at <= offset) source = source_at + (offset - text_at);
        statement_offset = static_cast<int>(std::min(source, source_text.size()));
        walked = &source_text;
    }
    for (int i = 0; i < statement_offset; ++i) {
        if ((*walked)[i] == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((static_cast<unsigned char>((*walked)[i]) & 0xC0) != 0x80) {
            ++loc.column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return loc;
}

}  // namespace dbsage

namespace dbsage {

std::string_view to_string(DdlAlgorithm algorithm) {
    switch (algorithm) {
        case DdlAlgorithm::instant: return "INSTANT";
        case DdlAlgorithm::inplace: return "INPLACE";
        case DdlAlgorithm::copy: return "COPY";
    }
    return "?";
}

std::string_view to_string(DdlLock lock) {
    switch (lock) {
        case DdlLock::none: return "NONE";
        case DdlLock::shared: return "SHARED";
        case DdlLock::exclusive: return "EXCLUSIVE";
    }
    return "?";
}

}  // namespace dbsage
