#include "sqlite.h"

#include <sqlite3.h>

#include <cctype>
#include <filesystem>

#include "geo/error.h"

namespace pc::store {

namespace {
bool exists(const std::string& p) {
    std::error_code ec;
    return std::filesystem::exists(p, ec);
}
}  // namespace

Db::Db(const std::string& path, Mode mode) : path_(path), mode_(mode) {
    int flags = mode == Mode::Read ? SQLITE_OPEN_READONLY : mode == Mode::Write ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                                                                              : SQLITE_OPEN_READWRITE;
    // A journal beside the file (another program, QGIS say, was stopped while writing it) or a
    // write-ahead log: a reader must be able to roll the one back and read the other.
    if (mode == Mode::Read && (exists(path + "-journal") || exists(path + "-wal"))) flags = SQLITE_OPEN_READWRITE;
    if (mode == Mode::ReadThenWrite) {
        if (!exists(path)) throw InputError({path}, "cannot open: the file does not exist");
        mode_ = Mode::Read;  // its errors are those of a read until start_writing()
    }
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK && flags == SQLITE_OPEN_READWRITE && mode != Mode::Write) {
        sqlite3_close(db_);
        db_ = nullptr;
        rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    }
    if (rc != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        if (mode != Mode::Write) throw InputError({path}, "cannot open: " + msg);
        throw IoError("cannot open '" + path + "' for writing: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { sqlite3_close_v2(db_); }

std::string Db::last_message() const { return db_ ? sqlite3_errmsg(db_) : ""; }

void Db::fail(const std::string& table, const std::string& what) const {
    const int code = db_ ? (sqlite3_errcode(db_) & 0xff) : SQLITE_OK;
    const bool damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    if (mode_ == Mode::Read) throw InputError({path_, table}, damaged ? "damaged: " + what : what);
    throw IoError("cannot write '" + path_ + "'" + (table.empty() ? "" : ", table '" + table + "'") + ": " + what);
}

void Db::exec(const std::string& sql, const std::string& table) {
    has_table_.clear();
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : last_message();
        sqlite3_free(err);
        fail(table, msg);
    }
}

bool Db::has_table(const std::string& name) {
    if (auto it = has_table_.find(name); it != has_table_.end()) return it->second;
    Stmt s(*this, "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(?)", name);
    s.bind(1, name);
    return has_table_[name] = s.step();
}

Stmt::Stmt(Db& db, const std::string& sql, std::string table) : db_(db), table_(std::move(table)) {
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), int(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        db_.fail(table_, db_.last_message());
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_.fail(table_, db_.last_message());
}

void Stmt::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

namespace {
void check_bind(Db& db, const std::string& table, int rc) {
    if (rc != SQLITE_OK) db.fail(table, db.last_message());
}
}  // namespace

void Stmt::bind_null(int i) { check_bind(db_, table_, sqlite3_bind_null(stmt_, i)); }
void Stmt::bind(int i, std::int64_t v) { check_bind(db_, table_, sqlite3_bind_int64(stmt_, i, v)); }
void Stmt::bind(int i, double v) { check_bind(db_, table_, sqlite3_bind_double(stmt_, i, v)); }
void Stmt::bind(int i, std::string_view text) {
    check_bind(db_, table_, sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}
void Stmt::bind_blob(int i, std::string_view bytes) {
    check_bind(db_, table_, sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
}

void Stmt::bind_blob_static(int i, std::string_view bytes) {
    check_bind(db_, table_, sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_STATIC));
}

int Stmt::columns() const { return sqlite3_column_count(stmt_); }
std::string Stmt::column_name(int i) const {
    const char* n = sqlite3_column_name(stmt_, i);
    return n ? n : "";
}
std::string Stmt::declared_type(int i) const {
    const char* d = sqlite3_column_decltype(stmt_, i);
    std::string s = d ? d : "";
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}
int Stmt::type(int i) const { return sqlite3_column_type(stmt_, i); }
bool Stmt::is_null(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
std::int64_t Stmt::int64(int i) const { return sqlite3_column_int64(stmt_, i); }
double Stmt::real(int i) const { return sqlite3_column_double(stmt_, i); }
std::string Stmt::text(int i) const {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? std::string(reinterpret_cast<const char*>(t), std::size_t(sqlite3_column_bytes(stmt_, i))) : std::string();
}
std::string_view Stmt::blob(int i) const {
    const void* b = sqlite3_column_blob(stmt_, i);
    return b ? std::string_view(static_cast<const char*>(b), std::size_t(sqlite3_column_bytes(stmt_, i))) : std::string_view();
}

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

}  // namespace pc::store
