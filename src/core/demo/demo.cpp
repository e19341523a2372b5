// demo.cpp — see demo.h. The parts are in network.cpp, university.cpp,
// companies.cpp and activity.cpp; generator.h says what they share.
#include "core/demo/demo.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/demo/generator.h"
#include "core/search/search.h"

namespace relais::demo {

namespace {

// A page cache of 64 MB for the length of the run (SQLite's default is
// 2 MB): at scale 10 the indexes outgrow the default and every insert reads
// from disk; about 30 % faster. The connection's setting is given back after.
class BulkCache {
 public:
  explicit BulkCache(Db& db) : db_(db), saved_(db.QueryInt("PRAGMA cache_size").value_or(-2000)) {
    if (saved_ > -65536 && saved_ < 65536 / 4) db_.ExecScript("PRAGMA cache_size = -65536");
  }
  ~BulkCache() {
    try {
      db_.ExecScript("PRAGMA cache_size = " + std::to_string(saved_));
    } catch (const DbError&) {  // a setting, not data: nothing is lost
    }
  }
  BulkCache(const BulkCache&) = delete;
  BulkCache& operator=(const BulkCache&) = delete;

 private:
  Db& db_;
  int64_t saved_;
};

}  // namespace

int DemoStats::rows() const {
  return offices + organisations + members + signatures + service_offers + companies + contacts + interactions +
         follow_up_actions + referrals + questionnaire_responses + courses + course_sessions + registrations +
         legal_questions + legal_answers;
}

DemoStats GenerateDemo(Store& st, const DemoOptions& options) {
  diagnosis::LoadResult loaded;
  const diagnosis::Template* questionnaire = options.questionnaire;
  if (!questionnaire && !options.questionnaire_path.empty()) {
    loaded = diagnosis::LoadTemplateFile(options.questionnaire_path);
    if (!loaded.ok) throw std::runtime_error("demo: questionnaire " + options.questionnaire_path + ": " + loaded.error);
    questionnaire = &loaded.tmpl;
  }
  const double scale = std::max(0.0, options.scale);
  auto scaled = [scale](int n) { return static_cast<int>(std::lround(n * scale)); };

  BulkCache cache(st.db);
  Rng rng(options.seed);
  DemoStats stats;
  Writer w(st, options);
  SimulatedTime time(st, options.seed ^ 0x1D5EEDull, w.cal);  // ids drawn apart from the data
  Network net = MakeNetwork(w, rng, stats);
  std::vector<GenSession> sessions = MakeUniversity(w, rng, net, stats);
  std::vector<GenCompany> companies = MakeCompanies(w, rng, scaled(2000), stats);
  std::vector<PlannedRegistration> registrations = PlanRegistrations(rng, net, sessions, w.cal);
  ActivityPlan plan;
  plan.notes = scaled(20000);
  plan.diagnoses = scaled(3000);
  plan.hotline_questions = scaled(500);
  plan.questionnaire = questionnaire;
  WriteActivity(w, rng, time, net, companies, registrations, plan, stats);
  w.Finish();
  // One segment for the whole index: a bulk load leaves many.
  search::OptimizeSearchIndex(st.db);
  return stats;
}

}  // namespace relais::demo
