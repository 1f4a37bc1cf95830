#pragma once
// Internal: small RAII wrappers over the SQLite C API for the project store. Every call's result
// is checked: reading a file that SQLite finds damaged is an InputError naming the file and the
// table; failing to write is an IoError.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace pc::store {

class Db {
public:
    enum class Mode { Read, Write, ReadThenWrite };
    // Read: the file must exist (read-only unless SQLite must roll back a hot journal).
    // Write: opened (or created) for writing.
    // ReadThenWrite: an existing file opened for writing (read-only when it cannot be written),
    // its errors those of a read until start_writing().
    Db(const std::string& path, Mode mode);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const { return db_; }
    const std::string& path() const { return path_; }
    Mode mode() const { return mode_; }
    void start_writing() { mode_ = Mode::Write; }
    // Runs statements without results; `table` names where in messages.
    void exec(const std::string& sql, const std::string& table = "");
    // The error for the last failed call: InputError (reading) or IoError (writing).
    [[noreturn]] void fail(const std::string& table, const std::string& what) const;
    std::string last_message() const;
    // Cached until the next exec() (every schema change goes through exec).
    bool has_table(const std::string& name);

private:
    std::map<std::string, bool> has_table_;
    sqlite3* db_ = nullptr;
    std::string path_;
    Mode mode_;
};

class Stmt {
public:
    Stmt(Db& db, const std::string& sql, std::string table = "");
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // True for a row, false when done; throws on every other result.
    bool step();
    void reset();

    void bind_null(int i);
    void bind(int i, std::int64_t v);
    void bind(int i, double v);
    void bind(int i, std::string_view text);
    void bind_blob(int i, std::string_view bytes);
    // Not copied: `bytes` must stay as they are until the next step() or reset().
    void bind_blob_static(int i, std::string_view bytes);

    int columns() const;
    std::string column_name(int i) const;
    std::string declared_type(int i) const;  // upper case, "" when none
    int type(int i) const;                   // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL
    bool is_null(int i) const;
    std::int64_t int64(int i) const;
    double real(int i) const;
    std::string text(int i) const;
    std::string_view blob(int i) const;
    const std::string& table() const { return table_; }

private:
    Db& db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string table_;
};

// "name" as an SQL identifier: "my ""name""".
std::string quoted(const std::string& name);
// 'text' as an SQL literal.
std::string literal(const std::string& text);

}  // namespace pc::store
