// Activity reports (core/reports): every figure over a small hand-built
// network whose totals are known, with each filter; the CSV a French
// spreadsheet opens, byte for byte; and the figures of the demo dataset add
// up (the benchmark at scale 1 is hidden: "[.][reports-bench]").
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/civil_date.h"
#include "core/demo/demo.h"
#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/questionnaire.h"
#include "core/model/university.h"
#include "core/reports/csv.h"
#include "core/reports/report.h"

using namespace relais;
using namespace relais::reports;

namespace {

constexpr int64_t kHour = 3600000;

struct ReportWorld {
  Store st = OpenStore(":memory:");
  Office loiret, touraine;
  Organisation cci, cma;
  Member claire, marc, lea, ines;
  Company a, b, c, d, e;
  // "Now" for referrals to chase: 31 March 2026, noon in Paris.
  const int64_t now = ParisDayStartMs("2026-03-31") + 12 * kHour;

  ReportWorld() {
    loiret.name = "Antenne du Loiret";
    loiret.departments = {"45"};
    Insert(st, loiret);
    touraine.name = "Antenne de Touraine";
    touraine.departments = {"37"};
    Insert(st, touraine);
    cci.name = "CCI Loiret";
    Insert(st, cci);
    cma.name = "CMA Centre";
    Insert(st, cma);
    claire = MakeMember("Claire", cci, loiret);
    marc = MakeMember("Marc", cma, touraine);
    lea = MakeMember("Léa", cci, loiret);
    ines = MakeMember("Inès", cci, loiret);
    a = MakeCompany("Boulangerie Lefèvre", "45000");
    b = MakeCompany("Menuiserie Dupont", "45100");
    c = MakeCompany("Garage des Halles", "37000");
    d = MakeCompany("Ferme du Berry", "18000");  // Cher: no office covers it here
    e = MakeCompany("Doublon SARL", "45000");

    // Case notes. In the first quarter of 2026: notes 1 to 6.
    Note("2026-01-10", a, claire, "visit", {"diagnostic", "orientation"});
    Note("2026-01-20", a, claire, "call", {});
    Note("2026-02-05", b, claire, "email", {"orientation"});
    Note("2026-02-15", c, marc, "visit", {"diagnostic"});
    Note("2026-03-01", d, marc, "event", {"mise en relation"});
    Note("2026-03-02", a, marc, "visit", {});
    Note("2025-12-31", a, claire, "visit", {"diagnostic"});  // the day before the period
    Interaction gone = Note("2026-02-10", b, claire, "visit", {"diagnostic"});
    REQUIRE(SoftDelete<Interaction>(st, gone.id));  // a tombstone never counts
    Note("2026-02-11", e, claire, "visit", {"diagnostic"});
    REQUIRE(SoftDelete<Company>(st, e.id));  // nor a note about a deleted company

    // The University: two themes, sessions on both sides of the period's start.
    Course exportc = MakeCourse("export"), innov = MakeCourse("innovation");
    CourseSession s1 = MakeSession(exportc, ParisDayStartMs("2026-02-10") + 9 * kHour);
    CourseSession s2 = MakeSession(innov, ParisDayStartMs("2026-03-05") + 9 * kHour);
    CourseSession s3 = MakeSession(exportc, ParisDayStartMs("2026-05-01") + 9 * kHour);  // after
    CourseSession s4 = MakeSession(exportc, ParisDayStartMs("2026-01-01") - kHour / 2);  // 31/12 23:30 Paris
    CourseSession s5 = MakeSession(exportc, ParisDayStartMs("2026-01-01") + kHour / 2);  // 01/01 00:30 Paris
    Register(s1, &lea, "confirmed", "present");
    Register(s1, &claire, "confirmed", "absent");
    Register(s1, &marc, "waitlisted", "");
    Register(s1, nullptr, "cancelled", "");  // an elected official, no member
    Register(s2, &lea, "attended", "");      // before attendance was marked: present
    Register(s2, &claire, "requested", "");
    Register(s3, &lea, "confirmed", "");
    Register(s4, &lea, "confirmed", "present");
    Register(s5, &marc, "confirmed", "");

    // Diagnoses: two completed in the period (one theme not assessed each).
    Diagnosis(a, claire, "2026-01-15", "completed",
              R"({"overall":50.0,"themes":[{"id":"innovation","score":40.0},{"id":"export","score":null},)"
              R"({"id":"pi","score":80.0}]})");
    Diagnosis(c, marc, "2026-02-20", "completed",
              R"({"overall":70.0,"themes":[{"id":"innovation","score":60.0},{"id":"export","score":70.5},)"
              R"({"id":"pi","score":null}]})");
    Diagnosis(b, claire, "2026-02-21", "draft", "{}");
    Diagnosis(a, claire, "2025-11-01", "completed", R"({"overall":10.0,"themes":[{"id":"innovation","score":10.0}]})");

    // Referrals: answered after 2, 4 and 3 days; two unanswered (11 and 3 days old).
    Refer(a, claire, marc, "2026-01-05", "accepted", 2);
    Refer(c, marc, claire, "2026-02-01", "declined", 4);
    Refer(b, claire, marc, "2026-03-20", "sent", 0);
    Refer(a, claire, marc, "2026-01-10", "done", 3);
    Refer(d, marc, claire, "2026-03-28", "sent", 0);
    Refer(a, claire, ines, "2026-02-02", "sent", 0);
    Refer(a, claire, marc, "2026-04-02", "sent", 0);  // after the period
  }

