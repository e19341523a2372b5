// headless.h — a real ImGui context without a window or GPU, for testing the
// UI layer natively: frames run, items are laid out and clicked, nothing is
// painted.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/mirror.h"
#include "ui/text_sync.h"
#include "ui/touch.h"

struct Headless {
  double time = 0;
  Headless(float w = 390, float h = 844) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.Fonts->AddFontDefault();
    unsigned char* pixels;
    int pw, ph;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &pw, &ph);  // builds the atlas: no renderer needed
  }
  ~Headless() { ImGui::DestroyContext(); }

  // One frame of `body`, 1/60 s after the previous one.
  void Frame(const std::function<void()>& body) {
    time += 1.0 / 60.0;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    relais::touch::Update(time);
    ImGui::NewFrame();
    relais::mirror::NewFrame();
    relais::textsync::NewFrame();
    body();
    ImGui::Render();
  }
  // Frames until ImGui has consumed every queued input event, plus one.
  void Settle(const std::function<void()>& body, int extra = 2) {
    for (int i = 0; i < 20 && ImGui::GetCurrentContext()->InputEventsQueue.Size > 0; i++) Frame(body);
    for (int i = 0; i < extra; i++) Frame(body);
  }
  // A mouse click in the middle of a mirrored item, then the frames it takes.
  void Click(const relais::mirror::Item& it, const std::function<void()>& body) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(it.x + it.w / 2, it.y + it.h / 2);
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    Settle(body);
  }
};

// Records what the UI asked of the platform (tests/ui/recording_platform.cpp).
struct PlatformLog {
  std::vector<std::string> history;  // "push /about", "replace /settings"
  std::vector<std::pair<std::string, std::string>> prefs;
  std::vector<std::string> copied;
  struct Download { std::string filename, mime_type, content; };
  std::vector<Download> downloads;
  int update_checks = 0, update_applies = 0;
  struct Http { int id; std::string method, url, content_type, body, bearer; };
  std::vector<Http> http;  // requests sent, oldest first
  struct Derive { int id; std::string password, salt; int iterations; };
  std::vector<Derive> derives;
  int64_t wake_after = -2;  // the last timer asked for
  uint64_t last_commit = 0, durable_commit = 0;  // LastCommit() counts; IsCommitDurable compares
};
PlatformLog& Platform();
