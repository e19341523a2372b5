// ui_driver.h — the whole app (DrawApp) in a headless ImGui context, driven
// by role and name through the accessibility mirror the way the browser tests
// drive the page: tap, type, scroll an item into view. Shared by the screens' tests.
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "headless.h"
#include "ui/app.h"

struct UiDriver {
  Headless h;
  relais::AppState& app;
  std::function<void()> body;
  UiDriver(relais::AppState& a, float w = 390, float hgt = 844) : h(w, hgt), app(a) {
    app.device.width = w;
    app.device.height = hgt;
    body = [this] { relais::DrawApp(app); };
    h.Frame(body);
    h.Frame(body);
  }
  void Frames(int n = 2) {
    for (int i = 0; i < n; i++) h.Frame(body);
  }
  const relais::mirror::Item* Find(relais::mirror::Role role, const std::string& name) {
    return relais::mirror::FindByName(role, name);
  }
  // Scrolls the content (mouse wheel over it) until the item is in view: items
  // scrolled out are not in the mirror, as in the browser.
  const relais::mirror::Item* Reveal(relais::mirror::Role role, const std::string& name) {
    for (int dir : {-1, 1})
      for (int i = 0; i < 40 && !Find(role, name); i++) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(io.DisplaySize.x * 0.6f, io.DisplaySize.y * 0.4f);
        io.AddMouseWheelEvent(0, (float)dir * 2);
        h.Settle(body);
      }
    return Find(role, name);
  }
  // Taps an item, scrolling it into view first if it is not.
  void Tap(relais::mirror::Role role, const std::string& name) {
    const relais::mirror::Item* it = Reveal(role, name);
    INFO(name);
    REQUIRE(it != nullptr);
    h.Click(*it, body);
  }
  // Types into a field as the page does: focus, the whole new value, blur.
  void Type(const std::string& field, const std::string& value) {
    const relais::mirror::Item* it = Find(relais::mirror::Role::TextBox, field);
    INFO(field);
    REQUIRE(it != nullptr);
    ImGuiID id = it->id;
    static uint32_t seq = 100;
    relais::textsync::RequestFocus(id);
    Frames(2);
    relais::textsync::ExternalEdit(id, ++seq, value, 0, 0);
    Frames(1);
    relais::textsync::Blurred(id);
    Frames(2);
  }
  // On screen now (no scrolling).
  bool HasStatus(const std::string& text) { return Find(relais::mirror::Role::Status, text) != nullptr; }
};
