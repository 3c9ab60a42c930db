#include "db.h"

#include <sqlite3.h>

#include "log.h"

namespace tickets_server {

Connection::Connection(const std::string& path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        log_error("sqlite: cannot open " + path + ": " + last_error());
        sqlite3_close(db_);
        db_ = nullptr;
        return;
    }
    sqlite3_busy_timeout(db_, 5000);

    // WAL lets readers work while a reply is written; FULL makes an acknowledged write
    // survive a crash of the machine, not only of the process.
    if (!exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")) {
        sqlite3_close(db_);
        db_ = nullptr;
    }
}

Connection::~Connection() {
    sqlite3_close(db_);
}

std::string Connection::last_error() const {
    return db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
}

std::int64_t Connection::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}

bool Connection::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        log_error(std::string("sqlite: ") + (message != nullptr ? message : "error"));
        sqlite3_free(message);
        return false;
    }
    return true;
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(connection) {
    const int length = static_cast<int>(sql.size());
    if (sqlite3_prepare_v2(connection.handle(), sql.data(), length, &stmt_, nullptr) != SQLITE_OK) {
        log_error("sqlite: prepare failed: " + connection.last_error());
        stmt_ = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (stmt_ == nullptr || sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) {
        bind_failed_ = true;
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const auto length = static_cast<int>(text.size());
    if (stmt_ == nullptr ||
        sqlite3_bind_text(stmt_, index, text.data(), length, SQLITE_TRANSIENT) != SQLITE_OK) {
        bind_failed_ = true;
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (stmt_ == nullptr || sqlite3_bind_null(stmt_, index) != SQLITE_OK) {
        bind_failed_ = true;
    }
    return *this;
}

StepResult Statement::step() {
    if (stmt_ == nullptr || bind_failed_) {
        return StepResult::error;
    }
    switch (sqlite3_step(stmt_)) {
    case SQLITE_ROW:
        return StepResult::row;
    case SQLITE_DONE:
        return StepResult::done;
    default:
        log_error("sqlite: step failed: " + connection_.last_error());
        return StepResult::error;
    }
}

void Statement::reset() {
    if (stmt_ != nullptr) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    bind_failed_ = false;
}

std::int64_t Statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    const int length = sqlite3_column_bytes(stmt_, index);
    return text != nullptr ? std::string(reinterpret_cast<const char*>(text), length) : "";
}

bool Statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Transaction::Transaction(Connection& connection, Kind kind) : connection_(connection) {
    open_ = connection_.exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (open_) {
        connection_.exec("ROLLBACK");
    }
}

bool Transaction::commit() {
    if (!open_) {
        return false;
    }
    open_ = false;
    if (!connection_.exec("COMMIT")) {
        connection_.exec("ROLLBACK");
        return false;
    }
    return true;
}

Database::Lease::~Lease() {
    if (owner_ == nullptr || !connection_ || !connection_->ok()) {
        return;
    }
    // A connection left inside a transaction (a bug) is dropped rather than reused.
    if (sqlite3_get_autocommit(connection_->handle()) == 0) {
        log_error("sqlite: a connection came back inside a transaction; closing it");
        return;
    }
    const std::lock_guard lock(owner_->mutex_);
    owner_->idle_.push_back(std::move(connection_));
}

Database::Lease Database::acquire() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    return Lease(*this, std::make_unique<Connection>(path_));
}

} // namespace tickets_server
