#include "ui/touch.h"

#include <cfloat>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"

namespace relais::touch {

// Tuned by hand on phones: a finger wobbles a few CSS pixels when tapping.
static const float kSlop = 10.0f;            // px before a touch becomes a drag
static const double kHoldSeconds = 0.45;     // still this long: a press
static const float kFlingMinSpeed = 40.0f;   // px/s below which momentum stops
static const double kFlingTimeConst = 0.325; // s, exponential decay (as iOS)

enum class State { Idle, Pending, Dragging, Pressed };

struct Sample { float y, x; double t; };

static State g_state = State::Idle;
static ImVec2 g_start, g_last;
static double g_start_t = 0;
static ImGuiID g_target = 0;         // window being scrolled
static ImVec2 g_scroll_start;        // its scroll when the drag began
static ImVec2 g_drag_origin;         // finger position when the drag began
static Sample g_samples[8];
static int g_nsamples = 0;
static ImVec2 g_velocity;            // px/s of scroll while gliding
static double g_last_update = 0;
static bool g_swallow_tap = false;   // this touch stopped a glide: not a click
static bool g_pressed_by_timer = false;

static ImGuiIO& IO() { return ImGui::GetIO(); }

static void MouseAway() { IO().AddMousePosEvent(-FLT_MAX, -FLT_MAX); }

// The window that should scroll for a drag starting over `window`.
static ImGuiWindow* ScrollableFrom(ImGuiWindow* window) {
  for (ImGuiWindow* w = window; w; w = w->ParentWindow) {
    if (w->ScrollMax.y > 0.0f || w->ScrollMax.x > 0.0f) return w;
    if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
  }
  return nullptr;
}

static void ScrollTo(ImGuiWindow* w, ImVec2 scroll) {
  scroll.x = ImClamp(scroll.x, 0.0f, w->ScrollMax.x);
  scroll.y = ImClamp(scroll.y, 0.0f, w->ScrollMax.y);
  ImGui::SetScrollX(w, scroll.x);
  ImGui::SetScrollY(w, scroll.y);
}

static ImVec2 CurrentScroll(ImGuiWindow* w) {
  // A scroll set since the last frame is not applied yet: build on it.
  return ImVec2(w->ScrollTarget.x < FLT_MAX ? w->ScrollTarget.x : w->Scroll.x,
                w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y);
}

static void AddSample(float x, float y, double t) {
  if (g_nsamples == 8) {
    for (int i = 1; i < 8; i++) g_samples[i - 1] = g_samples[i];
    g_nsamples--;
  }
  g_samples[g_nsamples++] = Sample{y, x, t};
}

void Down(float x, float y, double now_s) {
  ImGuiIO& io = IO();
  g_swallow_tap = g_velocity.x != 0.0f || g_velocity.y != 0.0f;  // a touch stops a glide
  g_velocity = ImVec2(0, 0);
  g_state = State::Pending;
  g_pressed_by_timer = false;
  g_start = g_last = ImVec2(x, y);
  g_start_t = now_s;
  g_nsamples = 0;
  AddSample(x, y, now_s);
  // Let ImGui know where the finger is (so the next frame knows the window
  // under it), but press nothing yet.
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(x, y);
}

void Move(float x, float y, double now_s) {
  ImGuiIO& io = IO();
  g_last = ImVec2(x, y);
  AddSample(x, y, now_s);
  float dx = x - g_start.x, dy = y - g_start.y;
  bool beyond_slop = dx * dx + dy * dy >= kSlop * kSlop;
  // A busy page can run the hold timer before it sees a move that happened
  // earlier (event times are when the finger moved): that was a drag, not a
  // long press. Release the press away from any item and scroll instead.
  if (g_state == State::Pressed && g_pressed_by_timer && beyond_slop && now_s - g_start_t < kHoldSeconds) {
    MouseAway();
    io.AddMouseButtonEvent(0, false);
    g_state = State::Pending;
  }
  if (g_state == State::Pending) {
    if (!beyond_slop) return;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* w = ScrollableFrom(g.HoveredWindow);
    g_state = State::Dragging;
    g_target = w ? w->ID : 0;
    if (w) g_scroll_start = CurrentScroll(w);
    g_drag_origin = g_start;  // the content follows the finger from where it landed
    if (w) ScrollTo(w, ImVec2(g_scroll_start.x - (x - g_start.x), g_scroll_start.y - (y - g_start.y)));
    MouseAway();  // no hover highlight under a scrolling finger
    return;
  }
  if (g_state == State::Dragging) {
    ImGuiWindow* w = g_target ? ImGui::FindWindowByID(g_target) : nullptr;
    if (w)
      ScrollTo(w, ImVec2(g_scroll_start.x - (x - g_drag_origin.x), g_scroll_start.y - (y - g_drag_origin.y)));
    return;
  }
  if (g_state == State::Pressed) {
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
  }
}

void Up(float x, float y, double now_s) {
  ImGuiIO& io = IO();
  switch (g_state) {
    case State::Pending:
      if (!g_swallow_tap) {
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(0, true);
        io.AddMouseButtonEvent(0, false);
      }
      MouseAway();
      break;
    case State::Pressed:
      io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
      io.AddMousePosEvent(x, y);
      io.AddMouseButtonEvent(0, false);
      MouseAway();
      break;
    case State::Dragging: {
      // Velocity over the last ~100 ms of movement.
      AddSample(x, y, now_s);
      int i = g_nsamples - 1;
      while (i > 0 && now_s - g_samples[i - 1].t <= 0.1) i--;
      double dt = now_s - g_samples[i].t;
      if (g_target && dt > 0.005) {
        g_velocity = ImVec2(-(float)((x - g_samples[i].x) / dt), -(float)((y - g_samples[i].y) / dt));
        g_last_update = now_s;
        if (std::fabs(g_velocity.x) < kFlingMinSpeed && std::fabs(g_velocity.y) < kFlingMinSpeed)
          g_velocity = ImVec2(0, 0);
      }
      break;
    }
    case State::Idle:
      break;
  }
  g_state = State::Idle;
  g_swallow_tap = false;
}

void Cancel() {
  if (g_state == State::Pressed) IO().AddMouseButtonEvent(0, false);
  MouseAway();
  g_state = State::Idle;
  g_velocity = ImVec2(0, 0);
}

bool Update(double now_s) {
  if (g_state == State::Pending) {
    if (now_s - g_start_t >= kHoldSeconds && !g_swallow_tap) {
      ImGuiIO& io = IO();
      io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
      io.AddMousePosEvent(g_last.x, g_last.y);
      io.AddMouseButtonEvent(0, true);
      g_state = State::Pressed;
      g_pressed_by_timer = true;
    }
    return true;  // waiting to tell a hold from a tap
  }
  if (g_velocity.x == 0.0f && g_velocity.y == 0.0f) return false;
  ImGuiWindow* w = g_target ? ImGui::FindWindowByID(g_target) : nullptr;
  double dt = now_s - g_last_update;
  g_last_update = now_s;
  if (!w || dt <= 0) return w != nullptr;
  ImVec2 s = CurrentScroll(w);
  ImVec2 next(s.x + g_velocity.x * (float)dt, s.y + g_velocity.y * (float)dt);
  ScrollTo(w, next);
  float decay = (float)std::exp(-dt / kFlingTimeConst);
  g_velocity = ImVec2(g_velocity.x * decay, g_velocity.y * decay);
  bool at_end = (next.y <= 0 || next.y >= w->ScrollMax.y) && (next.x <= 0 || next.x >= w->ScrollMax.x);
  if (at_end || (std::fabs(g_velocity.x) < kFlingMinSpeed && std::fabs(g_velocity.y) < kFlingMinSpeed))
    g_velocity = ImVec2(0, 0);
  return true;
}

bool Dragging() { return g_state == State::Dragging; }

}  // namespace relais::touch
