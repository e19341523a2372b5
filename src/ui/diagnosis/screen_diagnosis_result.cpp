// The result of a diagnosis, shown to the owner at the end of the visit:
// theme scores as a bar chart (ImDrawList) with the exact value written beside
// each bar and mirrored as text for screen readers, what each band means, the
// services and the network members that fit the weakest themes (ranked by
// core/diagnosis/recommend, with their reasons), one tap from a member to a
// referral, and the change since the company's previous diagnosis of the same
// template. Everything is computed once per (response, data version) and kept:
// a frame only draws.
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/model/casework.h"
#include "core/paris_time.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct MemberLine {
  std::string id, name, reasons, button;
};
struct ThemeRecoLines {
  std::string head;
  std::vector<std::pair<std::string, std::string>> services;  // name, reasons
  std::vector<MemberLine> members;
  std::string message;  // the referral's prefilled message for this theme
};
struct DeltaLine {
  std::string label, text;
  bool before_assessed = false, after_assessed = false;
  float before = 0, after = 0;
};

struct ResultCache {
  Store* store = nullptr;
  std::string device, response_id;
  int64_t version = -1;
  bool found = false;
  std::optional<std::string> company_name;
  DiagnosisRun run;
  diagnosis::Scores scores;
  std::vector<std::string> score_texts;  // per theme: "Innovation : 54 / 100, À consolider" (mirrored)
  std::string overall_text, subtitle;
  std::vector<ThemeRecoLines> recos;
  std::string reco_error;
  bool has_previous = false;
  std::string compare_title, overall_delta;
  std::vector<DeltaLine> deltas;
  std::set<std::string> referred;  // members this user already referred the company to
};
ResultCache g_res;

// Referrals made from this screen in this session: member id -> done (the
// button becomes a status line).
std::map<std::string, std::string> g_referred;  // key: response id + member id, value: message shown
std::string g_refer_error;

// "label : value" with the colon of the current language (the label is data, not a message).
std::string Colon(const std::string& label, const std::string& value) {
  return label + (CurrentLang() == Lang::Fr ? "\u00A0: " : ": ") + value;
}

std::string Signed(double d) {
  long v = std::lround(d);
  return (v > 0 ? "+" : v < 0 ? "\xE2\x88\x92" : "") + std::to_string(std::labs(v));
}

void Load(AppState& app) {
  int64_t version = DataVersion(*app.store);
  if (g_res.store == app.store && g_res.device == app.store->device_id && g_res.response_id == app.route.sub &&
      g_res.version == version)
    return;
  g_res = ResultCache();
  g_res.store = app.store;
  g_res.device = app.store->device_id;
  g_res.response_id = app.route.sub;
  g_res.version = version;
  g_res.company_name = app.store->db.QueryText("SELECT name FROM companies WHERE id = ?", app.route.id);
  std::optional<DiagnosisRun> run = LoadDiagnosis(*app.store, app.route.sub);
  if (!run || run->row.company_id != app.route.id || !run->tmpl) return;
  g_res.found = true;
  g_res.run = std::move(*run);
  const diagnosis::Template& t = *g_res.run.tmpl;
  g_res.scores = diagnosis::ScoreAnswers(t, g_res.run.response.answers);
  std::string who = MemberName(*app.store, g_res.run.row.author_member_id);
  int64_t when = g_res.run.row.completed_at.value_or(g_res.run.response.updated_ms);
  std::string iso = ParisIsoDate(when);
  g_res.subtitle = t.title + " \xC2\xB7 " + FormatDate(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)),
                                                      std::stoi(iso.substr(8, 2)), CurrentLang());
  if (!who.empty()) g_res.subtitle += " \xC2\xB7 " + who;
  for (const diagnosis::ThemeScore& ts : g_res.scores.themes)
    g_res.score_texts.push_back(
        Colon(ts.label, ts.assessed ? ScoreText(ts.score) + ", " + ts.band_label : T(Msg::DiagNotAssessed)));
  if (g_res.scores.overall_assessed) g_res.overall_text = LabelValue(Msg::DiagOverall, ScoreText(g_res.scores.overall));

  for (const Referral& r : ListReferralsForCompany(*app.store, app.route.id))
    if (!app.session.member_id.empty() && r.from_member_id == app.session.member_id) g_res.referred.insert(r.to_member_id);
  // Recommendations for the weakest themes.
  RecommendInputs in = ReadRecommendInputs(*app.store, app.route.id, app.session.member_id);
  diagnosis::RecommendResult rec = diagnosis::Recommend(t, g_res.scores, in.company, in.services, in.members);
  if (!rec.ok) g_res.reco_error = rec.error;
  for (const diagnosis::ThemeRecommendation& tr : rec.themes) {
    ThemeRecoLines lines;
    lines.head = tr.label + " (" + ScoreText(tr.theme_score) + ", " + tr.band_label + ")";
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const std::string& x : v) s += (s.empty() ? "" : " \xC2\xB7 ") + x;
      return s;
    };
    for (const diagnosis::Suggestion& s : tr.services) lines.services.push_back({s.name, join(s.reasons)});
    for (const diagnosis::Suggestion& m : tr.members)
      lines.members.push_back({m.id, m.name, join(m.reasons), LabelValue(Msg::DiagRefer, m.name)});
    lines.message = std::string(T(Msg::DiagReferMessage1)) + " " + t.title + " (" + ShortDate(iso) + "), " +
                    T(Msg::DiagReferMessage2) + " " + tr.label + " (" + ScoreText(tr.theme_score) + ", " +
                    tr.band_label + "). " + T(Msg::DiagReferMessage3);
    g_res.recos.push_back(std::move(lines));
  }

  // Before / after: the previous completed run of the same template.
  if (std::optional<DiagnosisRun> prev = PreviousDiagnosis(*app.store, g_res.run)) {
    diagnosis::Scores before = diagnosis::ScoreAnswers(*prev->tmpl, prev->response.answers);
    diagnosis::CompareResult cmp = diagnosis::Compare(before, g_res.scores);
    if (cmp.ok) {
      g_res.has_previous = true;
      std::string piso = ParisIsoDate(prev->row.completed_at.value_or(prev->response.updated_ms));
      g_res.compare_title = std::string(T(Msg::DiagCompareTitle)) + " " + ShortDate(piso);
      for (const diagnosis::ThemeDelta& d : cmp.comparison.themes) {
        DeltaLine l;
        l.label = d.label;
        l.before_assessed = d.before_assessed;
        l.after_assessed = d.after_assessed;
        l.before = (float)d.before;
        l.after = (float)d.after;
        std::string b = d.before_assessed ? ScoreText(d.before) : T(Msg::DiagNotAssessed);
        std::string a = d.after_assessed ? ScoreText(d.after) : T(Msg::DiagNotAssessed);
        l.text = Colon(d.label, std::string(T(Msg::DiagBefore)) + " " + b + ", " + T(Msg::DiagAfter) + " " + a);
        if (d.before_assessed && d.after_assessed) l.text += " (" + Signed(d.delta) + ")";
        g_res.deltas.push_back(std::move(l));
      }
      if (cmp.comparison.overall_compared)
        g_res.overall_delta = LabelValue(Msg::DiagOverallWord, std::string(T(Msg::DiagBefore)) + " " +
                                                                   ScoreText(cmp.comparison.overall_before) + ", " +
                                                                   T(Msg::DiagAfter) + " " +
                                                                   ScoreText(cmp.comparison.overall_after) + " (" +
                                                                   Signed(cmp.comparison.overall_delta) + ")");
    }
  }
}

