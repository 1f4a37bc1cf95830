// make_import: a layer import as one undoable command (see geo/doc/import_command.h).
#include "geo/doc/import_command.h"

#include <filesystem>

namespace pc {
namespace {

// The parts of a project an import may change: the target layer and the facility types.
struct LayerState {
    std::vector<AdminUnit> units;
    std::vector<Facility> facilities;
    std::vector<Zone> zones;
    std::vector<Initiative> initiatives;
    std::optional<PopulationGrid> grid;
    std::vector<FacilityType> facility_types;
};

LayerState take(const Project& p, ImportTarget t) {
    LayerState s;
    s.facility_types = p.settings.facility_types;
    switch (t) {
        case ImportTarget::Kabupaten: s.units = p.kabupaten; break;
        case ImportTarget::Kecamatan: s.units = p.kecamatan; break;
        case ImportTarget::Desa: s.units = p.desa; break;
        case ImportTarget::Facilities: s.facilities = p.facilities; break;
        case ImportTarget::Zones: s.zones = p.zones; break;
        case ImportTarget::Initiatives: s.initiatives = p.initiatives; break;
        case ImportTarget::PopulationGrid: s.grid = p.population_grid; break;
    }
    return s;
}

void put(Project& p, ImportTarget t, const LayerState& s) {
    p.settings.facility_types = s.facility_types;
    switch (t) {
        case ImportTarget::Kabupaten: p.kabupaten = s.units; break;
        case ImportTarget::Kecamatan: p.kecamatan = s.units; break;
        case ImportTarget::Desa: p.desa = s.units; break;
        case ImportTarget::Facilities: p.facilities = s.facilities; break;
        case ImportTarget::Zones: p.zones = s.zones; break;
        case ImportTarget::Initiatives: p.initiatives = s.initiatives; break;
        case ImportTarget::PopulationGrid: p.population_grid = s.grid; break;
    }
}

class ImportCommand final : public Command {
public:
    ImportCommand(ImportTarget target, LayerState before, LayerState after, std::string file, std::size_t count)
        : target_(target), before_(std::move(before)), after_(std::move(after)), file_(std::move(file)), count_(count) {}

    void apply(Project& p) override { put(p, target_, after_); }
    void revert(Project& p) override { put(p, target_, before_); }
    // A batch of features in one step; menus show label().
    CommandKind kind() const override { return CommandKind::Batch; }
    DocLayer layer() const override { return doc_layer(target_); }
    std::vector<DocLayer> layers() const override {
        std::vector<DocLayer> out = {doc_layer(target_)};
        if (before_.facility_types != after_.facility_types) out.push_back(DocLayer::Settings);
        return out;
    }
    std::string subject() const override { return file_; }
    std::string label() const override {
        return "Import " + std::to_string(count_) + " " + to_key(target_) + " from " + file_;
    }
    // Many features change at once: the document rebuilds the engine instead.
    std::vector<FeatureChange> service_changes(const Project&) const override { return {}; }
    bool needs_engine_rebuild() const override { return true; }

private:
    ImportTarget target_;
    LayerState before_, after_;
    std::string file_;
    std::size_t count_;
};

}  // namespace

DocLayer doc_layer(ImportTarget target) {
    switch (target) {
        case ImportTarget::Facilities: return DocLayer::Facilities;
        case ImportTarget::Zones: return DocLayer::Zones;
        case ImportTarget::Initiatives: return DocLayer::Initiatives;
        case ImportTarget::Kabupaten:
        case ImportTarget::Kecamatan:
        case ImportTarget::Desa:
        case ImportTarget::PopulationGrid: break;
    }
    return DocLayer::Admin;
}

ImportEdit make_import(const Project& project, const std::string& path, const ImportOptions& options) {
    // import_layer reads the settings (facility types, the masterplan period) and, when appending,
    // the target layer's ids: a scratch project with just those.
    Project scratch;
    scratch.settings = project.settings;
    LayerState before = take(project, options.target);
    put(scratch, options.target, before);
    ImportEdit edit;
    edit.report = import_layer(scratch, path, options);
    LayerState after = take(scratch, options.target);
    edit.command = std::make_unique<ImportCommand>(options.target, std::move(before), std::move(after),
                                                   std::filesystem::path(path).filename().string(), edit.report.imported);
    return edit;
}

}  // namespace pc
