// The legal hotline's domain queries and writes (core/model/hotline.h):
// assignment to a legal expert, closing, publishing an answer to the
// knowledge base, the legal team's queue. Each write changes only its
// columns and records only those in the outbox, in one transaction.
#include <catch2/catch.hpp>

#include <memory>

#include "core/model/directory.h"
#include "core/model/hotline.h"
#include "core/search/search.h"

using namespace relais;

namespace {

struct World {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(1795780800000);  // 2026-11-27
  Store st;
  Organisation org;
  Member claire, nora, yves, sophie;

  World() {
    StoreOptions o;
    o.now_ms = [n = now] { return (*n)++; };
    st = OpenStore(":memory:", o);
    org.name = "CCI Centre-Val de Loire";
    Insert(st, org);
    auto member = [&](Member& m, const char* first, const char* last, const char* role) {
      m.first_name = first;
      m.last_name = last;
      m.organisation_id = org.id;
      m.role = role;
      Insert(st, m);
    };
    member(claire, "Claire", "Martin", "advisor");
    member(nora, "Nora", "Lefèvre", "legal_expert");
    member(yves, "Yves", "Aubert", "legal_expert");
    member(sophie, "Sophie", "Durand", "network_staff");
  }

  LegalQuestion Ask(const char* subject) {
    LegalQuestion q;
    q.asker_member_id = claire.id;
    q.subject = subject;
    q.body = "Question : " + std::string(subject);
    Insert(st, q);
    return q;
  }

  // The columns the last outbox entry carries.
  std::string LastFields() {
    return st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").value_or("");
  }
  int64_t Outbox() { return st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }
};

}  // namespace

TEST_CASE("Hotline: legal experts are the members whose role is legal_expert", "[hotline]") {
  World w;
  std::vector<Member> experts = ListLegalExperts(w.st);
  REQUIRE(experts.size() == 2);
  CHECK(experts[0].id == w.yves.id);  // by last name: Aubert, Lefèvre
  CHECK(experts[1].id == w.nora.id);
  CHECK(IsLegalExpert(w.st, w.nora.id));
  CHECK_FALSE(IsLegalExpert(w.st, w.claire.id));
  CHECK_FALSE(IsLegalExpert(w.st, w.sophie.id));
  CHECK_FALSE(IsLegalExpert(w.st, ""));
  SoftDelete<Member>(w.st, w.yves.id);
  CHECK(ListLegalExperts(w.st).size() == 1);
  CHECK_FALSE(IsLegalExpert(w.st, w.yves.id));
}

TEST_CASE("Hotline: assigning writes only the assignee and the status", "[hotline]") {
  World w;
  LegalQuestion q = w.Ask("Bail commercial");
  int64_t before = w.Outbox();

  // Not a legal expert: refused, nothing written.
  LegalQuestion copy = q;
  CHECK_THROWS_AS(AssignQuestion(w.st, copy, w.claire.id), ValidationError);
  CHECK_THROWS_AS(AssignQuestion(w.st, copy, std::string(32, 'a')), ValidationError);
  CHECK(w.Outbox() == before);

  copy.subject = "changed here, never saved";  // only the stored row's status and assignee change
  AssignQuestion(w.st, copy, w.nora.id);
  CHECK(w.Outbox() == before + 1);
  CHECK(w.LastFields() == "{\"status\":\"assigned\",\"assignee_member_id\":\"" + w.nora.id + "\"}");
  CHECK(copy.subject == "Bail commercial");
  LegalQuestion stored = *Get<LegalQuestion>(w.st, q.id);
  CHECK(stored.status == "assigned");
  CHECK(stored.assignee_member_id == w.nora.id);

  // Reassigning keeps the status; an answered question stays answered.
  AssignQuestion(w.st, copy, w.yves.id);
  CHECK(w.LastFields() == "{\"assignee_member_id\":\"" + w.yves.id + "\"}");
  LegalAnswer a;
  a.author_member_id = w.yves.id;
  a.body = "Neuf ans.";
  AnswerQuestion(w.st, copy, a);
  AssignQuestion(w.st, copy, w.nora.id);
  CHECK(Get<LegalQuestion>(w.st, q.id)->status == "answered");

  LegalQuestion missing;
  missing.id = std::string(32, 'b');
  CHECK_THROWS_AS(AssignQuestion(w.st, missing, w.nora.id), RowNotFound);
}

TEST_CASE("Hotline: closing and publishing write one column each", "[hotline]") {
  World w;
  LegalQuestion q = w.Ask("Capital social d'une SAS");
  LegalAnswer a;
  a.author_member_id = w.nora.id;
  a.body = "Aucun minimum légal : un euro suffit.";
  AnswerQuestion(w.st, q, a);
  CHECK_FALSE(a.published);
  auto kb = search::SearchScope::Only(search::SearchKind::HotlineAnswer);
  CHECK(search::Search(w.st.db, "euro", kb).empty());  // not published: not in the knowledge base

  LegalAnswer copy = a;
  copy.body = "edited here, never saved";
  SetAnswerPublished(w.st, copy, true);
  CHECK(w.LastFields() == "{\"published\":1}");
  CHECK(copy.body == "Aucun minimum légal : un euro suffit.");
  CHECK(Get<LegalAnswer>(w.st, a.id)->published);
  std::vector<search::SearchHit> hits = search::Search(w.st.db, "legal", kb);  // accents ignored
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].parent_id == q.id);
  SetAnswerPublished(w.st, copy, false);
  CHECK(search::Search(w.st.db, "euro", kb).empty());
  int64_t before = w.Outbox();
  SetAnswerPublished(w.st, copy, false);  // no change: nothing queued
  CHECK(w.Outbox() == before);

  CloseQuestion(w.st, q);
  CHECK(w.LastFields() == "{\"status\":\"closed\"}");
  CHECK(Get<LegalQuestion>(w.st, q.id)->status == "closed");

  LegalAnswer gone;
  gone.id = std::string(32, 'c');
  CHECK_THROWS_AS(SetAnswerPublished(w.st, gone, true), RowNotFound);
}

TEST_CASE("Hotline: the queue lists open questions oldest first, then those assigned to me", "[hotline]") {
  World w;
  LegalQuestion first = w.Ask("Premier");
  LegalQuestion mine = w.Ask("Attribuée à Nora");
  LegalQuestion theirs = w.Ask("Attribuée à Yves");
  LegalQuestion second = w.Ask("Deuxième");
  LegalQuestion done = w.Ask("Répondue");
  AssignQuestion(w.st, mine, w.nora.id);
  AssignQuestion(w.st, theirs, w.yves.id);
  AssignQuestion(w.st, done, w.nora.id);
  LegalAnswer a;
  a.author_member_id = w.nora.id;
  a.body = "Réponse";
  AnswerQuestion(w.st, done, a);

  std::vector<LegalQuestion> queue = ListHotlineQueue(w.st, w.nora.id);
  REQUIRE(queue.size() == 3);
  CHECK(queue[0].id == first.id);
  CHECK(queue[1].id == second.id);
  CHECK(queue[2].id == mine.id);
  // Without a member (an admin): the open ones.
  queue = ListHotlineQueue(w.st, "");
  REQUIRE(queue.size() == 2);
  CHECK(queue[0].id == first.id);
  SoftDelete<LegalQuestion>(w.st, first.id);
  CHECK(ListHotlineQueue(w.st, "").size() == 1);
}
