#pragma once
// Site suggestion in the application: choose the service, the number of sites (or a budget and the
// cost of one), the area and the candidates; the suggestion runs off the frame thread with progress
// and cancel; the sites appear numbered on the map with the people each adds; accepting one places it
// as an initiative (one undoable command).
#include <optional>
#include <string>

#include "geo/analysis/suggest.h"
#include "geo/doc/document.h"
#include "map_view.h"
#include "offscreen/suggest_slide.h"

struct ImDrawList;

namespace pc::gui {

class SuggestPanel {
public:
    bool show_panel = false;
    ~SuggestPanel() { cancel(); }

    // The settings the panel edits (tests set them directly).
    std::string service;          // "" = the first facility type
    int count = 3;
    bool by_budget = false;
    long long budget_rp = 0, cost_per_site_rp = 0;
    std::string within;           // "" = the district
    bool grid_candidates = false;
    double grid_spacing_m = 500;

    // Starts a suggestion on a copy of the document's project (cancels one running).
    void start(const Document& doc);
    void cancel();
    bool running() const { return job_.running(); }
    // Blocks until a running suggestion is done and takes its result up (tests).
    void wait();
    // Takes a finished suggestion up (each frame).
    void poll();
    const std::optional<SuggestResult>& result() const { return result_; }
    const std::string& error() const { return error_; }
    double progress() const { return job_.progress(); }

    // The panel's settings as a suggestion slide's parameters (Add as slide).
    ViewSuggestion slide_parameters() const;

    // Places site k (0-based) as an initiative with the service's radius; one undoable command.
    void accept(Document& doc, std::size_t k);

    void draw_panel(Document& doc, MapView& map);
    // Numbered markers of the sites on the map (after the map).
    void draw_overlay(ImDrawList* dl, const MapView& map, float scale) const;

private:
    SuggestOptions options(const Document& doc) const;
    SuggestionJob job_;
    std::optional<SuggestResult> result_;
    std::string error_;
    std::vector<bool> accepted_;
    const Document* for_doc_ = nullptr;
};

}  // namespace pc::gui
