// activity.cpp — two years of the network's work with companies, written in
// date order so that created_hlc follows the dates as it would have in real
// life: case notes with their follow-up actions and referrals, diagnoses
// with the shipped questionnaire, hotline questions and answers, and the
// University registrations on the day they were requested.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/demo/calendar.h"
#include "core/demo/french_data.h"
#include "core/demo/generator.h"
#include "core/demo/texts.h"
#include "core/diagnosis/response.h"
#include "core/diagnosis/scoring.h"
#include "core/model/casework.h"
#include "core/model/hotline.h"
#include "core/model/json.h"
#include "core/model/questionnaire.h"
#include "core/model/university.h"

namespace relais::demo {

namespace {

enum class EventType { Note, Diagnosis, Hotline, Registration };

struct Event {
  int64_t day;
  EventType type;
  size_t index;  // into the plan of its type
  bool operator<(const Event& o) const {
    if (day != o.day) return day < o.day;
    if (type != o.type) return type < o.type;
    return index < o.index;
  }
};

// A member who follows the company: mostly from its department's office.
const GenMember& AdvisorFor(Rng& rng, const Network& net, const GenCompany& c) {
  auto office = net.office_of_department.find(c.department);
  if (office != net.office_of_department.end() && rng.Chance(0.8)) {
    auto local = net.advisors_of_office.find(net.offices[office->second].id);
    if (local != net.advisors_of_office.end() && !local->second.empty())
      return net.members[local->second[rng.Below(local->second.size())]];
  }
  return net.members[net.advisors[rng.Below(net.advisors.size())]];
}

// An answer that fits the question, better for a more mature company.
diagnosis::Answer DrawAnswer(Rng& rng, const diagnosis::Question& q, const GenCompany& c) {
  using diagnosis::QuestionType;
  const double m = std::clamp(c.maturity + (rng.Unit() - 0.5) * 0.4, 0.0, 1.0);
  switch (q.type) {
    case QuestionType::SingleChoice: {
      size_t n = q.options.size();
      size_t i = std::min(n - 1, static_cast<size_t>(m * static_cast<double>(n)));
      return diagnosis::ChoiceAnswer(q.options[i].id);
    }
    case QuestionType::MultipleChoice: {
      std::vector<std::string> chosen;
      const diagnosis::Option* none = nullptr;
      for (const diagnosis::Option& o : q.options) {
        if (o.id == "aucun") {
          none = &o;
          continue;
        }
        if (rng.Chance(0.15 + 0.6 * m)) chosen.push_back(o.id);
      }
      if (chosen.empty()) chosen.push_back(none ? none->id : q.options[rng.Below(q.options.size())].id);
      return diagnosis::ChoicesAnswer(chosen);
    }
    case QuestionType::Scale: {
      int v = q.scale.min + static_cast<int>(std::lround(m * (q.scale.max - q.scale.min)));
      return diagnosis::NumberAnswer(std::clamp(v, q.scale.min, q.scale.max));
    }
    case QuestionType::Number: {
      double v;
      if (q.id == "effectif") {
        const std::map<std::string, std::pair<int, int>> kBands = {
            {"0", {0, 0}}, {"1-9", {1, 9}}, {"10-49", {10, 49}}, {"50-249", {50, 249}}, {"250+", {250, 600}}};
        auto b = kBands.at(c.size_band);
        v = rng.Between(b.first, b.second);
      } else if (q.number.unit == "%") {
        v = std::round(m * 40 * rng.Unit());
      } else if (q.number.unit == "k€") {
        v = rng.Between(50, 5000);
      } else {
        v = rng.Between(1, 6);
      }
      if (q.number.min) v = std::max(v, *q.number.min);
      if (q.number.max) v = std::min(v, *q.number.max);
      return diagnosis::NumberAnswer(v);
    }
    case QuestionType::Text:
      if (q.id == "activite") return diagnosis::TextAnswer(c.naf_label);
      return diagnosis::TextAnswer(rng.Chance(0.5) ? "Dirigeant motivé, à revoir dans six mois."
                                                   : "Entreprise en croissance, plusieurs projets à prioriser.");
  }
  return {};
}

struct Activity {
  Writer& w;
  Rng& rng;
  SimulatedTime& time;
  const Network& net;
  const std::vector<GenCompany>& companies;
  DemoStats& stats;

