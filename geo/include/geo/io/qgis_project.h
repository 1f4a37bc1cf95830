#pragma once
// A QGIS project that shows a PetaCerdas GeoPackage as the map application shows it: the layers in
// the map's order and groups (labels, initiatives, facilities, boundaries, zones, service area,
// coverage choropleth), the application's styles (geo/style.h), the default layers visible and the
// population grid and analysis tables off, every saved map view as a map theme (its layers and
// choropleth) and a spatial bookmark (its extent). QGIS 3.22 reads it; it is stored inside the
// GeoPackage (table qgis_projects, as QGIS stores projects there), so the file opens as one.
#include <ctime>
#include <string>

#include "geo/analysis/results.h"
#include "geo/model.h"

namespace pc {

// The project's name in the GeoPackage's qgis_projects table (QGIS: Project > Open From > GeoPackage).
inline constexpr const char* kQgisProjectName = "PetaCerdas";

// The .qgs document for the layers of `geopackage_file` (a file name, read relative to the project:
// the GeoPackage holding the project, or a .qgz beside it). `metrics`: the analysis the GeoPackage
// holds (choropleth, service areas, gaps); nullptr for a project file without metrics. Layer ids are
// "petacerdas_<layer>" (QGIS keeps an id only when it is longer than 10 characters).
std::string qgis_project_xml(const Project& project, const AnalysisResult* metrics, const std::string& geopackage_file);

// The .qgz: a zip holding `<kQgisProjectName>.qgs`, dated `modified` (UTC).
std::string qgis_project_archive(const Project& project, const AnalysisResult* metrics, const std::string& geopackage_file,
                                 const std::tm& modified);
// The same of a .qgs document made by qgis_project_xml.
std::string qgis_project_archive(const std::string& qgs_xml, const std::tm& modified);

}  // namespace pc
