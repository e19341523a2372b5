// touch.h — finger input for ImGui: taps, drag-to-scroll with momentum, long press.
//
// ImGui 1.90 knows touch only as a mouse. A finger that lands on a button and
// moves must scroll the list, not press the button, so a touch is held back
// until it is clear what it is:
//   - released before moving more than a few pixels: one click where it landed;
//   - moved: the window under the finger (or its nearest scrollable parent)
//     follows the finger, then glides with momentum;
//   - held still: a press, so sliders and text selection can be dragged.
#pragma once

namespace relais::touch {

// Times are when the event happened (the DOM event's timeStamp, in seconds),
// on the same clock as Update's.
void Down(float x, float y, double now_s);
void Move(float x, float y, double now_s);
void Up(float x, float y, double now_s);
void Cancel();

// Before each ImGui::NewFrame(): moves momentum scrolling and turns a still
// finger into a press. Returns true while it needs more frames.
bool Update(double now_s);

bool Dragging();  // a finger is scrolling right now (for tests)

}  // namespace relais::touch
