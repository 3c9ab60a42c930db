// Figures for benchmarks and tests, read from the page as Module.ticketsStats: frames drawn,
// each frame's CPU time (NewFrame to Render), the wasm heap's size, and how long each list
// answer took from its bytes to a list ready to draw. The first frame drawn after the first list
// answer leaves a performance mark, 'tickets:first-list-frame', so that start-up can be timed
// from navigation (and the very first frame, 'tickets:first-frame'). Cheap enough to keep in release builds: counters and bounded arrays.
#include "platform/page.h"

#include <emscripten/emscripten.h>

namespace platform {

namespace {

bool g_list_arrived = false; // a list answer was handed to the model
bool g_list_marked = false;  // and the frame after it was marked

EM_JS(void, js_stats_frame, (double cpu_ms, int mark_list), {
    var stats = Module.ticketsStats ||
                (Module.ticketsStats = {frames: 0, frameMs: [], heapBytes: 0, decodeMs: []});
    if (stats.frames++ == 0 && self.performance && performance.mark) {
        performance.mark('tickets:first-frame');
    }
    if (stats.frameMs.length >= 20000) stats.frameMs.splice(0, 10000);
    stats.frameMs.push(cpu_ms);
    stats.heapBytes = HEAP8.length;
    if (mark_list && self.performance && performance.mark) {
        performance.mark('tickets:first-list-frame');
    }
});

EM_JS(void, js_stats_list_decoded, (double ms, double bytes), {
    var stats = Module.ticketsStats ||
                (Module.ticketsStats = {frames: 0, frameMs: [], heapBytes: 0, decodeMs: []});
    if (stats.decodeMs.length >= 100) stats.decodeMs.shift();
    stats.decodeMs.push(ms);
    stats.lastDecodeMs = ms;
    stats.lastListBytes = bytes;
    stats.heapBytes = HEAP8.length;
});

} // namespace

void stats_frame(double cpu_ms) {
    const bool mark_list = g_list_arrived && !g_list_marked;
    g_list_marked = g_list_marked || mark_list;
    js_stats_frame(cpu_ms, mark_list ? 1 : 0);
}

void stats_list_decoded(double ms, std::size_t bytes) {
    g_list_arrived = true;
    js_stats_list_decoded(ms, static_cast<double>(bytes));
}

} // namespace platform
