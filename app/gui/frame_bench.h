// petacerdas-gui --bench: load and frame times of the open project, panned and zoomed by script.
#pragma once

namespace pc::gui {

class App;

// Prints load time, whole-frame times (input to buffer swap, as the user waits for them) while panning
// and zooming at three scales, and where a frame's time goes. `bare_layer`: the project has desa only
// (an imported province), so the coverage layers are hidden. Returns the process exit code.
int run_frame_bench(App& app, bool bare_layer);

}  // namespace pc::gui
