// generator.h — internal to demo/: the parts of GenerateDemo and what they
// hand each other (ids and the few facts later parts draw on).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/demo/demo.h"
#include "core/demo/rng.h"
#include "core/demo/writer.h"
#include "core/diagnosis/template.h"
#include "core/model/directory.h"

namespace relais::demo {

struct GenMember {
  std::string id, name, organisation_id, office_id, department, role;
  bool female = false;
  std::vector<std::string> expertise;
};

struct GenContact {
  std::string id, display, title;
};

struct GenCompany {
  std::string id, name, insee, commune, department, naf_label, size_band;
  double maturity = 0.5;  // drives diagnosis answers: 0 beginner .. 1 advanced
  std::vector<GenContact> contacts;
};

struct Network {
  std::vector<Office> offices;
  std::map<std::string, size_t> office_of_department;  // "45" -> index in offices
  std::vector<Organisation> organisations;
  std::vector<GenMember> members;
  std::vector<size_t> advisors;                                   // indexes of members who follow companies
  std::map<std::string, std::vector<size_t>> advisors_of_office;  // office id -> members
  std::map<std::string, std::vector<size_t>> with_expertise;      // tag -> members
  std::vector<size_t> legal_experts;
};

struct GenSession {
  std::string id;
  int64_t starts_day;
  int seats;
  std::string level;
};

// A registration, written on the day it was requested (with the activity).
struct PlannedRegistration {
  std::string session_id;
  std::optional<std::string> member_id;
  std::string trainee_name, trainee_email, status;
  int64_t requested_at;
  std::optional<int64_t> waitlist_position;
  int64_t requested_day;
};

// Offices, organisations, members and their signatures, services.
Network MakeNetwork(Writer& w, Rng& rng, DemoStats& stats);
// The University's catalogue and sessions (network.members train, or teach).
std::vector<GenSession> MakeUniversity(Writer& w, Rng& rng, const Network& net, DemoStats& stats);
// Who registers for each session, and how it turned out.
std::vector<PlannedRegistration> PlanRegistrations(Rng& rng, const Network& net,
                                                   const std::vector<GenSession>& sessions, const Calendar& cal);
// Companies and their contacts, about 1 % of them entered twice.
std::vector<GenCompany> MakeCompanies(Writer& w, Rng& rng, int count, DemoStats& stats);

struct ActivityPlan {
  int notes = 0, diagnoses = 0, hotline_questions = 0;
  const diagnosis::Template* questionnaire = nullptr;  // null: no diagnoses
};
// Two years of activity, written in date order: case notes with follow-ups
// and referrals, diagnoses, hotline questions and answers, registrations.
void WriteActivity(Writer& w, Rng& rng, SimulatedTime& time, const Network& net,
                   const std::vector<GenCompany>& companies, const std::vector<PlannedRegistration>& registrations,
                   const ActivityPlan& plan, DemoStats& stats);

}  // namespace relais::demo
