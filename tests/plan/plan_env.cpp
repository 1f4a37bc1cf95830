#include "plan_env.h"

#include "geo/demo/demo.h"
#include "geo/io/project_file.h"
#include "store/gpkg_geometry.h"
#include "store/gpkg_schema.h"

namespace pc::test {

std::string server_uri() {
    const char* u = std::getenv("PC_PG_URI");
    REQUIRE(u != nullptr);
    return u;
}

std::string uri_as(const std::string& user, const std::string& schema) {
    std::string base = server_uri();
    const auto start = base.find("://") + 3;
    const auto at = base.find('@', start);
    const auto slash = base.find('/', start);
    if (at != std::string::npos && at < slash) base.erase(start, at - start + 1);
    base.insert(start, user + "@");
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema;
}

PlanTempDir::PlanTempDir() {
    static std::atomic<int> n{0};
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("pc_plan_test_" + std::to_string(rd()) + "_" + std::to_string(n++));
    std::filesystem::create_directories(path);
}

PlanTempDir::~PlanTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

PublishedPlan::PublishedPlan(const std::string& name_hint, std::uint64_t seed) {
    static std::atomic<int> n{0};
    std::random_device rd;
    schema = name_hint + "_" + std::to_string(rd() % 100000) + std::to_string(n++);
    project = dir / "plan.gpkg";
    save_project(make_demo_project(seed), project);
    plan::publish_project(project, admin());
}

std::string PublishedPlan::login(const std::string& tag, const std::string& as) const {
    const std::string user = schema + "_" + tag;
    plan::PgConnection c = connect_as("petacerdas");
    c.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + c.literal(user) +
           ") THEN CREATE ROLE " + c.ident(user) + " LOGIN; END IF; END $$");
    plan::grant_plan_role(admin(), user, as);
    return uri_as(user, schema);
}

std::string PublishedPlan::initiative_of(const std::string& opd, int n) const {
    plan::PgConnection c = connect_as("petacerdas");
    plan::PgResult r = c.exec("SELECT uuid FROM " + c.ident(schema) +
                                  ".initiatives WHERE opd = $1 ORDER BY fid OFFSET $2 LIMIT 1",
                              {opd, std::to_string(n)});
    REQUIRE(r.rows() == 1);
    return r.text(0, 0);
}

plan::PgConnection connect_as(const std::string& user) {
    const std::string u = uri_as(user, "x");
    return plan::PgConnection(plan::parse_plan_uri(u).conninfo, "petacerdas test");
}

WorkingCopyEdit::WorkingCopyEdit(const std::string& gpkg) : db_(gpkg, store::Db::Mode::Write) {
    store::register_gpkg_functions(db_);
}

std::string WorkingCopyEdit::table_of(const std::string& uuid) {
    for (const char* t : {"initiatives", "initiatives_line", "initiatives_polygon"}) {
        if (!db_.has_table(t)) continue;
        store::Stmt s(db_, std::string("SELECT 1 FROM ") + t + " WHERE uuid = ?");
        s.bind(1, uuid);
        if (s.step()) return t;
    }
    return "";
}

namespace {
void bind_value(store::Stmt& s, int i, const FieldValue& v) {
    if (auto* x = std::get_if<std::int64_t>(&v)) s.bind(i, *x);
    else if (auto* d = std::get_if<double>(&v)) s.bind(i, *d);
    else if (auto* t = std::get_if<std::string>(&v)) s.bind(i, std::string_view(*t));
    else s.bind_null(i);
}
}  // namespace

void WorkingCopyEdit::set(const std::string& uuid, const std::string& field, const FieldValue& v) {
    const std::string t = table_of(uuid);
    REQUIRE(!t.empty());
    store::Stmt s(db_, "UPDATE " + t + " SET " + store::quoted(field) + " = ? WHERE uuid = ?");
    bind_value(s, 1, v);
    s.bind(2, uuid);
    s.step();
}

FieldValue WorkingCopyEdit::get(const std::string& uuid, const std::string& field) {
    const std::string t = table_of(uuid);
    if (t.empty()) return {};
    store::Stmt s(db_, "SELECT " + store::quoted(field) + " FROM " + t + " WHERE uuid = ?");
    s.bind(1, uuid);
    REQUIRE(s.step());
    switch (s.type(0)) {
        case 1: return s.int64(0);
        case 2: return s.real(0);
        case 3: return s.text(0);
        case 4: return std::string(s.blob(0));
        default: return {};
    }
}

void WorkingCopyEdit::move(const std::string& uuid, double lon, double lat) {
    REQUIRE(table_of(uuid) == "initiatives");
    store::Stmt s(db_, "UPDATE initiatives SET geom = ? WHERE uuid = ?");
    s.bind_blob(1, store::gpkg_geometry_blob(Geometry::point(lon, lat), io::LayerGeometry::Point));
    s.bind(2, uuid);
    s.step();
}

void WorkingCopyEdit::remove(const std::string& uuid) {
    const std::string t = table_of(uuid);
    REQUIRE(!t.empty());
    store::Stmt s(db_, "DELETE FROM " + t + " WHERE uuid = ?");
    s.bind(1, uuid);
    s.step();
}

std::string WorkingCopyEdit::add(const std::string& uuid, const std::string& name, const std::string& opd, double lon,
                                 double lat, std::int64_t budget) {
    store::Stmt s(db_, "INSERT INTO initiatives (geom, uuid, name, description, pillar, element, opd, start_year, end_year, "
                       "budget_rp, funding_source, status, quick_win, rpjmd_ref) "
                       "VALUES (?, ?, ?, '', 'governance', 'infrastruktur', ?, 2026, 2027, ?, 'APBD', 'usulan', 0, '')");
    s.bind_blob(1, store::gpkg_geometry_blob(Geometry::point(lon, lat), io::LayerGeometry::Point));
    s.bind(2, uuid);
    s.bind(3, name);
    s.bind(4, opd);
    s.bind(5, budget);
    s.step();
    return uuid;
}

FieldValue server_value(const PublishedPlan& plan, const std::string& uuid, const std::string& field) {
    plan::PgConnection c = connect_as("petacerdas");
    plan::PgResult r = c.exec("SELECT " + c.ident(field) + "::text, pg_typeof(" + c.ident(field) + ")::text FROM " +
                                  c.ident(plan.schema) + ".initiatives WHERE uuid = $1",
                              {uuid});
    if (r.rows() == 0 || r.is_null(0, 0)) return {};
    const std::string type = r.text(0, 1);
    if (type == "bigint" || type == "integer" || type == "smallint") return std::int64_t(std::stoll(r.text(0, 0)));
    if (type == "double precision" || type == "real") return std::stod(r.text(0, 0));
    return r.text(0, 0);
}

std::int64_t server_revision(const PublishedPlan& plan) {
    plan::PgConnection c = connect_as("petacerdas");
    return c.exec("SELECT revision FROM " + c.ident(plan.schema) + ".plan_meta").int64(0, 0);
}

std::int64_t count_rows(const PublishedPlan& plan, const std::string& table, const std::string& where) {
    plan::PgConnection c = connect_as("petacerdas");
    return c.exec("SELECT count(*) FROM " + c.ident(plan.schema) + "." + c.ident(table) + " WHERE " + where).int64(0, 0);
}

}  // namespace pc::test
