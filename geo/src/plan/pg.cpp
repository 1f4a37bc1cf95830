#include "pg.h"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "geo/plan/plan.h"

namespace pc::plan {
namespace {

// libpq is opened on the first connection, not linked: with its own dependencies (OpenSSL,
// Kerberos, LDAP) it costs every start of `petacerdas` ~4 ms of CPU, and `analyze` of a file never
// needs it. The functions keep libpq's own signatures (libpq-fe.h).
struct LibPq {
#define PC_PQ_FUNCTIONS(X)                                                                                        \
    X(PQclear) X(PQcmdTuples) X(PQconnectdbParams) X(PQdb) X(PQerrorMessage) X(PQescapeIdentifier)              \
    X(PQescapeLiteral) X(PQexec) X(PQexecParams) X(PQfinish) X(PQfname) X(PQfreemem) X(PQftype) X(PQgetisnull)    \
    X(PQgetlength) X(PQgetvalue) X(PQhost) X(PQnfields) X(PQntuples) X(PQport) X(PQresultErrorField)            \
    X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus) X(PQuser)
#define PC_PQ_MEMBER(name) decltype(&::name) name = nullptr;
    PC_PQ_FUNCTIONS(PC_PQ_MEMBER)
#undef PC_PQ_MEMBER
};

const LibPq& pq() {
    static LibPq lib;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        void* h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char* e = dlerror();
            failure = std::string("PostgreSQL's client library is not installed (libpq5): ") + (e ? e : "");
            return;
        }
#define PC_PQ_LOAD(name)                                                           \
    lib.name = reinterpret_cast<decltype(&::name)>(dlsym(h, #name));             \
    if (!lib.name && failure.empty()) failure = "libpq5 has no function " #name;
        PC_PQ_FUNCTIONS(PC_PQ_LOAD)
#undef PC_PQ_LOAD
    });
    if (!failure.empty()) throw ServerError(failure);
    return lib;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// PostgreSQL's message with its detail and hint, and the SQLSTATE.
[[noreturn]] void fail(PGconn* c, PGresult* r, const std::string& sql) {
    std::string state, msg;
    if (r) {
        if (const char* s = pq().PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = s;
        if (const char* m = pq().PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)) msg = m;
        if (const char* d = pq().PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) msg += std::string(" (") + d + ")";
        if (const char* h = pq().PQresultErrorField(r, PG_DIAG_MESSAGE_HINT)) msg += std::string(" hint: ") + h;
    }
    if (msg.empty()) msg = trimmed(pq().PQerrorMessage(c));
    pq().PQclear(r);
    if (pq().PQstatus(c) != CONNECTION_OK) msg = "connection to the server lost: " + msg;
    (void)sql;
    throw ServerError(msg, state);
}

}  // namespace

PgResult::~PgResult() {
    if (r_) pq().PQclear(r_);  // libpq is loaded: a result came from it
}

PgResult& PgResult::operator=(PgResult&& o) noexcept {
    if (this != &o) {
        if (r_) pq().PQclear(r_);
        r_ = o.r_;
        o.r_ = nullptr;
    }
    return *this;
}

int PgResult::rows() const { return r_ ? pq().PQntuples(r_) : 0; }
int PgResult::columns() const { return r_ ? pq().PQnfields(r_) : 0; }
std::string PgResult::column_name(int c) const { return pq().PQfname(r_, c); }
unsigned PgResult::column_type(int c) const { return pq().PQftype(r_, c); }
int PgResult::column(const std::string& name) const {
    for (int c = 0; c < columns(); ++c)
        if (name == pq().PQfname(r_, c)) return c;
    return -1;
}
bool PgResult::is_null(int row, int c) const { return pq().PQgetisnull(r_, row, c); }
std::string PgResult::text(int row, int c) const {
    return std::string(pq().PQgetvalue(r_, row, c), std::size_t(pq().PQgetlength(r_, row, c)));
}
std::int64_t PgResult::int64(int row, int c) const { return std::strtoll(pq().PQgetvalue(r_, row, c), nullptr, 10); }
double PgResult::real(int row, int c) const { return std::strtod(pq().PQgetvalue(r_, row, c), nullptr); }
bool PgResult::boolean(int row, int c) const { return pq().PQgetvalue(r_, row, c)[0] == 't'; }
std::int64_t PgResult::affected() const {
    const char* n = r_ ? pq().PQcmdTuples(r_) : "";
    return *n ? std::strtoll(n, nullptr, 10) : 0;
}