unsigned BandColour(const diagnosis::ThemeScore& ts) {
  if (!ts.assessed) return IM_COL32(0xb0, 0xb6, 0xc0, 255);
  if (ts.need && ts.score < 40) return IM_COL32(0xc0, 0x4a, 0x2b, 255);  // priority need
  if (ts.need) return IM_COL32(0xd8, 0x8c, 0x1e, 255);                  // to consolidate
  return theme::ColSuccess();
}

// One horizontal bar 0..100 with ticks at the band limits.
void Bar(float value, unsigned colour, float height, const std::vector<diagnosis::Band>* bands) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + height), IM_COL32(0xe8, 0xeb, 0xf0, 255), 3);
  if (value > 0) dl->AddRectFilled(pos, ImVec2(pos.x + w * std::min(value, 100.0f) / 100, pos.y + height), colour, 3);
  if (bands)
    for (const diagnosis::Band& b : *bands)
      if (b.from > 0 && b.from < 100) {
        float x = pos.x + w * (float)b.from / 100;
        dl->AddLine(ImVec2(x, pos.y - 2), ImVec2(x, pos.y + height + 2), IM_COL32(0x5f, 0x66, 0x70, 200), 1.5f);
      }
  ImGui::Dummy(ImVec2(w, height));
}

void DrawScores() {
  const diagnosis::Template& t = *g_res.run.tmpl;
  ui::SectionTitle(T(Msg::DiagScores));
  if (!g_res.overall_text.empty()) ui::StatusText(g_res.overall_text.c_str(), ImGui::GetColorU32(ImGuiCol_Text));
  for (size_t i = 0; i < g_res.scores.themes.size(); i++) {
    const diagnosis::ThemeScore& ts = g_res.scores.themes[i];
    ImGui::PushID((int)i);
    ImGui::Dummy(ImVec2(0, 2));
    // The label and its exact value on one line (the value right-aligned),
    // the bar under it, then what the band means.
    ImGui::PushFont(theme::GetFonts().bold);
    std::string value = ts.assessed ? ScoreText(ts.score) : T(Msg::DiagNotAssessed);
    float vw = ImGui::CalcTextSize(value.c_str()).x;
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - vw - 12);
    ImGui::TextUnformatted(ts.label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + w - vw, p.y), ImGui::GetColorU32(ImGuiCol_Text), value.c_str());
    ImGui::PopFont();
    mirror::AddStatus(g_res.score_texts[i]);
    const diagnosis::Theme* th = diagnosis::FindTheme(t, ts.theme_id);
    Bar(ts.assessed ? (float)ts.score : 0, BandColour(ts), 14, th ? &diagnosis::BandsFor(t, *th) : nullptr);
    if (ts.assessed) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(BandColour(ts)));
      ImGui::PushFont(theme::GetFonts().bold);
      ui::Paragraph(ts.band_label.c_str());
      ImGui::PopFont();
      ImGui::PopStyleColor();
      ui::Muted(ts.band_text.c_str());
    }
    ImGui::PopID();
  }
}

