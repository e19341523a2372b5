#include <catch2/catch.hpp>

#include "headless.h"
#include "ui/widgets.h"

using relais::mirror::Role;
namespace textsync = relais::textsync;

static const char* kTyped = "Crème brûlée — « œuvre » 12,50 €";

struct Form {
  std::string name = "abc";
  std::string note;
  void operator()() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##form", nullptr, ImGuiWindowFlags_NoDecoration);
    relais::ui::TextField("Nom", &name);
    relais::ui::TextFieldOptions multi;
    multi.multiline = true;
    relais::ui::TextField("Note", &note, multi);
    ImGui::End();
  }
};

static ImGuiID FieldId(const char* name) {
  const relais::mirror::Item* it = relais::mirror::FindByName(Role::TextBox, name);
  REQUIRE(it != nullptr);
  return it->id;
}

TEST_CASE("focusing the DOM input activates the ImGui field, edits arrive byte for byte", "[textsync]") {
  Headless h;
  Form form;
  auto body = [&] { form(); };
  h.Frame(body);
  ImGuiID id = FieldId("Nom");
  textsync::RequestFocus(id);
  // The page must learn at once which field is (being) activated.
  h.Frame(body);
  h.Frame(body);
  CHECK(ImGui::GetCurrentContext()->ActiveId == id);
  CHECK(textsync::ActiveField() == id);

  // The whole value and a caret after "Crè" (3 UTF-16 units, 4 bytes).
  textsync::ExternalEdit(id, 1, kTyped, 3, 3);
  h.Frame(body);
  CHECK(form.name == kTyped);
  std::string rec = textsync::TakeFocusRecord();
  CHECK(rec == "F\x1f" + std::to_string(id) + "\x1f" "1\x1f" "3\x1f" "3");
  h.Frame(body);
  CHECK(textsync::TakeFocusRecord().empty());  // unchanged: nothing to send

  // A selection made in the DOM comes back as the same UTF-16 range.
  textsync::ExternalEdit(id, 2, kTyped, 6, 12);
  h.Frame(body);
  CHECK(textsync::TakeFocusRecord() == "F\x1f" + std::to_string(id) + "\x1f" "2\x1f" "6\x1f" "12");

  // Deleting everything (Backspace over a selection) empties the field.
  textsync::ExternalEdit(id, 3, "", 0, 0);
  h.Frame(body);
  CHECK(form.name.empty());
}

TEST_CASE("multiline fields keep new lines; invalid UTF-8 is refused", "[textsync]") {
  Headless h;
  Form form;
  auto body = [&] { form(); };
  h.Frame(body);
  ImGuiID id = FieldId("Note");
  textsync::RequestFocus(id);
  h.Frame(body);
  h.Frame(body);
  textsync::ExternalEdit(id, 1, "Visite du 27/11\nÀ rappeler « vite »", 5, 5);
  h.Frame(body);
  CHECK(form.note == "Visite du 27/11\nÀ rappeler « vite »");
  textsync::ExternalEdit(id, 2, "bad \xC3", 0, 0);
  h.Frame(body);
  CHECK(form.note == "Visite du 27/11\nÀ rappeler « vite »");
}

TEST_CASE("blur deactivates the field and the page is told no field is active", "[textsync]") {
  Headless h;
  Form form;
  auto body = [&] { form(); };
  h.Frame(body);
  ImGuiID id = FieldId("Nom");
  textsync::RequestFocus(id);
  h.Frame(body);
  h.Frame(body);
  textsync::TakeFocusRecord();
  textsync::Blurred(id);
  h.Frame(body);
  CHECK(ImGui::GetCurrentContext()->ActiveId == 0);
  CHECK(textsync::TakeFocusRecord() == "F\x1f" "0\x1f" "0\x1f" "0\x1f" "0");
  // An edit for a field that is not active is dropped, not applied later.
  textsync::ExternalEdit(id, 9, "late", 4, 4);
  h.Frame(body);
  h.Frame(body);
  CHECK(form.name == "abc");
}

TEST_CASE("the field being edited stays visible when the keyboard shrinks the screen", "[textsync]") {
  Headless h(390, 844);
  std::string value;
  auto body = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##long", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Dummy(ImVec2(10, 700));
    relais::ui::TextField("Commune", &value);
    ImGui::Dummy(ImVec2(10, 400));
    ImGui::End();
  };
  h.Frame(body);
  ImGuiID id = FieldId("Commune");
  textsync::RequestFocus(id);
  h.Frame(body);
  h.Frame(body);
  REQUIRE(ImGui::GetCurrentContext()->ActiveId == id);
  ImGui::GetIO().DisplaySize = ImVec2(390, 500);  // the soft keyboard takes the bottom
  h.Frame(body);
  h.Frame(body);
  h.Frame(body);
  const relais::mirror::Item* it = relais::mirror::FindByName(Role::TextBox, "Commune");
  REQUIRE(it != nullptr);
  CHECK(it->y + it->h <= 500.5f);
  CHECK(it->h == Approx(ImGui::GetFrameHeight()));  // wholly visible, not a clipped sliver
}