  Member MakeMember(const char* first, const Organisation& org, const Office& office) {
    Member m;
    m.first_name = first;
    m.last_name = "Test";
    m.organisation_id = org.id;
    m.office_id = office.id;
    Insert(st, m);
    return m;
  }
  Company MakeCompany(const char* name, const char* postcode) {
    Company co;
    co.name = name;
    co.postcode = postcode;
    Insert(st, co);
    return co;
  }
  Interaction Note(const char* day, const Company& co, const Member& author, const char* kind,
                   std::vector<std::string> services) {
    Interaction n;
    n.company_id = co.id;
    n.author_member_id = author.id;
    n.organisation_id = author.organisation_id;
    n.occurred_on = day;
    n.kind = kind;
    n.services = std::move(services);
    n.note = "Point d'étape.";
    std::vector<FollowUpAction> none;
    InsertInteraction(st, n, none);
    return n;
  }
  Course MakeCourse(const char* theme) {
    Course co;
    co.theme = theme;
    co.title = std::string("Atelier ") + theme;
    co.duration_minutes = 180;
    Insert(st, co);
    return co;
  }
  CourseSession MakeSession(const Course& co, int64_t starts) {
    CourseSession s;
    s.course_id = co.id;
    s.starts_at = starts;
    s.ends_at = starts + 3 * kHour;
    s.seats = 12;
    Insert(st, s);
    return s;
  }
  void Register(const CourseSession& s, const Member* m, const char* status, const char* attendance) {
    Registration r;
    r.session_id = s.id;
    if (m)
      r.member_id = m->id;
    else
      r.trainee_email = "elu@mairie.example";
    r.status = status;
    r.requested_at = s.starts_at - 30 * 24 * kHour;
    if (*attendance) r.attendance = attendance;
    Insert(st, r);
  }
  void Diagnosis(const Company& co, const Member& author, const char* day, const char* status, const char* scores) {
    QuestionnaireResponse q;
    q.company_id = co.id;
    q.template_id = "diagnostic-innovation-croissance";
    q.author_member_id = author.id;
    q.status = status;
    if (q.status == "completed") q.completed_at = ParisDayStartMs(day) + 15 * kHour;
    q.scores = scores;
    Insert(st, q);
  }
  void Refer(const Company& co, const Member& from, const Member& to, const char* day, const char* status,
             int answer_days) {
    Referral r;
    r.company_id = co.id;
    r.from_member_id = from.id;
    r.to_member_id = to.id;
    r.message = "Pouvez-vous la recevoir ?";
    r.sent_at = ParisDayStartMs(day) + 10 * kHour;
    r.status = status;
    const int64_t answered = r.sent_at + answer_days * 24 * kHour;
    if (r.status == "accepted" || r.status == "done") r.accepted_at = answered;
    if (r.status == "declined") r.declined_at = answered, r.reason = "Hors de mon périmètre.";
    if (r.status == "done") r.done_at = answered + 20 * 24 * kHour;
    Insert(st, r);
  }

