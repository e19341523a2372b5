// texts.h — the French free text of the demo dataset: case notes, follow-up
// actions, referral messages, hotline questions and answers, courses.
// Built from sentence templates so that search has realistic material:
// accents, œ, apostrophes, numbers, a vocabulary shared across notes.
#pragma once
#include <string>
#include <vector>

#include "core/demo/rng.h"

namespace relais::demo {

// The topics notes are about (a subset of ExpertiseTags()).
const std::vector<std::string>& NoteTopics();

struct NoteContext {
  std::string kind;  // "visit" | "call" | "email" | "event"
  std::string company;
  std::string commune;
  std::string contact;        // "Mme Martin", may be empty
  std::string contact_title;  // "gérante"
  std::string colleague;      // another member, for introductions
  std::vector<std::string> topics;
};
std::string NoteText(Rng& rng, const NoteContext& c);

std::string FollowUpTitle(Rng& rng, const std::string& topic);
std::string ReferralMessage(Rng& rng, const std::string& company, const std::string& topic);
std::string ReferralDeclineReason(Rng& rng);

struct HotlineText {
  std::string subject;
  std::string question;
  std::string answer;
};
HotlineText HotlineQuestion(Rng& rng, const std::string& commune);

struct CourseText {
  std::string theme;
  std::string level;  // "intro" | "workshop" | "study_visit"
  std::string title;
  std::string description;
  int duration_minutes;
};
// The University's catalogue: `count` courses, by theme, from introductions
// to workshops and study visits.
std::vector<CourseText> CourseCatalogue(Rng& rng, int count);

// A company name for a sector key of NafCodes().
std::string CompanyName(Rng& rng, const std::string& sector, const std::string& commune);

}  // namespace relais::demo
