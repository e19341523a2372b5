// report.h — the network's activity reports for office staff, computed on the
// device from its SQLite store (so they work offline, over what the device
// holds: for office staff, every note visible to them, the University, the
// diagnoses and the referrals).
//
// One Filter (a period, an office, an organisation) applies to every figure:
//   - case notes (interactions): occurred_on in the period; the office is the
//     one whose territory (offices.departments) holds the company's department
//     (the first two digits of its postcode, as the company list's office
//     filter); the organisation is the note's (its author's when written);
//   - University: sessions starting in the period (Paris dates); office and
//     organisation are the trainee member's (a trainee who is no member counts
//     only when neither is filtered);
//   - diagnoses: completed responses, completed_at in the period; the
//     company's office, the author's organisation;
//   - referrals: sent_at in the period; the company's office; the sender's or
//     the recipient's organisation.
// Tombstones (deleted_hlc) never count, nor rows about a deleted company or
// session. Everything is aggregate SQL (a few ms on the demo dataset's 20,000
// notes natively); nothing is written, so the data version does not move.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/store.h"

namespace relais::reports {

struct Filter {
  std::string from, to;         // YYYY-MM-DD, both included; "" leaves that side open
  std::string office_id;        // "" every office
  std::string organisation_id;  // "" every organisation
  bool operator==(const Filter& o) const {
    return from == o.from && to == o.to && office_id == o.office_id && organisation_id == o.organisation_id;
  }
  bool operator!=(const Filter& o) const { return !(*this == o); }
};

// Case notes of a group: companies they are about (each once), notes, and
// services delivered (the tags of interactions.services, each one counted).
struct Activity {
  int companies = 0, interactions = 0, services = 0;
};
struct ActivityRow {
  std::string key;    // month "2026-01", kind "visit", service tag, office id, organisation id ("" none)
  std::string label;  // office and organisation names (from the store); "" for the others
  Activity activity;
};

// Registrations of the sessions of one course theme. registrations counts the
// live ones (all but cancelled); present also counts the older status
// "attended"; attendance_rate = present / (present + absent), in %.
struct UniversityRow {
  std::string theme;
  int sessions = 0;
  int registrations = 0, confirmed = 0, waitlisted = 0, requested = 0, cancelled = 0;
  int present = 0, absent = 0;
  bool has_attendance() const { return present + absent > 0; }
  double attendance_rate() const { return has_attendance() ? 100.0 * present / (present + absent) : 0; }
};

// The average score (0..100) of a theme over the completed diagnoses that
// assessed it (a theme "not assessed" in a response does not count as 0).
struct ThemeAverage {
  std::string template_id, theme_id;
  int assessed = 0;
  double average = 0;
};

struct ReferralOutcomes {
  int total = 0;
  int sent = 0, accepted = 0, declined = 0, done = 0;  // by current status
  int to_chase = 0;                // still "sent" 7 days or more after it was sent (ReferralNeedsReminder)
  int answered = 0;                // accepted or declined at some point
  double average_answer_days = 0;  // from sending to the answer, over the answered ones
};

struct Report {
  Filter filter;
  Activity totals;
  std::vector<ActivityRow> by_month;         // every month of the period, empty ones too, oldest first
  std::vector<ActivityRow> by_kind;          // visit, call, email, event (those present)
  std::vector<ActivityRow> by_service;       // most delivered first; activity.services = times delivered
  std::vector<ActivityRow> by_office;        // most notes first; key "" (outside every office's territory) last
  std::vector<ActivityRow> by_organisation;  // most notes first
  std::vector<UniversityRow> university;     // by theme, most registrations first
  UniversityRow university_total;            // sessions: distinct sessions over every theme
  int diagnoses = 0;                         // completed in the period
  int overall_assessed = 0;
  double overall_average = 0;                  // of the responses' overall scores
  std::vector<ThemeAverage> diagnosis_themes;  // by template, in the template's theme order
  ReferralOutcomes referrals;
};

// now_ms: what "to chase" is measured against.
Report ComputeReport(Store& st, const Filter& f, int64_t now_ms);

// Paris midnight of a date, in ms since the epoch (the start of that day for
// the network, whatever the device's zone).
int64_t ParisDayStartMs(const std::string& iso);

// The months of [from, to] ("2026-01".."2026-03"); from/to as YYYY-MM-DD or YYYY-MM.
std::vector<std::string> MonthsBetween(const std::string& from, const std::string& to);
// First and last day of a month "2026-02" -> "2026-02-01", "2026-02-28".
std::string MonthFirstDay(const std::string& month);
std::string MonthLastDay(const std::string& month);

// The period choices of the report screen.
enum class Period { Last12Months, ThisMonth, LastMonth, ThisYear, LastYear, All, Custom };
// The dates of a preset seen on `today` (YYYY-MM-DD): the last 12 months are
// the current month and the 11 before it, up to today; a year runs from 1
// January to 31 December; All is {"", ""}. Custom returns {"", ""} too (the
// caller keeps its dates).
Filter PeriodRange(Period p, const std::string& today);

}  // namespace relais::reports
