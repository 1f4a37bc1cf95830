#pragma once
// The pillar dashboard slide: the six smart-city pillars' initiative counts, budgets, OPD involvement
// and coverage contribution (people newly covered by each pillar's initiatives beyond the existing
// facilities of one service) as large bar charts drawn with the ImGui draw list.
#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "geo/analysis/scenario.h"
#include "geo/doc/document.h"

struct ImDrawList;
struct ImFont;

namespace pc::gui {

class PillarDashboard {
public:
    // The figures; recomputed in the background when the project, the service or the filter changed
    // (the previous figures, or none, until then: a slide never freezes).
    const std::vector<PillarContribution>& figures(Document& doc, const std::string& service, const ScenarioFilter& filter);
    bool computing() const { return pending_.valid(); }
    void wait() { if (pending_.valid()) pending_.wait(); }
    // Fills the rectangle [x0,y0]-[x1,y1] (window pixels) with the four charts; `s` = type scale.
    void draw(ImDrawList* dl, Document& doc, const std::string& service, const ScenarioFilter& filter,
              float x0, float y0, float x1, float y1, float s);
    std::string error;

private:
    struct Result {
        std::vector<PillarContribution> figures;
        std::string error;
    };
    std::future<Result> pending_;
    std::vector<PillarContribution> figures_;
    std::uint64_t built_revision_ = 0;
    const Document* built_for_ = nullptr;
    std::string built_service_;
    ScenarioFilter built_filter_;
};

}  // namespace pc::gui