  Filter Quarter() const {
    Filter f;
    f.from = "2026-01-01";
    f.to = "2026-03-31";
    return f;
  }
};

void CheckActivity(const Activity& a, int companies, int interactions, int services) {
  CHECK(a.companies == companies);
  CHECK(a.interactions == interactions);
  CHECK(a.services == services);
}

}  // namespace

TEST_CASE("reports: companies, notes and services by month, type, office and organisation", "[reports]") {
  ReportWorld w;
  Report r = ComputeReport(w.st, w.Quarter(), w.now);
  CheckActivity(r.totals, 4, 6, 5);

  REQUIRE(r.by_month.size() == 3);
  CHECK(r.by_month[0].key == "2026-01");
  CheckActivity(r.by_month[0].activity, 1, 2, 2);
  CHECK(r.by_month[1].key == "2026-02");
  CheckActivity(r.by_month[1].activity, 2, 2, 2);
  CHECK(r.by_month[2].key == "2026-03");
  CheckActivity(r.by_month[2].activity, 2, 2, 1);

  REQUIRE(r.by_kind.size() == 4);
  CHECK(r.by_kind[0].key == "visit");
  CheckActivity(r.by_kind[0].activity, 2, 3, 3);
  CHECK(r.by_kind[1].key == "call");
  CheckActivity(r.by_kind[1].activity, 1, 1, 0);
  CHECK(r.by_kind[2].key == "email");
  CHECK(r.by_kind[3].key == "event");

  REQUIRE(r.by_service.size() == 3);
  CHECK(r.by_service[0].key == "diagnostic");
  CheckActivity(r.by_service[0].activity, 2, 2, 2);
  CHECK(r.by_service[1].key == "orientation");
  CheckActivity(r.by_service[1].activity, 2, 2, 2);
  CHECK(r.by_service[2].key == "mise en relation");
  CheckActivity(r.by_service[2].activity, 1, 1, 1);

  REQUIRE(r.by_office.size() == 3);
  CHECK(r.by_office[0].key == w.loiret.id);
  CHECK(r.by_office[0].label == "Antenne du Loiret");
  CheckActivity(r.by_office[0].activity, 2, 4, 3);
  CHECK(r.by_office[1].label == "Antenne de Touraine");
  CheckActivity(r.by_office[1].activity, 1, 1, 1);
  CHECK(r.by_office[2].key == "");  // the Cher company: outside every office's territory, last
  CheckActivity(r.by_office[2].activity, 1, 1, 1);

  REQUIRE(r.by_organisation.size() == 2);
  CHECK(r.by_organisation[0].label == "CCI Loiret");
  CheckActivity(r.by_organisation[0].activity, 2, 3, 3);
  CHECK(r.by_organisation[1].label == "CMA Centre");
  CheckActivity(r.by_organisation[1].activity, 3, 3, 2);
}

TEST_CASE("reports: the filters narrow every figure", "[reports]") {
  ReportWorld w;
  Filter f = w.Quarter();
  f.office_id = w.loiret.id;
  Report r = ComputeReport(w.st, f, w.now);
  CheckActivity(r.totals, 2, 4, 3);
  REQUIRE(r.by_office.size() == 1);
  CHECK(r.by_office[0].key == w.loiret.id);
  // The office's months, all three (March: the CMA note about company A).
  REQUIRE(r.by_month.size() == 3);
  CheckActivity(r.by_month[2].activity, 1, 1, 0);

  f = w.Quarter();
  f.organisation_id = w.cma.id;
  r = ComputeReport(w.st, f, w.now);
  CheckActivity(r.totals, 3, 3, 2);

  f.office_id = w.loiret.id;
  r = ComputeReport(w.st, f, w.now);
  CheckActivity(r.totals, 1, 1, 0);
  REQUIRE(r.by_kind.size() == 1);
  CHECK(r.by_kind[0].key == "visit");

  f = Filter();
  f.from = "2026-02-01";
  f.to = "2026-02-28";
  r = ComputeReport(w.st, f, w.now);
  CheckActivity(r.totals, 2, 2, 2);
  REQUIRE(r.by_month.size() == 1);

  // No period: every live note, months from the first to the last.
  r = ComputeReport(w.st, Filter(), w.now);
  CheckActivity(r.totals, 4, 7, 6);
  REQUIRE(r.by_month.size() == 4);
  CHECK(r.by_month.front().key == "2025-12");

  // A period with nothing: months shown, empty.
  f = Filter();
  f.from = "2024-01-01";
  f.to = "2024-02-15";
  r = ComputeReport(w.st, f, w.now);
  CheckActivity(r.totals, 0, 0, 0);
  REQUIRE(r.by_month.size() == 2);
  CheckActivity(r.by_month[1].activity, 0, 0, 0);
  CHECK(r.by_office.empty());

  f.from = "2026-02-30";
  CHECK_THROWS_AS(ComputeReport(w.st, f, w.now), ValidationError);
}