  void WriteNote(int64_t day, size_t company) {
    const GenCompany& c = companies[company];
    const GenMember& author = AdvisorFor(rng, net, c);
    const GenMember& colleague = net.members[rng.Below(net.members.size())];
    Interaction n;
    n.company_id = c.id;
    const double k = rng.Unit();
    n.kind = k < 0.4 ? "visit" : k < 0.7 ? "call" : k < 0.9 ? "email" : "event";
    n.occurred_on = IsoDate(day);
    n.author_member_id = author.id;
    n.organisation_id = author.organisation_id;
    const GenContact* contact = nullptr;
    if (!c.contacts.empty() && rng.Chance(0.6)) {
      contact = &c.contacts[rng.Below(c.contacts.size())];
      n.contact_id = contact->id;
    }
    std::set<std::string> topics;
    size_t n_topics = 1 + rng.Below(3);
    while (topics.size() < n_topics)
      topics.insert(rng.Chance(0.5) && !author.expertise.empty() ? rng.Pick(author.expertise) : rng.Pick(NoteTopics()));
    std::vector<std::string> ordered(topics.begin(), topics.end());
    rng.Shuffle(ordered);
    n.topics = ordered;
    for (size_t s = rng.Below(3); s > 0; s--) {
      const std::string& svc = rng.Pick(ServiceTags());
      if (std::find(n.services.begin(), n.services.end(), svc) == n.services.end()) n.services.push_back(svc);
    }
    NoteContext ctx{n.kind,
                    c.name,
                    c.commune,
                    contact ? contact->display : "",
                    contact ? contact->title : "",
                    colleague.id != author.id ? colleague.name : "",
                    n.topics};
    n.note = NoteText(rng, ctx);
    const double v = rng.Unit();
    n.visibility = v < 0.8 ? "network" : v < 0.95 ? "organisation" : "author";
    w.Put(n);
    stats.interactions++;

    for (size_t a = rng.Chance(0.35) ? 1 + rng.Below(2) : 0; a > 0; a--) {
      FollowUpAction act;
      act.interaction_id = n.id;
      act.title = FollowUpTitle(rng, rng.Pick(n.topics));
      int64_t due = Weekday(day + 7 + static_cast<int64_t>(rng.Below(40)));
      act.due_on = IsoDate(due);
      act.assignee_member_id = rng.Chance(0.7) || colleague.id == author.id ? author.id : colleague.id;
      if (due < w.cal.today - 7 && rng.Chance(0.8)) {
        act.status = "done";
        act.done_on = IsoDate(std::min(w.cal.last, Weekday(due - 5 + static_cast<int64_t>(rng.Below(12)))));
      }
      w.Put(act);
      stats.follow_up_actions++;
    }

    if (rng.Chance(0.1)) {
      const std::string& topic = rng.Pick(n.topics);
      auto experts = net.with_expertise.find(topic);
      size_t to = experts != net.with_expertise.end() && !experts->second.empty()
                      ? experts->second[rng.Below(experts->second.size())]
                      : net.advisors[rng.Below(net.advisors.size())];
      if (net.members[to].id == author.id) to = net.advisors[rng.Below(net.advisors.size())];
      if (net.members[to].id == author.id) return;  // the author again: no referral this time
      Referral r;
      r.company_id = c.id;
      r.from_member_id = author.id;
      r.to_member_id = net.members[to].id;
      r.message = ReferralMessage(rng, c.name, topic);
      r.sent_at = time.now();
      const int64_t age = w.cal.today - day;
      const double s = rng.Unit();
      if (age > 30 && s < 0.15) {
        r.status = "declined";
        r.declined_at = r.sent_at + (1 + static_cast<int64_t>(rng.Below(6))) * kDayMs;
        r.reason = ReferralDeclineReason(rng);
      } else if (age > 7 && s < 0.85) {
        r.status = "accepted";
        r.accepted_at = r.sent_at + (1 + static_cast<int64_t>(rng.Below(6))) * kDayMs;
        if (age > 90 && rng.Chance(0.7)) {
          r.status = "done";
          r.done_at = *r.accepted_at + (15 + static_cast<int64_t>(rng.Below(60))) * kDayMs;
          r.reason = "Accompagnement réalisé.";
        }
      }
      w.Put(r);
      stats.referrals++;
    }
  }

  void WriteDiagnosis(const diagnosis::Template& t, const GenCompany& c) {
    const int64_t now = time.now();
    diagnosis::Response resp = diagnosis::StartResponse(t, now);
    const bool complete = rng.Chance(0.9);
    for (const diagnosis::Section& sec : t.sections)
      for (const diagnosis::Question& q : sec.questions) {
        if (!complete && rng.Chance(0.4)) continue;
        // (Questions without a condition are always shown.)
        if (q.condition && !diagnosis::IsVisible(t, resp.answers, q.id)) continue;
        if (!q.required && rng.Chance(0.3)) continue;
        diagnosis::SetAnswer(t, resp, q.id, DrawAnswer(rng, q, c), now);
      }
    QuestionnaireResponse qr;
    qr.company_id = c.id;
    qr.template_id = t.id;
    qr.template_version = t.version;
    qr.author_member_id = AdvisorFor(rng, net, c).id;
    if (complete && diagnosis::CompleteResponse(t, resp, now + 3600000).ok) {
      qr.status = "completed";
      qr.completed_at = now + 3600000;
      qr.scores = diagnosis::ScoresSummaryJson(diagnosis::Score(t, resp).scores);
    }
    qr.answers = diagnosis::SaveResponseJson(resp);
    w.Put(qr);
    stats.questionnaire_responses++;
  }

