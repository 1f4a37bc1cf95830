#include "open_document.h"

#include <filesystem>

#include "geo/io/district.h"
#include "geo/io/import.h"

namespace pc::gui {

DocumentLoad::Make read_document(std::string path) {
    return [path = std::move(path)](const WorkControl& control) {
        control.report(0, "reading");
        if (is_district_file(path)) return std::make_unique<Document>(load_district(path, DistrictOptions{}));
        return Document::open(path);
    };
}

DocumentLoad::Make read_desa_layer(std::string path) {
    return [path = std::move(path)](const WorkControl& control) {
        control.report(0, "reading");
        Project p;
        p.settings.name = std::filesystem::path(path).stem().string();
        p.settings.facility_types = default_facility_types();
        p.settings.opd = default_opd_list();
        ImportOptions io;
        io.target = ImportTarget::Desa;
        io.require_population = false;
        import_layer(p, path, io);
        control.check();
        return std::make_unique<Document>(std::move(p));
    };
}

}  // namespace pc::gui
