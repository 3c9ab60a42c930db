// SQLite access: connections, prepared statements, transactions, and a pool of connections
// shared by the HTTP worker threads (one connection per request at a time).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tickets_server {

class Connection {
public:
    // Opens (creating if needed) the file, in WAL mode with a busy timeout. Check ok().
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool ok() const { return db_ != nullptr; }
    sqlite3* handle() const { return db_; }
    std::string last_error() const;
    std::int64_t last_insert_id() const;

    // Runs statements that return no rows; false (and a logged error) on failure.
    bool exec(std::string_view sql);

private:
    sqlite3* db_ = nullptr;
};

enum class StepResult { row, done, error };

class Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return stmt_ != nullptr; }

    // Parameters count from 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_null(int index);

    StepResult step();
    // Runs a statement that returns no rows; true when it completed.
    bool run() { return step() == StepResult::done; }
    void reset();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    bool column_is_null(int index) const;

private:
    Connection& connection_;
    sqlite3_stmt* stmt_ = nullptr;
    bool bind_failed_ = false;
};

// BEGIN IMMEDIATE (or DEFERRED for reads) on construction; rolled back unless committed.
class Transaction {
public:
    enum class Kind { read, write };
    Transaction(Connection& connection, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool ok() const { return open_; }
    bool commit();

private:
    Connection& connection_;
    bool open_ = false;
};

class Database {
public:
    explicit Database(std::string path) : path_(std::move(path)) {}

    class Lease {
    public:
        Lease(Database& owner, std::unique_ptr<Connection> connection)
            : owner_(&owner), connection_(std::move(connection)) {}
        Lease(Lease&&) = default;
        ~Lease();
        Connection* operator->() const { return connection_.get(); }
        Connection& operator*() const { return *connection_; }
        bool ok() const { return connection_ && connection_->ok(); }

    private:
        Database* owner_;
        std::unique_ptr<Connection> connection_;
    };

    // An idle connection, or a new one. Check ok(): opening can fail.
    Lease acquire();

    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

} // namespace tickets_server
