// The QGIS project of a GeoPackage (geo/io/qgis_project.h): its layers, groups and order, the saved
// views as map themes and bookmarks, and its place in the GeoPackage (table qgis_projects, the .qgs
// zipped and hex-encoded as QGIS stores it). QGIS itself reading and drawing it: tests/app/qgis.
#include <catch2/catch.hpp>

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <cpl_vsi.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "geo/gdal.h"
#include "geo/io/export.h"
#include "geo/io/project_file.h"
#include "geo/io/qgis_project.h"
#include "io_test_util.h"

using namespace pc;
using pc::test::TempDir;

namespace {

struct XmlDoc {
    CPLXMLNode* root = nullptr;
    explicit XmlDoc(const std::string& text) : root(CPLParseXMLString(text.c_str())) {}
    ~XmlDoc() { CPLDestroyXMLNode(root); }
    XmlDoc(const XmlDoc&) = delete;
    XmlDoc& operator=(const XmlDoc&) = delete;
    const CPLXMLNode* qgis() const { return CPLGetXMLNode(root, "=qgis"); }
};

std::vector<const CPLXMLNode*> children(const CPLXMLNode* n, const std::string& tag) {
    std::vector<const CPLXMLNode*> out;
    for (const CPLXMLNode* c = n ? n->psChild : nullptr; c; c = c->psNext)
        if (c->eType == CXT_Element && tag == c->pszValue) out.push_back(c);
    return out;
}

std::string attr(const CPLXMLNode* n, const char* name) { return CPLGetXMLValue(n, name, ""); }

AnalysisResult one_service(const Project& p) {
    AnalysisResult r;
    ServiceCoverage s;
    s.service = "puskesmas";
    s.label = "Puskesmas";
    for (auto& d : p.desa) {
        UnitMetrics m;
        m.layer = "desa";
        m.code = d.code;
        m.population = 100;
        m.covered_population = 50;
        m.coverage_ratio_population = 0.5;
        s.desa.push_back(m);
    }
    r.services.push_back(s);
    r.provenance.analysis_crs = "EPSG:32749";
    return r;
}

View north_view(const Project& p) {
    View v = make_view("Utara");
    v.extent = Envelope{113.40, -7.10, 113.50, -7.02};
    v.layers = {ViewLayer::Choropleth, ViewLayer::DesaLines, ViewLayer::Labels};
    v.choropleth.service = "puskesmas";
    v.choropleth.metric = ViewMetric::CoverageArea;
    v.choropleth.method = ViewClassMethod::Quantile;
    v.choropleth.classes = 3;
    v.highlight_units = {p.desa[1].code};
    return v;
}

// The .qgs inside the hex text of a qgis_projects row, unzipped by GDAL's zip reader (its own
// inflate and CRC check); "" when the archive does not hold PetaCerdas.qgs.
std::string text_of_archive(const std::string& hex) {
    REQUIRE(hex.size() % 2 == 0);
    std::string zip;
    for (std::size_t i = 0; i < hex.size(); i += 2) zip += char(std::stoi(hex.substr(i, 2), nullptr, 16));
    CHECK(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
    VSILFILE* mem = VSIFileFromMemBuffer("/vsimem/pc_test_qgz.zip", reinterpret_cast<GByte*>(zip.data()), zip.size(), FALSE);
    REQUIRE(mem);
    VSIFCloseL(mem);
    char** names = VSIReadDir("/vsizip//vsimem/pc_test_qgz.zip");
    REQUIRE(names);
    CHECK(std::string(names[0]) == "PetaCerdas.qgs");
    CSLDestroy(names);
    std::string text;
    if (VSILFILE* qgs = VSIFOpenL("/vsizip//vsimem/pc_test_qgz.zip/PetaCerdas.qgs", "rb")) {
        char buf[65536];
        for (std::size_t n; (n = VSIFReadL(buf, 1, sizeof buf, qgs)) > 0;) text.append(buf, n);
        VSIFCloseL(qgs);
    }
    VSIUnlink("/vsimem/pc_test_qgz.zip");
    return text;
}

std::string stored_project(const std::string& file) {
    return text_of_archive(test::sql_value(file, "SELECT CAST(content AS TEXT) FROM qgis_projects WHERE name = 'PetaCerdas'"));
}

}  // namespace

TEST_CASE("The QGIS project has the map's layers in its order, the views as themes and bookmarks", "[io][qgis]") {
    Project p = test::sample_project();
    p.views.push_back(north_view(p));
    const AnalysisResult metrics = one_service(p);
    XmlDoc doc(qgis_project_xml(p, &metrics, "uji.gpkg"));
    REQUIRE(doc.qgis());
    CHECK(std::string(CPLGetXMLValue(doc.qgis(), "projectCrs.spatialrefsys.authid", "")) == "EPSG:32749");

    // Layers: ids QGIS keeps (over 10 characters), unique, reading the GeoPackage beside the project.
    std::map<std::string, const CPLXMLNode*> layers;
    for (auto* ml : children(CPLGetXMLNode(doc.qgis(), "projectlayers"), "maplayer")) {
        const std::string id = CPLGetXMLValue(ml, "id", "");
        CHECK(id.size() > 10);
        CHECK_FALSE(layers.count(id));
        layers[id] = ml;
        CHECK(std::string(CPLGetXMLValue(ml, "datasource", "")).rfind("./uji.gpkg|layername=", 0) == 0);
    }
    // The layer panel, top first: labels, highlights, initiatives, facilities, boundaries, zones, the
    // service areas and choropleths (one per service), the land, the analysis tables (off).
    std::vector<std::string> top;
    const CPLXMLNode* tree = CPLGetXMLNode(doc.qgis(), "layer-tree-group");
    for (const CPLXMLNode* c = tree->psChild; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        if (std::string(c->pszValue) == "layer-tree-group") top.push_back(attr(c, "name") + (attr(c, "checked") == "Qt::Checked" ? "" : " (off)"));
        if (std::string(c->pszValue) == "layer-tree-layer") top.push_back(attr(c, "name") + (attr(c, "checked") == "Qt::Checked" ? "" : " (off)"));
    }
    CHECK(top == std::vector<std::string>{"Label", "Sorotan", "Inisiatif", "Fasilitas", "Batas kabupaten", "Batas kecamatan",
                                          "Batas desa", "Kawasan pariwisata (KPPN)", "Area layanan", "Peta tematik cakupan",
                                          "Daratan (off)", "Analisis (off)"});
    // The choropleth: the desa joined to the service's metrics_desa rows, 0.85 opaque.
    REQUIRE(layers.count("petacerdas_choropleth_puskesmas"));
    const CPLXMLNode* ch = layers["petacerdas_choropleth_puskesmas"];
    CHECK(std::string(CPLGetXMLValue(ch, "datasource", "")) == "./uji.gpkg|layername=desa");
    CHECK(std::string(CPLGetXMLValue(ch, "vectorjoins.join.joinLayerId", "")) == "petacerdas_gaps_puskesmas");
    CHECK(std::string(CPLGetXMLValue(ch, "layerOpacity", "")) == "0.85");
    CHECK(std::string(CPLGetXMLValue(layers["petacerdas_gaps_puskesmas"], "datasource", "")) ==
          "./uji.gpkg|layername=metrics_desa|subset=\"service\" = 'puskesmas'");

    // Themes: the application's default map and the view (its layers only, its choropleth style).
    std::map<std::string, std::map<std::string, std::string>> themes;  // name -> layer id -> style
    for (auto* t : children(CPLGetXMLNode(doc.qgis(), "visibility-presets"), "visibility-preset"))
        for (auto* l : children(t, "layer")) themes[attr(t, "name")][attr(l, "id")] = attr(l, "style");
    REQUIRE(themes.count("Peta utama"));
    REQUIRE(themes.count("Utara"));
    CHECK(themes["Peta utama"].count("petacerdas_facilities"));
    CHECK(themes["Peta utama"]["petacerdas_choropleth_puskesmas"] == "default");
    const auto& north = themes["Utara"];
    CHECK(north.at("petacerdas_choropleth_puskesmas") == "coverage_area, quantile, 3");
    CHECK(north.count("petacerdas_desa"));
    CHECK(north.count("petacerdas_label_kecamatan"));
    for (auto* hidden : {"petacerdas_facilities", "petacerdas_kecamatan", "petacerdas_zones", "petacerdas_land",
                         "petacerdas_service_area_puskesmas"})
        CHECK_FALSE(north.count(hidden));
    CHECK(north.at("petacerdas_highlight_desa") == "Sorotan: Utara");
    // The styles the theme names are in the layers' style managers.
    std::set<std::string> ch_styles;
    for (auto* s : children(CPLGetXMLNode(ch, "map-layer-style-manager"), "map-layer-style")) ch_styles.insert(attr(s, "name"));
    CHECK(ch_styles == std::set<std::string>{"default", "coverage_area, quantile, 3"});
    char* serialized = CPLSerializeXMLTree(CPLGetXMLNode(layers["petacerdas_highlight_desa"], "map-layer-style-manager"));
    const std::string highlight = serialized ? serialized : "";
    CPLFree(serialized);  // the caller's to free (LeakSanitizer found it)
    CHECK(highlight.find("value=\"" + p.desa[1].code + "\"") != std::string::npos);

    // Bookmarks: the district and the view's extent in lon/lat.
    std::map<std::string, std::string> marks;
    for (auto* b : children(CPLGetXMLNode(doc.qgis(), "Bookmarks"), "Bookmark")) marks[attr(b, "name")] = attr(b, "extent");
    REQUIRE(marks.count("Utara"));
    CHECK(marks["Utara"] == "POLYGON((113.400000000 -7.100000000, 113.500000000 -7.100000000, 113.500000000 -7.020000000, "
                            "113.400000000 -7.020000000, 113.400000000 -7.100000000))");
    CHECK(marks.count("Seluruh kabupaten"));
}

TEST_CASE("The GeoPackage holds its QGIS project as QGIS stores one: zipped, hex text, reproducible", "[io][qgis]") {
    Project p = test::sample_project();
    const AnalysisResult metrics = one_service(p);
    TempDir dir;
    // The project store reads the environment (no GDAL configuration in the core).
    ::setenv("OGR_CURRENT_DATE", "2025-01-01T00:00:00.000Z", 1);
    export_project(p, &metrics, dir / "a.gpkg", ExportFormat::GeoPackage);
    export_project(p, &metrics, dir / "b.gpkg", ExportFormat::GeoPackage);
    ::unsetenv("OGR_CURRENT_DATE");
    auto row = [&](const std::string& file) {
        return std::pair{test::sql_value(file, "SELECT CAST(content AS TEXT) FROM qgis_projects WHERE name = 'PetaCerdas'"),
                         test::sql_value(file, "SELECT CAST(metadata AS TEXT) FROM qgis_projects WHERE name = 'PetaCerdas'")};
    };
    const auto [hex, metadata] = row(dir / "a.gpkg");
    CHECK(metadata.rfind("{\"last_modified_time\": \"2025-01-01T00:00:00\", \"last_modified_user\": \"PetaCerdas\", "
                         "\"petacerdas_qgs_hash\": \"", 0) == 0);
    // The same project and time: the same bytes (b.gpkg differs only in the file name it reads).
    CHECK(test::sql_value(dir / "a.gpkg", "SELECT count(*) FROM qgis_projects") == "1");
    CHECK(text_of_archive(hex) == qgis_project_xml(p, &metrics, "a.gpkg"));
    // Saving the project again keeps one project row, still reading its own file.
    save_project(p, dir / "a.gpkg", &metrics);
    CHECK(test::sql_value(dir / "a.gpkg", "SELECT count(*) FROM qgis_projects") == "1");
    CHECK(row(dir / "b.gpkg").first != hex);  // b.gpkg's project reads ./b.gpkg
}

TEST_CASE("The project file holds the QGIS project of its map, and analyze's save in place renews it", "[io][qgis]") {
    Project p = test::sample_project();
    const AnalysisResult metrics = one_service(p);
    TempDir dir;
    const std::string file = dir / "rencana.gpkg";
    save_project(p, file);  // a full save by the project store, no analysis yet
    const std::string before = stored_project(file);
    CHECK(before == qgis_project_xml(p, nullptr, "rencana.gpkg"));
    CHECK(before.find("petacerdas_choropleth_puskesmas") == std::string::npos);
    // analyze's save: one transaction on the file, only the derived tables, our styles and project.
    SaveOptions in_place;
    in_place.metrics_only = true;
    save_project(p, file, &metrics, in_place);
    const std::string after = stored_project(file);
    CHECK(after == qgis_project_xml(p, &metrics, "rencana.gpkg"));
    CHECK(after.find("petacerdas_choropleth_puskesmas") != std::string::npos);
    // The same map again: the row is left as it is (its date too); a project QGIS saved under our
    // name (metadata without our digest) is replaced by ours.
    auto row = [&] {
        return test::sql_value(file, "SELECT CAST(metadata AS TEXT) || CAST(content AS TEXT) FROM qgis_projects WHERE name = 'PetaCerdas'");
    };
    const std::string first_row = row();
    in_place.timestamp = "2031-05-05T05:05:05.000Z";
    save_project(p, file, &metrics, in_place);
    CHECK(row() == first_row);
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "UPDATE qgis_projects SET metadata = '{}', content = '00' WHERE name = 'PetaCerdas'", nullptr,
                           nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    save_project(p, file, &metrics, in_place);
    CHECK(stored_project(file) == qgis_project_xml(p, &metrics, "rencana.gpkg"));
    CHECK(row().find("2031-05-05T05:05:05") != std::string::npos);
    // A project QGIS saved into the file under another name stays.
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "INSERT INTO qgis_projects(name, metadata, content) VALUES ('Punya Bappeda', '{}', '00')", nullptr,
                           nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    save_project(p, file, &metrics);
    CHECK(test::sql_value(file, "SELECT count(*) FROM qgis_projects") == "2");
    CHECK(test::sql_value(file, "SELECT CAST(content AS TEXT) FROM qgis_projects WHERE name = 'Punya Bappeda'") == "00");
}