TEST_CASE("reports: University registrations and attendance by theme", "[reports]") {
  ReportWorld w;
  Report r = ComputeReport(w.st, w.Quarter(), w.now);
  REQUIRE(r.university.size() == 2);
  const UniversityRow& ex = r.university[0];
  CHECK(ex.theme == "export");
  CHECK(ex.sessions == 2);  // 10 February, and 1 January at 00:30 in Paris (not 31 December at 23:30)
  CHECK(ex.registrations == 4);
  CHECK(ex.confirmed == 3);
  CHECK(ex.waitlisted == 1);
  CHECK(ex.requested == 0);
  CHECK(ex.cancelled == 1);
  CHECK(ex.present == 1);
  CHECK(ex.absent == 1);
  CHECK(ex.attendance_rate() == Approx(50.0));
  const UniversityRow& in = r.university[1];
  CHECK(in.theme == "innovation");
  CHECK(in.sessions == 1);
  CHECK(in.registrations == 2);
  CHECK(in.confirmed == 1);  // "attended" holds a seat too
  CHECK(in.requested == 1);
  CHECK(in.present == 1);
  CHECK(in.absent == 0);
  CHECK(in.attendance_rate() == Approx(100.0));
  const UniversityRow& t = r.university_total;
  CHECK(t.sessions == 3);
  CHECK(t.registrations == 6);
  CHECK(t.confirmed == 4);
  CHECK(t.cancelled == 1);
  CHECK(t.present == 2);
  CHECK(t.absent == 1);

  // Marc's organisation (and office): his two registrations; the official
  // without a member record is nobody's.
  Filter f = w.Quarter();
  f.organisation_id = w.cma.id;
  r = ComputeReport(w.st, f, w.now);
  REQUIRE(r.university.size() == 1);
  CHECK(r.university[0].sessions == 2);
  CHECK(r.university[0].registrations == 2);
  CHECK(r.university[0].confirmed == 1);
  CHECK(r.university[0].waitlisted == 1);
  CHECK(r.university[0].cancelled == 0);
  f = w.Quarter();
  f.office_id = w.touraine.id;
  CHECK(ComputeReport(w.st, f, w.now).university_total.registrations == 2);
}

TEST_CASE("reports: average diagnosis scores per theme", "[reports]") {
  ReportWorld w;
  Report r = ComputeReport(w.st, w.Quarter(), w.now);
  CHECK(r.diagnoses == 2);
  CHECK(r.overall_assessed == 2);
  CHECK(r.overall_average == Approx(60.0));
  REQUIRE(r.diagnosis_themes.size() == 3);  // in the template's order
  CHECK(r.diagnosis_themes[0].theme_id == "innovation");
  CHECK(r.diagnosis_themes[0].assessed == 2);
  CHECK(r.diagnosis_themes[0].average == Approx(50.0));
  CHECK(r.diagnosis_themes[1].theme_id == "export");
  CHECK(r.diagnosis_themes[1].assessed == 1);  // "not assessed" is no 0
  CHECK(r.diagnosis_themes[1].average == Approx(70.5));
  CHECK(r.diagnosis_themes[2].theme_id == "pi");
  CHECK(r.diagnosis_themes[2].average == Approx(80.0));
  CHECK(r.diagnosis_themes[2].template_id == "diagnostic-innovation-croissance");

  Filter f = w.Quarter();
  f.organisation_id = w.cci.id;  // the author's organisation
  r = ComputeReport(w.st, f, w.now);
  CHECK(r.diagnoses == 1);
  REQUIRE(r.diagnosis_themes.size() == 3);
  CHECK(r.diagnosis_themes[0].average == Approx(40.0));
  CHECK(r.diagnosis_themes[1].assessed == 0);
  f = w.Quarter();
  f.office_id = w.touraine.id;  // the company's office
  CHECK(ComputeReport(w.st, f, w.now).overall_average == Approx(70.0));
}