PgConnection::PgConnection(const std::string& conninfo, const std::string& application_name) {
    const char* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
    const char* values[] = {conninfo.c_str(), application_name.c_str(), "10", nullptr};
    // expand_dbname: the URI's own parameters win over these defaults.
    c_ = pq().PQconnectdbParams(keys, values, 1);
    if (!c_) throw ServerError("cannot connect: out of memory");
    if (pq().PQstatus(c_) != CONNECTION_OK) {
        std::string msg = trimmed(pq().PQerrorMessage(c_));
        pq().PQfinish(c_);
        c_ = nullptr;
        if (msg.find("no password supplied") != std::string::npos || msg.find("password authentication failed") != std::string::npos)
            msg += " (the password comes from PGPASSWORD or a password file, ~/.pgpass or PGPASSFILE, with a line "
                   "host:port:database:user:password)";
        throw ServerError("cannot connect to the shared plan's server: " + msg, "08001");
    }
    // Exact numbers in text: doubles in their shortest round-trip form (the default since 12, set
    // anyway), no notices on stderr.
    pq().PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
    exec("SET extra_float_digits = 1; SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; "
         "SET datestyle = 'ISO'; SET TimeZone = 'UTC'");
}

PgConnection::~PgConnection() {
    if (c_) pq().PQfinish(c_);
}

PgResult PgConnection::exec(const std::string& sql) {
    PGresult* r = pq().PQexec(c_, sql.c_str());
    const auto st = pq().PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(c_, r, sql);
    return PgResult(r);
}

PgResult PgConnection::exec(const std::string& sql, const std::vector<PgParam>& params) {
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) values[i] = params[i] ? params[i]->c_str() : nullptr;
    PGresult* r = pq().PQexecParams(c_, sql.c_str(), int(params.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const auto st = pq().PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(c_, r, sql);
    return PgResult(r);
}

std::string PgConnection::ident(std::string_view name) const {
    char* q = pq().PQescapeIdentifier(c_, name.data(), name.size());
    if (!q) fail(c_, nullptr, "");
    std::string out(q);
    pq().PQfreemem(q);
    return out;
}

std::string PgConnection::literal(std::string_view text) const {
    char* q = pq().PQescapeLiteral(c_, text.data(), text.size());
    if (!q) fail(c_, nullptr, "");
    std::string out(q);
    pq().PQfreemem(q);
    return out;
}

std::string PgConnection::user() const { return pq().PQuser(c_); }
std::string PgConnection::database() const { return pq().PQdb(c_); }
std::string PgConnection::describe() const {
    const char* host = pq().PQhost(c_);
    std::string h = host ? host : "";
    if (!h.empty() && h[0] == '/') h = "socket " + h;
    return user() + "@" + h + ":" + pq().PQport(c_) + "/" + database();
}

PgTransaction::PgTransaction(PgConnection& c, const char* begin) : c_(c) { c_.exec(begin); }

PgTransaction::~PgTransaction() {
    if (!open_) return;
    // A failed statement already aborted the transaction; a lost connection has nothing to roll back.
    PGresult* r = pq().PQexec(c_.get(), "ROLLBACK");
    pq().PQclear(r);
}

void PgTransaction::commit() {
    c_.exec("COMMIT");
    open_ = false;
}

std::string bytea_text(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string bytes_of_bytea_text(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x') throw ServerError("bytea not in hex format");
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw ServerError("bad hex digit in bytea");
    };
    std::string out;
    out.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i + 1 < text.size(); i += 2) out += char(nibble(text[i]) * 16 + nibble(text[i + 1]));
    return out;
}

}  // namespace pc::plan
