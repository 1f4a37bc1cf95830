#pragma once
// Helpers of the shared-plan tests: the server (PC_PG_URI, set by scripts/pg-cluster.sh run), a
// freshly published plan per test case with login roles, and edits of a working copy made with
// plain SQL as QGIS would make them.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "geo/model.h"
#include "geo/plan/plan.h"
#include "geo/plan/sync.h"
#include "plan/pg.h"
#include "store/sqlite.h"

namespace pc::test {

// The cluster's URI without a schema: postgresql://petacerdas@/petacerdas?host=DIR&port=P.
std::string server_uri();
// The same server logged in as `user`, with `schema` (a plan URI).
std::string uri_as(const std::string& user, const std::string& schema);

struct PlanTempDir {
    std::filesystem::path path;
    PlanTempDir();
    ~PlanTempDir();
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// The demo project published in a schema of its own, and login roles made on demand.
struct PublishedPlan {
    PlanTempDir dir;
    std::string schema;
    std::string project;  // the published GeoPackage
    explicit PublishedPlan(const std::string& name_hint, std::uint64_t seed = 2025);
    std::string admin_uri() const { return uri_as("petacerdas", schema); }
    plan::PlanLocation admin() const { return plan::parse_plan_uri(admin_uri()); }
    // A login role <schema>_<tag> made a member of `as` (coordinator, viewer or an OPD); its plan URI.
    std::string login(const std::string& tag, const std::string& as) const;
    // The uuid of the n-th initiative (fid order) of an OPD.
    std::string initiative_of(const std::string& opd, int n = 0) const;
};

// A connection to the server as `user` (for checks with plain SQL).
plan::PgConnection connect_as(const std::string& user);

// Plain SQL edits of a working copy, as QGIS makes them (every GeoPackage trigger runs).
class WorkingCopyEdit {
public:
    explicit WorkingCopyEdit(const std::string& gpkg);
    // The table of the initiatives' kind layers holding `uuid` ("" when none).
    std::string table_of(const std::string& uuid);
    void set(const std::string& uuid, const std::string& field, const FieldValue& v);
    FieldValue get(const std::string& uuid, const std::string& field);
    void move(const std::string& uuid, double lon, double lat);  // a point initiative
    void remove(const std::string& uuid);
    // A new point initiative of `opd`; returns its uuid.
    std::string add(const std::string& uuid, const std::string& name, const std::string& opd, double lon, double lat,
                    std::int64_t budget);
    store::Db& db() { return db_; }

private:
    store::Db db_;
};

// The value of a field of an initiative on the server, read as the coordinator.
FieldValue server_value(const PublishedPlan& plan, const std::string& uuid, const std::string& field);
std::int64_t server_revision(const PublishedPlan& plan);
std::int64_t count_rows(const PublishedPlan& plan, const std::string& table, const std::string& where = "true");

}  // namespace pc::test
