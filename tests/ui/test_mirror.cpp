#include <catch2/catch.hpp>

#include "headless.h"
#include "ui/widgets.h"

using relais::mirror::Items;
using relais::mirror::Role;

static void Window(const std::function<void()>& body) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("##w", nullptr, ImGuiWindowFlags_NoDecoration);
  body();
  ImGui::End();
}

TEST_CASE("the mirror lists every visible interactive item with role, name and place", "[mirror]") {
  Headless h;
  std::string text = "Élève";
  bool check = false;
  auto body = [&] {
    Window([&] {
      relais::ui::Button("Enregistrer##form");
      ImGui::Checkbox("Consentement RGPD", &check);
      relais::ui::TextField("Nom de l'entreprise", &text);
      relais::ui::RadioOption("Français", true);
      relais::ui::NavTab("Réglages", true, ImVec2(100, 44), false);
    });
  };
  h.Frame(body);
  const auto& items = Items();
  REQUIRE(items.size() == 5);
  CHECK(items[0].role == Role::Button);
  CHECK(items[0].name == "Enregistrer");  // "##form" is not shown, so not named
  CHECK(items[0].w > 10);
  CHECK(items[0].h > 10);
  CHECK(items[1].role == Role::Checkbox);
  CHECK(items[1].name == "Consentement RGPD");
  CHECK_FALSE(items[1].checked);
  CHECK(items[2].role == Role::TextBox);
  CHECK(items[2].name == "Nom de l'entreprise");
  CHECK(items[2].value == "Élève");
  CHECK(items[3].role == Role::Radio);
  CHECK(items[3].name == "Français");
  CHECK(items[3].checked);
  CHECK(items[4].role == Role::Tab);
  CHECK(items[4].checked);
  CHECK(items[4].h >= 44);  // plus the row spacing ImGui gives selectables
  // Items are laid out top to bottom, not on top of each other.
  CHECK(items[1].y >= items[0].y + items[0].h);
}

TEST_CASE("the mirror sends only differences to the page", "[mirror]") {
  Headless h;
  bool show_second = true;
  const char* label = "Premier";
  auto body = [&] {
    Window([&] {
      relais::ui::Button(label);
      if (show_second) relais::ui::Button("Second");
    });
  };
  h.Frame(body);
  std::string first = relais::mirror::TakeDiff();
  CHECK(first.find("Premier") != std::string::npos);
  CHECK(first.find("Second") != std::string::npos);
  h.Frame(body);
  CHECK(relais::mirror::TakeDiff().empty());  // nothing changed: nothing sent

  label = "Premier (2)###premier";  // same id, new visible name
  show_second = false;
  h.Frame(body);
  std::string diff = relais::mirror::TakeDiff();
  CHECK(diff.find("Premier (2)") != std::string::npos);
  bool removed = diff.rfind("D\x1f", 0) == 0 || diff.find("\x1e" "D\x1f") != std::string::npos;
  CHECK(removed);
  CHECK(diff.find("Second") == std::string::npos);
}

TEST_CASE("items scrolled out of view are not mirrored", "[mirror]") {
  Headless h(390, 300);
  auto body = [&] {
    Window([&] {
      for (int i = 0; i < 40; i++) relais::ui::Button(("Ligne " + std::to_string(i)).c_str());
    });
  };
  h.Frame(body);
  CHECK(relais::mirror::FindByName(Role::Button, "Ligne 0") != nullptr);
  CHECK(relais::mirror::FindByName(Role::Button, "Ligne 39") == nullptr);
  for (const auto& it : Items()) CHECK(it.y + it.h <= 300.5f);
}

// A screen reader reads the screen's text, not only its controls: paragraphs
// and secondary text are mirrored as paragraphs, once per place, only in view.
TEST_CASE("text to read is mirrored as paragraphs", "[mirror]") {
  Headless h(390, 300);
  auto body = [&] {
    Window([&] {
      relais::ui::Paragraph("Visite du 12 mars : projet export vers l'Allemagne.");
      relais::ui::Muted("Claire Martin · Réseau");
      for (int i = 0; i < 2; i++) {
        ImGui::PushID(i);
        relais::ui::Muted("Visibilité : réseau");  // same text in two entries: two paragraphs
        ImGui::PopID();
      }
      for (int i = 0; i < 40; i++) relais::ui::Paragraph(("Ligne " + std::to_string(i)).c_str());
    });
  };
  h.Frame(body);
  const auto* p = relais::mirror::FindByName(Role::Text, "Visite du 12 mars : projet export vers l'Allemagne.");
  REQUIRE(p != nullptr);
  CHECK(p->w > 100);
  CHECK(relais::mirror::FindByName(Role::Text, "Claire Martin · Réseau") != nullptr);
  int same = 0;
  for (const auto& it : Items()) same += it.role == Role::Text && it.name == "Visibilité : réseau";
  CHECK(same == 2);
  CHECK(relais::mirror::FindByName(Role::Text, "Ligne 0") != nullptr);
  CHECK(relais::mirror::FindByName(Role::Text, "Ligne 39") == nullptr);  // scrolled out of view
  CHECK(std::string(relais::mirror::RoleName(Role::Text)) == "paragraph");
}
