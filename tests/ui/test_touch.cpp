#include <catch2/catch.hpp>

#include "headless.h"
#include "ui/widgets.h"

namespace touch = relais::touch;

// A phone screen with a long list of buttons in a scrolling pane.
struct List {
  int clicks[60] = {};
  float scroll = 0;
  void operator()() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##screen", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::BeginChild("##list");
    for (int i = 0; i < 60; i++) {
      ImGui::PushID(i);
      if (ImGui::Button("Entreprise", ImVec2(-FLT_MIN, 44))) clicks[i]++;
      ImGui::PopID();
    }
    scroll = ImGui::GetScrollY();
    ImGui::EndChild();
    ImGui::End();
  }
  int total() const {
    int n = 0;
    for (int c : clicks) n += c;
    return n;
  }
};

TEST_CASE("one tap is exactly one click, five taps five", "[touch]") {
  Headless h;
  List list;
  auto body = [&] { list(); };
  h.Frame(body);
  for (int i = 0; i < 5; i++) {
    touch::Down(100, 30, h.time);
    h.Frame(body);
    touch::Up(100, 30, h.time + 0.05);
    h.Settle(body);
  }
  CHECK(list.clicks[0] == 5);
  CHECK(list.total() == 5);
}

TEST_CASE("a 200 px drag scrolls and activates nothing; momentum carries on", "[touch]") {
  Headless h;
  List list;
  auto body = [&] { list(); };
  h.Frame(body);
  touch::Down(100, 400, h.time);
  h.Frame(body);
  for (int i = 1; i <= 10; i++) {
    touch::Move(100, 400 - 20.0f * i, h.time);
    CHECK(touch::Dragging());
    h.Frame(body);
  }
  float after_drag = list.scroll;
  CHECK(after_drag == Approx(200).margin(12));  // the content followed the finger (minus the slop)
  touch::Up(100, 200, h.time);
  for (int i = 0; i < 30; i++) h.Frame(body);
  CHECK(list.scroll > after_drag + 50);  // released while moving: it glides
  CHECK(list.total() == 0);
  // A touch during the glide stops it and is not a click.
  touch::Down(100, 300, h.time);
  h.Frame(body);
  float stopped = list.scroll;
  touch::Up(100, 300, h.time + 0.05);
  h.Settle(body);
  for (int i = 0; i < 10; i++) h.Frame(body);
  CHECK(list.scroll == stopped);
  CHECK(list.total() == 0);
}

TEST_CASE("a slow drag stops where the finger stops", "[touch]") {
  Headless h;
  List list;
  auto body = [&] { list(); };
  h.Frame(body);
  touch::Down(100, 400, h.time);
  h.Frame(body);
  for (int i = 1; i <= 10; i++) {
    touch::Move(100, 400 - 10.0f * i, h.time);
    h.Frame(body);
  }
  // The finger rests 0.3 s before lifting: no fling.
  for (int i = 0; i < 18; i++) h.Frame(body);
  touch::Up(100, 300, h.time);
  float at_release = list.scroll;
  for (int i = 0; i < 20; i++) h.Frame(body);
  CHECK(list.scroll == at_release);
}

TEST_CASE("holding still becomes a press", "[touch]") {
  Headless h;
  List list;
  auto body = [&] { list(); };
  h.Frame(body);
  touch::Down(100, 30, h.time);
  for (int i = 0; i < 40; i++) h.Frame(body);  // ~0.67 s
  CHECK(ImGui::IsMouseDown(0));
  touch::Up(100, 30, h.time);
  h.Settle(body);
  CHECK(list.clicks[0] == 1);
}

TEST_CASE("a busy page that ran the hold timer late still scrolls a drag", "[touch]") {
  Headless h;
  List list;
  auto body = [&] { list(); };
  h.Frame(body);
  double t0 = h.time;
  touch::Down(100, 400, t0);
  for (int i = 0; i < 40; i++) h.Frame(body);  // frames ran 0.67 s later: the hold timer fired
  REQUIRE(ImGui::IsMouseDown(0));
  // ...but the finger had moved 0.1 s after landing.
  for (int i = 1; i <= 10; i++) {
    touch::Move(100, 400 - 20.0f * i, t0 + 0.1 + 0.016 * i);
    h.Frame(body);
  }
  touch::Up(100, 200, t0 + 0.3);
  h.Settle(body);
  CHECK(list.scroll > 150);
  CHECK(list.total() == 0);
}
