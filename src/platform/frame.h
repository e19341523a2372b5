// frame.h — the web client's frame loop. Frames are drawn only when something
// changed (input, resize, data) and for a few frames after, so an idle app
// costs nothing: no continuous rendering on battery.
#pragma once
#include "ui/app.h"

namespace relais::web {

AppState& App();
bool Start(float css_w, float css_h, float dpr, int fb_w, int fb_h, bool touch);  // false: no WebGL2
void Resize(float css_w, float css_h, float dpr, int fb_w, int fb_h, bool touch);
void Wake();       // draw soon (next animation frame) and let ImGui settle
void Pump();       // draw now until ImGui's input queue is empty (after discrete input)
double FrameCount();

}  // namespace relais::web
