#pragma once
// Internal: small RAII wrappers over libpq (PostgreSQL's C client library) for the shared plan.
// Every call is checked; a failure is a ServerError carrying PostgreSQL's own message and SQLSTATE
// (geo/plan/plan.h turns refusals, SQLSTATE 42501, into plan::Refused with a planner's message).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace pc::plan {

// A parameter of a query: NULL or its text form (libpq's text format: numbers as decimal text,
// bytea as "\x" hex).
using PgParam = std::optional<std::string>;

class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* r) : r_(r) {}
    ~PgResult();
    PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    PgResult& operator=(PgResult&& o) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const;
    int columns() const;
    std::string column_name(int c) const;
    unsigned column_type(int c) const;  // the type's OID (pg_type)
    int column(const std::string& name) const;  // -1 when absent
    bool is_null(int row, int c) const;
    std::string text(int row, int c) const;  // "" for NULL
    std::int64_t int64(int row, int c) const;
    double real(int row, int c) const;
    bool boolean(int row, int c) const;
    std::int64_t affected() const;  // rows an INSERT/UPDATE/DELETE touched

private:
    pg_result* r_ = nullptr;
};

class PgConnection {
public:
    // conninfo: a libpq connection string or URI. The password comes from PGPASSWORD or the
    // password file (~/.pgpass, PGPASSFILE), as libpq reads them; never from a project file.
    explicit PgConnection(const std::string& conninfo, const std::string& application_name = "petacerdas");
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    PgResult exec(const std::string& sql);
    PgResult exec(const std::string& sql, const std::vector<PgParam>& params);
    // An identifier / a literal quoted for SQL text.
    std::string ident(std::string_view name) const;
    std::string literal(std::string_view text) const;
    std::string user() const;      // the role logged in
    std::string database() const;
    std::string describe() const;  // "user@host:port/db"
    pg_conn* get() const { return c_; }

private:
    pg_conn* c_ = nullptr;
};

// BEGIN ... COMMIT; rolled back when destroyed without commit() (an exception, a return).
class PgTransaction {
public:
    explicit PgTransaction(PgConnection& c, const char* begin = "BEGIN");
    ~PgTransaction();
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit();

private:
    PgConnection& c_;
    bool open_ = true;
};

// Hex text of bytes as PostgreSQL reads a bytea ("\x0102ab"), and back.
std::string bytea_text(std::string_view bytes);
std::string bytes_of_bytea_text(std::string_view text);

// Type OIDs the store maps (pg_type.h is a server header; these are fixed by PostgreSQL).
namespace oid {
inline constexpr unsigned kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kJson = 114,
                          kFloat4 = 700, kFloat8 = 701, kVarchar = 1043, kNumeric = 1700, kJsonb = 3802;
}

}  // namespace pc::plan