TEST_CASE("reports: referral outcomes", "[reports]") {
  ReportWorld w;
  Report r = ComputeReport(w.st, w.Quarter(), w.now);
  const ReferralOutcomes& o = r.referrals;
  CHECK(o.total == 6);
  CHECK(o.sent == 3);
  CHECK(o.accepted == 1);
  CHECK(o.declined == 1);
  CHECK(o.done == 1);
  CHECK(o.to_chase == 2);  // sent on 20 March and 2 February; not the one of 28 March
  CHECK(o.answered == 3);
  CHECK(o.average_answer_days == Approx(3.0));

  Filter f = w.Quarter();
  f.office_id = w.loiret.id;
  r = ComputeReport(w.st, f, w.now);
  CHECK(r.referrals.total == 4);
  CHECK(r.referrals.average_answer_days == Approx(2.5));
  f = w.Quarter();
  f.organisation_id = w.cma.id;  // sender or recipient: all but the one to Inès
  CHECK(ComputeReport(w.st, f, w.now).referrals.total == 5);
}

TEST_CASE("reports: period presets and Paris days", "[reports]") {
  Filter f = PeriodRange(Period::Last12Months, "2026-03-15");
  CHECK(f.from == "2025-04-01");
  CHECK(f.to == "2026-03-15");
  f = PeriodRange(Period::ThisMonth, "2026-02-15");
  CHECK((f.from == "2026-02-01" && f.to == "2026-02-28"));
  f = PeriodRange(Period::LastMonth, "2026-01-15");
  CHECK((f.from == "2025-12-01" && f.to == "2025-12-31"));
  f = PeriodRange(Period::ThisYear, "2026-01-15");
  CHECK((f.from == "2026-01-01" && f.to == "2026-12-31"));
  f = PeriodRange(Period::LastYear, "2026-01-15");
  CHECK((f.from == "2025-01-01" && f.to == "2025-12-31"));
  CHECK(PeriodRange(Period::All, "2026-01-15") == Filter());
  CHECK(MonthLastDay("2024-02") == "2024-02-29");
  CHECK(MonthsBetween("2025-11-20", "2026-02-01") ==
        std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"});
  // Winter: midnight in Paris is 23:00 UTC the day before; summer: 22:00.
  CHECK(ParisDayStartMs("2026-01-01") == 1767222000000);
  CHECK(ParisDayStartMs("2026-07-14") == 1783980000000);
}

TEST_CASE("reports: CSV for a French spreadsheet, byte for byte", "[reports]") {
  Table t;
  t.title = "Activité par mois";
  t.columns = {"Mois", "Du", "Entreprises", "Taux (%)", "Commentaire"};
  t.rows.push_back({Cell::Txt("mars 2026"), Cell::Date("2026-03-05"), Cell::Int(12345), Cell::Dec(1234.5, 1),
                    Cell::Txt("Dit \"oui\" ; à revoir")});
  t.rows.push_back({Cell::Txt("avril 2026"), Cell::Date("2026-04-01"), Cell::Int(0), Cell::Dec(54.25, 2),
                    Cell::Txt("deux\nlignes")});
  t.rows.push_back({Cell::Txt("Total"), Cell::Blank(), Cell::Int(-3), Cell::Dec(std::nan(""), 1), Cell::Txt("")});
  const std::string want =
      "\xEF\xBB\xBF"
      "Mois;Du;Entreprises;Taux (%);Commentaire\r\n"
      "mars 2026;05/03/2026;12345;1234,5;\"Dit \"\"oui\"\" ; à revoir\"\r\n"
      "avril 2026;01/04/2026;0;54,25;\"deux\nlignes\"\r\n"
      "Total;;-3;;\r\n";
  CHECK(ToCsv(t) == want);

  CHECK(CsvField("plain text, with a comma") == "plain text, with a comma");
  CHECK(CsvField("a;b") == "\"a;b\"");
  CHECK(CsvField("line\r\nbreak") == "\"line\r\nbreak\"");
  CHECK(CsvField("\"") == "\"\"\"\"");
  CHECK(CsvCellText(Cell::Dec(-0.04, 1)) == "0,0");
  CHECK(CsvCellText(Cell::Date("27/11/2026")) == "27/11/2026");  // not ISO: kept as text
  CHECK(ToCsv(Table()) == "\xEF\xBB\xBF\r\n");

  // On screen: thousands separated, the UI's language.
  CHECK(CellDisplay(Cell::Int(12345), Lang::Fr) ==
        "12\xE2\x80\xAF"
        "345");
  CHECK(CellDisplay(Cell::Int(12345), Lang::En) == "12,345");
  CHECK(CellDisplay(Cell::Date("2026-03-05"), Lang::Fr) == "05/03/2026");
  CHECK(CellDisplay(Cell::Blank(), Lang::Fr) == "\xE2\x80\x93");
}

namespace {

// The demo network with its diagnoses, at `scale`.
Store DemoStore(double scale) {
  Store st = OpenStore(":memory:");
  demo::DemoOptions o;
  o.scale = scale;
  o.write_outbox = false;
  o.questionnaire_path = std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json";
  o.today = DaysFromCivil(2026, 10, 31);
  demo::GenerateDemo(st, o);
  return st;
}

void CheckAddsUp(Store& st, const Report& r, const Filter& f) {
  const int64_t notes =
      st.db
          .QueryInt("SELECT count(*) FROM interactions WHERE deleted_hlc IS NULL AND occurred_on BETWEEN ? AND ?",
                    f.from, f.to)
          .value_or(-1);
  if (f.office_id.empty() && f.organisation_id.empty()) CHECK(r.totals.interactions == notes);
  auto sum = [](const std::vector<ActivityRow>& rows, int Activity::*field) {
    return std::accumulate(rows.begin(), rows.end(), 0,
                           [&](int n, const ActivityRow& a) { return n + a.activity.*field; });
  };
  for (const auto* rows : {&r.by_month, &r.by_kind, &r.by_office, &r.by_organisation}) {
    CHECK(sum(*rows, &Activity::interactions) == r.totals.interactions);
    CHECK(sum(*rows, &Activity::services) == r.totals.services);
  }
  CHECK(sum(r.by_service, &Activity::services) == r.totals.services);
  int registrations = 0;
  for (const UniversityRow& u : r.university) registrations += u.registrations;
  CHECK(registrations == r.university_total.registrations);
  const ReferralOutcomes& o = r.referrals;
  CHECK(o.sent + o.accepted + o.declined + o.done == o.total);
}

}  // namespace

TEST_CASE("reports: the demo dataset's figures add up", "[reports]") {
  Store st = DemoStore(0.05);
  Filter f = PeriodRange(Period::Last12Months, "2026-10-31");
  Report r = ComputeReport(st, f, ParisDayStartMs("2026-10-31"));
  CHECK(r.totals.interactions > 100);
  CHECK(r.by_month.size() == 12);
  CHECK(r.diagnoses > 0);
  CHECK(r.diagnosis_themes.size() >= 3);
  CHECK(r.university_total.registrations > 0);
  CheckAddsUp(st, r, f);
  // Reading changes nothing: the screens' cache key (total_changes) stays.
  const int64_t before = st.db.QueryInt("SELECT total_changes()").value_or(0);
  ComputeReport(st, f, 0);
  CHECK(st.db.QueryInt("SELECT total_changes()").value_or(0) == before);
}

TEST_CASE("reports: time on the demo dataset (2,000 companies, 20,000 notes)", "[.][reports-bench]") {
  Store st = DemoStore(1.0);
  Filter f = PeriodRange(Period::Last12Months, "2026-10-31");
  for (const bool office : {false, true}) {
    if (office) f.office_id = st.db.QueryText("SELECT id FROM offices ORDER BY name LIMIT 1").value_or("");
    Report r;
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
      auto t0 = std::chrono::steady_clock::now();
      r = ComputeReport(st, f, ParisDayStartMs("2026-10-31"));
      best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::printf("report over the last 12 months%s: %.1f ms (best of 5), %d notes, %d companies\n",
                office ? " of one office" : "", best, r.totals.interactions, r.totals.companies);
    CheckAddsUp(st, r, f);
  }
  f = Filter();
  auto t0 = std::chrono::steady_clock::now();
  Report all = ComputeReport(st, f, 0);
  std::printf("report over the whole dataset: %.1f ms, %d notes\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(),
              all.totals.interactions);
  CHECK(all.totals.interactions == 20000);
}