  void WriteHotline(int64_t day) {
    const GenMember& asker = net.members[net.advisors[rng.Below(net.advisors.size())]];
    const GenCompany* about = rng.Chance(0.4) ? &companies[rng.Below(companies.size())] : nullptr;
    HotlineText text = HotlineQuestion(rng, about ? about->commune : rng.Pick(Communes()).name);
    LegalQuestion q;
    q.asker_member_id = asker.id;
    if (about) q.company_id = about->id;
    q.subject = text.subject;
    q.body = text.question;
    const double s = rng.Unit();
    const bool recent = w.cal.today - day < 20;
    q.status = recent && s < 0.5 ? (s < 0.3 ? "open" : "assigned") : s < 0.8 ? "answered" : "closed";
    const GenMember* expert =
        net.legal_experts.empty() ? nullptr : &net.members[net.legal_experts[rng.Below(net.legal_experts.size())]];
    if (expert && q.status != "open") q.assignee_member_id = expert->id;
    if (!expert && q.status != "open") q.status = "open";
    w.Put(q);
    stats.legal_questions++;
    if (q.status == "answered" || q.status == "closed") {
      LegalAnswer a;
      a.question_id = q.id;
      a.author_member_id = expert->id;
      a.body = text.answer;
      a.published = rng.Chance(0.85);
      w.Put(a);
      stats.legal_answers++;
    }
  }

  void WriteRegistration(const PlannedRegistration& p) {
    Registration r;
    r.session_id = p.session_id;
    r.member_id = p.member_id;
    r.trainee_name = p.trainee_name;
    r.trainee_email = p.trainee_email;
    r.status = p.status;
    r.requested_at = p.requested_at;
    r.waitlist_position = p.waitlist_position;
    w.Put(r);
    stats.registrations++;
  }
};

}  // namespace

void WriteActivity(Writer& w, Rng& rng, SimulatedTime& time, const Network& net,
                   const std::vector<GenCompany>& companies, const std::vector<PlannedRegistration>& registrations,
                   const ActivityPlan& plan, DemoStats& stats) {
  // The plan first: which company each note and diagnosis is about, and when.
  std::vector<Event> events;
  std::vector<size_t> note_company, diagnosis_company;
  if (!companies.empty()) {
    std::vector<double> activity;
    for (size_t i = 0; i < companies.size(); i++) {
      double u = rng.Unit();
      activity.push_back(0.2 + u * u * u * 10);  // a few companies are followed closely, most now and then
    }
    const WeightedIndex company_draw(activity);
    const int64_t span = w.cal.last - w.cal.first + 1;
    auto some_day = [&] { return Weekday(w.cal.first + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(span)))); };
    for (int i = 0; i < plan.notes; i++) {
      events.push_back(Event{some_day(), EventType::Note, note_company.size()});
      note_company.push_back(company_draw.Draw(rng));
    }
    for (int i = 0; plan.questionnaire && i < plan.diagnoses; i++) {
      events.push_back(Event{some_day(), EventType::Diagnosis, diagnosis_company.size()});
      diagnosis_company.push_back(company_draw.Draw(rng));
    }
    for (int i = 0; i < plan.hotline_questions; i++)
      events.push_back(Event{some_day(), EventType::Hotline, static_cast<size_t>(i)});
  }
  for (size_t i = 0; i < registrations.size(); i++)
    events.push_back(Event{registrations[i].requested_day, EventType::Registration, i});
  std::sort(events.begin(), events.end());

  Activity a{w, rng, time, net, companies, stats};
  for (const Event& e : events) {
    time.AdvanceTo(e.day, rng);
    switch (e.type) {
      case EventType::Note:
        a.WriteNote(e.day, note_company[e.index]);
        break;
      case EventType::Diagnosis:
        a.WriteDiagnosis(*plan.questionnaire, companies[diagnosis_company[e.index]]);
        break;
      case EventType::Hotline:
        a.WriteHotline(e.day);
        break;
      case EventType::Registration:
        a.WriteRegistration(registrations[e.index]);
        break;
    }
  }
}

}  // namespace relais::demo