void DrawComparison() {
  if (!g_res.has_previous) return;
  ui::SectionTitle(g_res.compare_title.c_str());
  // Legend: before (grey), after (blue).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const unsigned before_col = IM_COL32(0x9a, 0xa3, 0xaf, 255);
  for (unsigned col : {before_col, theme::ColPrimary()}) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.25f), ImVec2(p.x + h * 0.5f, p.y + h * 0.75f), col, 2);
    ImGui::SetCursorScreenPos(ImVec2(p.x + h * 0.5f + 6, p.y));
    ImGui::TextUnformatted(T(col == before_col ? Msg::DiagBeforeLegend : Msg::DiagAfterLegend));
    ImGui::SameLine(0, 20);
  }
  ImGui::NewLine();
  if (!g_res.overall_delta.empty()) ui::StatusText(g_res.overall_delta.c_str(), ImGui::GetColorU32(ImGuiCol_Text));
  for (const DeltaLine& d : g_res.deltas) {
    ImGui::Dummy(ImVec2(0, 2));
    ui::StatusText(d.text.c_str(), ImGui::GetColorU32(ImGuiCol_Text));
    Bar(d.before_assessed ? d.before : 0, before_col, 8, nullptr);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + 2);
    Bar(d.after_assessed ? d.after : 0, theme::ColPrimary(), 8, nullptr);
  }
}

void DrawRecommendations(AppState& app) {
  ui::SectionTitle(T(Msg::DiagRecommendations));
  if (!g_res.reco_error.empty()) ui::StatusText(g_res.reco_error.c_str(), theme::ColDanger());
  if (g_res.recos.empty()) ui::Muted(T(Msg::DiagNoNeed));
  for (size_t i = 0; i < g_res.recos.size(); i++) {
    const ThemeRecoLines& r = g_res.recos[i];
    ImGui::PushID((int)i);
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(r.head.c_str());
    ImGui::PopFont();
    ui::Paragraph(T(Msg::DiagServices));
    if (r.services.empty()) ui::Muted(T(Msg::DiagNoService));
    for (const auto& [name, reasons] : r.services) {
      ui::Paragraph(("\xE2\x80\xA2 " + name).c_str());
      ui::Muted(reasons.c_str());
    }
    ui::Paragraph(T(Msg::DiagMembers));
    if (r.members.empty()) ui::Muted(T(Msg::DiagNoMember));
    for (size_t m = 0; m < r.members.size(); m++) {
      const MemberLine& ml = r.members[m];
      ImGui::PushID((int)m);
      ImGui::PushFont(theme::GetFonts().bold);
      ui::Paragraph((std::to_string(m + 1) + ". " + ml.name).c_str());
      ImGui::PopFont();
      ui::Muted(ml.reasons.c_str());
      std::string key = g_res.response_id + ml.id;
      if (g_referred.count(key)) {
        ui::StatusText(T(Msg::DiagReferSaved), theme::ColSuccess());
      } else if (g_res.referred.count(ml.id)) {
        ui::StatusText(T(Msg::DiagReferredBefore), theme::ColMuted());  // no second referral to the same member
      } else if (ui::Button(ml.button.c_str())) {
        try {
          ReferFromDiagnosis(*app.store, app.session, app.route.id, ml.id, r.message);
          g_referred[key] = r.message;
          g_refer_error.clear();
        } catch (const std::exception& e) {
          g_refer_error = std::string(T(Msg::SaveFailed)) + " " + e.what();
        }
      }
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  if (!g_refer_error.empty()) ui::StatusText(g_refer_error.c_str(), theme::ColDanger());
}

}  // namespace

void DrawDiagnosisResult(AppState& app) {
  Load(app);
  if (!g_res.company_name || !g_res.found) {
    ui::StatusText(T(g_res.company_name ? Msg::DiagNotFound : Msg::CompanyNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
    return;
  }
  ui::Title(g_res.company_name->c_str());
  ui::Muted(g_res.subtitle.c_str());
  if (g_res.run.row.status != "completed") {
    ui::StatusText(T(Msg::DiagNotFinished), theme::ColDanger());
    if (ui::PrimaryButton(T(Msg::DiagResume))) Navigate(app, Screen::DiagnosisRun, Route{app.route.id, app.route.sub});
  }
  DrawScores();
  DrawComparison();
  DrawRecommendations(app);
  ImGui::Dummy(ImVec2(0, 8));
  if (ui::Button(T(Msg::DiagBackToFile))) Navigate(app, Screen::CompanyFile, Route{app.route.id, ""});
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
