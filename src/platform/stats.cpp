// Figures for benchmarks and tests, read from the page as Module.ticketsStats: frames drawn,
// each frame's CPU time (NewFrame to Render), and the wasm heap's size. Cheap enough to keep in
// release builds: a counter and a bounded array.
#include "platform/page.h"

#include <emscripten/emscripten.h>

namespace platform {

namespace {

EM_JS(void, js_stats_frame, (double cpu_ms), {
    var stats = Module.ticketsStats ||
                (Module.ticketsStats = {frames: 0, frameMs: [], heapBytes: 0});
    stats.frames++;
    if (stats.frameMs.length >= 20000) stats.frameMs.splice(0, 10000);
    stats.frameMs.push(cpu_ms);
    stats.heapBytes = HEAP8.length;
});

} // namespace

void stats_frame(double cpu_ms) { js_stats_frame(cpu_ms); }

} // namespace platform
