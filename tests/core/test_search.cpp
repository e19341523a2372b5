// Tests of full-text search: French folding both ways, prefixes as you type,
// ranking, snippets on the original text, hostile input, and the index kept in
// step with inserts, updates and tombstones by the schema's triggers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <memory>

#include "core/db/migrations.h"
#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/hotline.h"
#include "core/model/schema.h"
#include "core/model/university.h"
#include "core/search/fold.h"
#include "core/search/search.h"
#include "core/text.h"

using namespace relais;
using namespace relais::search;

namespace {

const int64_t kT = 1718000000000;  // 2024-06-10

RandomSource Seeded(uint64_t seed) {
  return [state = seed]() mutable {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
}

std::string Marked(const std::string& word) { return std::string(1, kMarkBegin) + word + std::string(1, kMarkEnd); }

// A small network: one office, two organisations, three members, companies
// with case notes, a course and a hotline answer.
struct Fixture {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kT);
  Store st;
  Office office;
  Organisation cci, inpi;
  Member claire, paul, lea;
  Company bakery, dupont, wood;

  Fixture() {
    StoreOptions o;
    o.now_ms = [n = now] { return (*n)++; };
    o.random = Seeded(7);
    st = OpenStore(":memory:", o);

    office.name = "Antenne d'Orléans";
    office.commune_insee = "45234";
    office.commune_name = "Orléans";
    office.departments = {"45"};
    Insert(st, office);
    cci.name = "CCI Loiret";
    cci.kind = "cci";
    Insert(st, cci);
    inpi.name = "Délégation régionale de la propriété industrielle";
    inpi.kind = "ip";
    Insert(st, inpi);

    claire = MakeMember("Claire", "Martin", cci.id, {"export", "financement"}, {"fr", "en", "de"});
    claire.job_title = "Conseillère export";
    Insert(st, claire);
    paul = MakeMember("Paul", "Bernard", cci.id, {"innovation"}, {"fr", "en"});
    paul.job_title = "Chargé d'affaires";
    Insert(st, paul);
    lea = MakeMember("Léa", "Lefèvre", inpi.id, {"propriété intellectuelle", "brevets"}, {"fr", "es"});
    lea.job_title = "Ingénieure brevets";
    lea.summary = "Pré-diagnostics PI, stratégie de dépôt, lutte contre la contrefaçon.";
    Insert(st, lea);

    bakery = MakeCompany("Boulangerie Martin", "45234", "Orléans", "45000");
    bakery.siret = "73282932000074";
    bakery.naf = "10.71C";
    bakery.address = "12 rue de Bourgogne";
    Insert(st, bakery);
    dupont = MakeCompany("Boulangerie Dupont", "37261", "Tours", "37000");
    Insert(st, dupont);
    wood = MakeCompany("Innovation Bois SAS", "18033", "Bourges", "18000");
    Insert(st, wood);
  }

  Member MakeMember(std::string first, std::string last, const std::string& org, std::vector<std::string> tags,
                    std::vector<std::string> langs) {
    Member m;
    m.first_name = std::move(first);
    m.last_name = std::move(last);
    m.organisation_id = org;
    m.office_id = office.id;
    m.expertise = std::move(tags);
    m.languages = std::move(langs);
    return m;
  }
  static Company MakeCompany(std::string name, std::string insee, std::string commune, std::string postcode) {
    Company c;
    c.name = std::move(name);
    c.commune_insee = std::move(insee);
    c.commune_name = std::move(commune);
    c.postcode = std::move(postcode);
    return c;
  }
  Interaction Note(const Company& c, const Member& author, std::string text, std::vector<std::string> topics = {}) {
    Interaction i;
    i.company_id = c.id;
    i.occurred_on = "2024-06-03";
    i.author_member_id = author.id;
    i.organisation_id = author.organisation_id;
    i.note = std::move(text);
    i.topics = std::move(topics);
    Insert(st, i);
    return i;
  }

  std::vector<SearchHit> Find(std::string_view q, SearchScope scope = SearchScope::All(), int limit = 20) {
    return Search(st.db, q, scope, limit);
  }
  bool Finds(std::string_view q, const std::string& id, SearchScope scope = SearchScope::All()) {
    for (const SearchHit& h : Find(q, scope, 100))
      if (h.id == id) return true;
    return false;
  }
};

std::vector<std::string> Ids(const std::vector<SearchHit>& hits) {
  std::vector<std::string> ids;
  for (const SearchHit& h : hits) ids.push_back(h.id);
  return ids;
}

}  // namespace

TEST_CASE("Words: folded forms and byte offsets in the original text", "[search]") {
  auto words = [](std::string_view text) {
    std::vector<std::string> out;
    ForEachWord(text, [&](const Word& w) {
      out.push_back(w.folded + "@" + std::to_string(w.begin) + "-" + std::to_string(w.end));
    });
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(words("L\u2019\u0152uvre d\u2019ART 2024") == V{"l@0-1", "oeuvre@4-10", "d@11-12", "art@15-18", "2024@19-23"});
  CHECK(words("\u00c9L\u00c8VE123abc") == V{"eleve123abc@0-13"});  // ASCII and accents in one word
  CHECK(words("e\xCC\x81le\xCC\x80ve") == V{"eleve@0-9"});       // decomposed accents are dropped
  CHECK(words("a \xCC\x81 b") == V{"a@0-1", "b@5-6"});             // an accent alone is no word
  CHECK(words("abc\xFF" "def") == V{"abc@0-3", "def@4-7"});         // invalid UTF-8 separates
  CHECK(words("\u0391\u0392\u0393, \u0416") == V{"\u03b1\u03b2\u03b3@0-6", "\u0436@8-10"});
  CHECK(words("Stra\u00dfe").front() == "strasse@0-7");
  CHECK(words("").empty());
  CHECK(words(" ,;\t\u2014 ").empty());
  CHECK(FoldWords("  L\u2019\u0152uvre -- d\u2019ART  ") == "l oeuvre d art");
}

TEST_CASE("Query parsing: quoted words, last one a prefix while typing", "[search]") {
  std::vector<Term> t = ParseQuery("Boulangerie MAR");
  REQUIRE(t.size() == 2);
  CHECK(t[0].folded == "boulangerie");
  CHECK_FALSE(t[0].prefix);
  CHECK(t[1].folded == "mar");
  CHECK(t[1].prefix);
  CHECK(FtsExpression(t, "title") == "{title} : (\"boulangerie\" \"mar\"*)");

  CHECK_FALSE(ParseQuery("tours ")[0].prefix);  // a separator after it: the word is complete
  CHECK(ParseQuery("a").empty());               // one letter being typed waits for the next
  CHECK(ParseQuery("boulangerie m").size() == 1);
  CHECK(ParseQuery("a ").size() == 1);  // a finished one-letter word is a word
  CHECK(ParseQuery("Œuvre élevée")[0].folded == "oeuvre");
  CHECK(ParseQuery("Œuvre élevée")[1].folded == "elevee");
  CHECK(ParseQuery("Straße Cæsar")[0].folded == "strasse");
  CHECK(ParseQuery("Straße Cæsar")[1].folded == "caesar");
  CHECK(ParseQuery("l’œuvre d’art").size() == 4);

  // A number typed with separators is one number.
  t = ParseQuery("732 829 320");
  REQUIRE(t.size() == 1);
  CHECK(t[0].folded == "732829320");
  CHECK(t[0].prefix);
  CHECK(ParseQuery("732\xC2\xA0"
                   "829.320 ")[0]
            .folded == "732829320");

  CHECK(ParseQuery("").empty());
  CHECK(ParseQuery(" \"*()-").empty());
  CHECK(ParseQuery(std::string(40, 'x') + std::string(200, ' ') + "a b c d e f g h i j k l m n o p q r").size() ==
        kMaxTerms);
}

TEST_CASE("Search ignores accents, case and ligatures, both ways", "[search]") {
  Fixture f;
  Interaction n1 = f.Note(f.bakery, f.claire, "Niveau de stock très élevé ; mise en œuvre d'un nouveau four.");
  Interaction n2 = f.Note(f.dupont, f.paul, "Le dirigeant veut oeuvrer pour l'apprentissage. Eleve brillant.");
  Interaction n3 = f.Note(f.wood, f.paul, "Rencontre à la Straße des Cæsar Werke, partenaire allemand.");

  for (const char* q : {"eleve ", "élevé ", "ÉLEVÉ ", "Eleve "}) {
    INFO(q);
    std::vector<std::string> ids = Ids(f.Find(q));
    CHECK(std::count(ids.begin(), ids.end(), n1.id) == 1);
    CHECK(std::count(ids.begin(), ids.end(), n2.id) == 1);
  }
  for (const char* q : {"oeuvre", "OEUVRE", "œuvre", "Œuvre", "ŒUVRE"}) {
    INFO(q);
    CHECK(f.Finds(q, n1.id));
    CHECK(f.Finds(q, n2.id));  // "oeuvrer", while the word is being typed...
    CHECK(f.Finds(std::string(q) + " ", n1.id));
    CHECK_FALSE(f.Finds(std::string(q) + " ", n2.id));  // ...but not once it is finished
  }
  CHECK(f.Finds("œuvrer ", n2.id));  // the ligature also finds it spelled out
  CHECK(f.Finds("strasse", n3.id));
  CHECK(f.Finds("STRASSE caesar", n3.id));
  CHECK(f.Finds("Cæsar", n3.id));
}

TEST_CASE("Snippets show the original text with the match marked", "[search]") {
  Fixture f;
  Interaction n = f.Note(f.bakery, f.claire,
                         "Première visite chez le boulanger. Le niveau d'endettement est élevé mais la mise en "
                         "œuvre du projet de fournil reste réaliste.\nÀ suivre.");
  std::vector<SearchHit> hits = f.Find("eleve oeuvre", SearchScope::Only(SearchKind::Note));
  REQUIRE(hits.size() == 1);
  const SearchHit& h = hits[0];
  CHECK(h.id == n.id);
  CHECK(h.kind == SearchKind::Note);
  CHECK(h.title == "Boulangerie Martin");
  CHECK(h.parent_id == f.bakery.id);
  CHECK(h.author_member_id == f.claire.id);
  CHECK(h.organisation_id == f.cci.id);
  CHECK(h.visibility == "network");
  CHECK(h.occurred_on == "2024-06-03");
  CHECK_THAT(h.snippet, Catch::Contains(Marked("élevé")));
  CHECK_THAT(h.snippet, Catch::Contains(Marked("œuvre")));
  CHECK(h.snippet.find('\n') == std::string::npos);
  CHECK(IsValidUtf8(h.snippet));
  CHECK(StripMarks(h.snippet).find("élevé mais la mise en œuvre") != std::string::npos);

  // Prefix matches mark the whole word; titles are marked too.
  hits = f.Find("boulangerie mart", SearchScope::Only(SearchKind::Company));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].title_marked == Marked("Boulangerie") + " " + Marked("Martin"));
  CHECK(hits[0].title == "Boulangerie Martin");
  // A company found by its name shows its details line.
  CHECK(hits[0].snippet == "45000 Orléans · NAF 10.71C · SIRET 73282932000074");

  // A long text is cut around the best group of matches, at word boundaries.
  std::string long_text;
  for (int i = 0; i < 40; i++) long_text += "Échange sans rapport numéro " + std::to_string(i) + ". ";
  long_text += "Le cœur du sujet : la cybersécurité de l'atelier. ";
  for (int i = 0; i < 40; i++) long_text += "Suite du compte rendu " + std::to_string(i) + ". ";
  Interaction lng = f.Note(f.wood, f.paul, long_text);
  hits = f.Find("coeur cybersecurite", SearchScope::Only(SearchKind::Note));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == lng.id);
  const std::string& s = hits[0].snippet;
  CHECK(s.rfind(kEllipsis, 0) == 0);
  CHECK(s.size() > 3);
  CHECK(s.compare(s.size() - 3, 3, kEllipsis) == 0);
  CHECK_THAT(s, Catch::Contains(Marked("cœur")));
  CHECK_THAT(s, Catch::Contains(Marked("cybersécurité")));
  CHECK(SplitWords(StripMarks(s)).size() <= 24);
  CHECK(IsValidUtf8(s));

  // Marks planted in the text itself are dropped, so marks stay meaningful.
  Interaction planted = f.Note(f.wood, f.paul, "Texte \x02piégé\x03 par des marques.");
  hits = f.Find("piege", SearchScope::Only(SearchKind::Note));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == planted.id);
  CHECK(hits[0].snippet == "Texte " + Marked("piégé") + " par des marques.");
}

TEST_CASE("The snippet comes from the field where the most terms match", "[search]") {
  const std::vector<Term> terms = ParseQuery("export vin");
  // The second field holds both terms, the first only one.
  CHECK(BestSnippet({"Un plan d'export.", "Export de vin en Chine."}, terms) ==
        Marked("Export") + " de " + Marked("vin") + " en Chine.");
  // A tie goes to the first field.
  CHECK(BestSnippet({"Vin rouge.", "Export."}, terms) == Marked("Vin") + " rouge.");
  // No match anywhere: the start of the first non-empty field, unmarked.
  CHECK(BestSnippet({"", "Atelier du lundi.", "Autre."}, terms) == "Atelier du lundi.");
  CHECK(BestSnippet({"", ""}, terms).empty());
  // Accents and capitals folded, the original text kept.
  CHECK(BestSnippet({"rien", "ÉXPORT des vins"}, ParseQuery("export")) == Marked("ÉXPORT") + " des vins");
}

TEST_CASE("Search as you type: every prefix from two letters finds the company", "[search]") {
  Fixture f;
  const std::string word = "Boulangerie";
  for (size_t n = 2; n <= word.size(); n++) {
    INFO(word.substr(0, n));
    CHECK(f.Finds(word.substr(0, n), f.bakery.id));
  }
  CHECK(f.Find("boulangerie m").size() == 2);  // one letter: left out until the next one
  std::vector<SearchHit> hits = f.Find("boulangerie ma");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == f.bakery.id);
  // A finished word is exact: "tour " is not "tours".
  CHECK(f.Finds("tour", f.dupont.id));
  CHECK_FALSE(f.Finds("tour ", f.dupont.id));
  CHECK(f.Finds("tours ", f.dupont.id));
}

TEST_CASE("Companies are found by SIREN, SIRET, NAF, commune and postcode", "[search]") {
  Fixture f;
  for (const char* q : {"732829320", "732 829 320", "732 829", "73282932000074", "732 829 320 00074", "10.71C", "1071",
                        "orleans", "ORLÉANS", "45000", "45234", "bourgogne"}) {
    INFO(q);
    CHECK(f.Finds(q, f.bakery.id, SearchScope::Only(SearchKind::Company)));
  }
  CHECK_FALSE(f.Finds("732 829 321", f.bakery.id));
}

TEST_CASE("Ranking: a name match comes before tags, tags before free text", "[search]") {
  Fixture f;
  Interaction note = f.Note(f.dupont, f.claire, "Le dirigeant s'intéresse à l'innovation dans la boulangerie.");
  std::vector<SearchHit> hits = f.Find("innovation");
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].id == f.wood.id);  // "Innovation Bois SAS": the name
  CHECK(hits[0].kind == SearchKind::Company);
  CHECK(hits[1].id == f.paul.id);  // expertise tag
  CHECK(hits[1].kind == SearchKind::Member);
  CHECK(hits[2].id == note.id);  // note text
  CHECK(hits[0].rank > hits[1].rank);
  CHECK(hits[1].rank > hits[2].rank);
  // The limit keeps the best ones.
  CHECK(Ids(f.Find("innovation", SearchScope::All(), 2)) == std::vector<std::string>{f.wood.id, f.paul.id});
}

TEST_CASE("Past max_ranked matches, recent ones are ranked and names still come first", "[search]") {
  Fixture f;
  // Innovation Bois (a name, written first: the oldest document) and many
  // notes with the word, more than max_ranked.
  std::vector<std::string> notes;
  for (int i = 0; i < 12; i++)
    notes.push_back(f.Note(f.dupont, f.claire, "Point d'étape numéro " + std::to_string(i) + " sur l'innovation.").id);
  SearchOptions o;
  o.max_ranked = 5;
  o.limit = 3;
  std::vector<SearchHit> hits = Search(f.st.db, "innov", o);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].id == f.wood.id);  // the name, found by the index of labels
  CHECK(hits[1].id == f.paul.id);  // expertise "innovation": a tag, also in the index of labels
  CHECK(hits[2].kind == SearchKind::Note);
  // The notes ranked are the most recent ones.
  CHECK(std::find(notes.end() - 5, notes.end(), hits[2].id) != notes.end());
  // Below max_ranked matches the ranking is exact.
  o.max_ranked = 1000;
  std::vector<SearchHit> exact = Search(f.st.db, "innov", o);
  REQUIRE(exact.size() == 3);
  CHECK(exact[0].id == f.wood.id);
  CHECK(exact[1].id == f.paul.id);
}

TEST_CASE("Scopes restrict the kinds searched", "[search]") {
  Fixture f;
  Interaction note = f.Note(f.bakery, f.claire, "Projet export vers la Belgique.", {"export"});
  CHECK(f.Finds("export", note.id));
  CHECK(f.Finds("export", f.claire.id));
  CHECK(Ids(f.Find("export", SearchScope::Only(SearchKind::Note))) == std::vector<std::string>{note.id});
  CHECK(Ids(f.Find("export", SearchScope::Only(SearchKind::Member))) == std::vector<std::string>{f.claire.id});
  CHECK(f.Find("export", SearchScope::Only(SearchKind::Member).With(SearchKind::Note)).size() == 2);
  CHECK(f.Find("export", SearchScope::Only(SearchKind::Course)).empty());
  CHECK(f.Find("export", SearchScope{0}).empty());
}

TEST_CASE("Members are found by name, skill, language, organisation and office", "[search]") {
  Fixture f;
  auto members = SearchScope::Only(SearchKind::Member);
  CHECK(Ids(f.Find("lefevre", members)) == std::vector<std::string>{f.lea.id});
  CHECK(Ids(f.Find("LÉA", members)) == std::vector<std::string>{f.lea.id});
  CHECK(Ids(f.Find("propriete intel", members)) == std::vector<std::string>{f.lea.id});
  CHECK(Ids(f.Find("allemand", members)) == std::vector<std::string>{f.claire.id});
  CHECK(Ids(f.Find("German", members)) == std::vector<std::string>{f.claire.id});
  CHECK(Ids(f.Find("espagnol", members)) == std::vector<std::string>{f.lea.id});
  CHECK(f.Find("cci loiret", members).size() == 2);
  CHECK(f.Find("antenne orleans", members).size() == 3);
  CHECK(Ids(f.Find("contrefacon", members)) == std::vector<std::string>{f.lea.id});  // summary

  std::vector<SearchHit> hits = f.Find("allemand", members);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].title == "Claire Martin");
  CHECK(hits[0].snippet == "français, anglais, " + Marked("allemand"));
  hits = f.Find("brevets", members);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].snippet == "Ingénieure " + Marked("brevets") + " · Délégation régionale de la propriété " +
                               "industrielle · Antenne d'Orléans");
}

TEST_CASE("Courses and published hotline answers are searchable", "[search]") {
  Fixture f;
  Course c;
  c.theme = "Propriété intellectuelle";
  c.level = "workshop";
  c.title = "Protéger ses marques à l'international";
  c.description = "Atelier pratique : dépôt, extension, surveillance.";
  c.duration_minutes = 180;
  Insert(f.st, c);
  CHECK(f.Finds("proteger marques", c.id, SearchScope::Only(SearchKind::Course)));
  CHECK(f.Finds("atelier", c.id));
  CHECK(f.Finds("surveillance", c.id));

  LegalQuestion q;
  q.asker_member_id = f.claire.id;
  q.subject = "Capital social d'une SAS";
  q.body = "Un créateur demande le capital minimum pour une société par actions simplifiée.";
  Insert(f.st, q);
  LegalAnswer a;
  a.question_id = q.id;
  a.author_member_id = f.lea.id;
  a.body = "Aucun minimum légal : un euro suffit, mais un capital trop faible inquiète les banques.";
  AnswerQuestion(f.st, q, a);
  auto hotline = SearchScope::Only(SearchKind::HotlineAnswer);
  CHECK(f.Find("capital minimum", hotline).empty());  // not published yet

  a.published = true;
  Update(f.st, a);
  std::vector<SearchHit> hits = f.Find("capital minimum", hotline);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == a.id);
  CHECK(hits[0].parent_id == q.id);
  CHECK(hits[0].title == "Capital social d'une SAS");
  CHECK(hits[0].title_marked == Marked("Capital") + " social d'une SAS");
  CHECK(f.Finds("banques", a.id));
  CHECK(f.Finds("creat", a.id));  // the question's text counts too

  q.subject = "Montant du capital d'une SASU";
  Update(f.st, q);
  CHECK(f.Finds("sasu", a.id));
  CHECK_FALSE(f.Finds("social", a.id));
  SoftDelete<LegalQuestion>(f.st, q.id);
  CHECK(f.Find("capital", hotline).empty());
}

TEST_CASE("Hostile queries never throw", "[search]") {
  Fixture f;
  f.Note(f.bakery, f.claire, "Texte ordinaire avec \"guillemets\", étoiles * et (parenthèses).");
  const std::vector<std::string> queries = {
      "", " ", "\"", "\"\"", "\"boul", "*", "**", "boul*", "*boul", "AND", "OR", "NOT", "NEAR", "and or not",
      "boulangerie AND", "OR martin", "NOT martin", "-", "--", "-martin", "a -b", "+", "(", ")", "((", "boul)", "(boul",
      "{title}:x", "title:boul", "title : boul", "kind:company", "kind : company", "^boul", "NEAR(a b)", "'", "''", ";",
      "\\", "%", "_", "col:", ":", "{", "}", "[", "]", "\x02", "\x03", "\t\n", "\xF0\x9F\x99\x82", "\xE2\x98\x83",
      "\xE2\x80\x8B", "é*", "a\"b", "\xFF\xFE", "\xC3", "\xE2\x82", "\xC0\x80", "SELECT * FROM companies; --",
      "'); DROP TABLE companies; --", std::string(5000, 'a'), std::string(3000, '"'), std::string(1000, '('),
      // Format characters FTS5 drops but fold.h keeps in a word
      // (byte order mark, Arabic number sign), alone and inside.
      "\xEF\xBB\xBF\xEF\xBB\xBF", "x\xEF\xBB\xBFy", "\xD8\x80\xD8\x80", "bo\xD8\x80ul",
      "\xF3\xA0\x80\x81\xF3\xA0\x80\x81"};
  for (const std::string& q : queries) {
    INFO("query: " << q.substr(0, 40));
    CHECK_NOTHROW(f.Find(q));
    CHECK_NOTHROW(f.Find(q, SearchScope::Only(SearchKind::Note)));
    CHECK_NOTHROW(f.Find(q + " boul"));
  }
  CHECK(f.Find("").empty());
  CHECK(f.Find("*").empty());
  CHECK(f.Finds("(boul", f.bakery.id));
  CHECK(f.Finds("\"boul", f.bakery.id));
  CHECK(f.Find("guillemets").size() == 1);
  CHECK(f.Find("AND ").empty());  // the word "and", which no text has
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM companies") == 3);
}

TEST_CASE("Tombstones leave the index; updates are re-indexed", "[search]") {
  Fixture f;
  Interaction note = f.Note(f.bakery, f.claire, "Projet de fournil solaire.");
  CHECK(f.Finds("fournil", note.id));
  CHECK(f.Finds("boulangerie", f.bakery.id));

  // Updates: the new text is found, the old one is not.
  note.note = "Projet de four à pain électrique.";
  Update(f.st, note);
  CHECK_FALSE(f.Finds("fournil", note.id));
  CHECK(f.Finds("electrique", note.id));
  f.bakery.name = "Maison Martin";
  Update(f.st, f.bakery);
  CHECK_FALSE(f.Finds("boulangerie", f.bakery.id));
  CHECK(f.Finds("maison", f.bakery.id));
  // A note shows its company's current name.
  CHECK(f.Find("electrique")[0].title == "Maison Martin");
  // Renaming an organisation or an office re-indexes its members.
  f.cci.name = "Chambre de commerce du Loiret";
  Update(f.st, f.cci);
  CHECK(f.Find("chambre commerce", SearchScope::Only(SearchKind::Member)).size() == 2);
  CHECK(f.Find("cci", SearchScope::Only(SearchKind::Member)).empty());
  f.office.name = "Antenne Loiret";
  Update(f.st, f.office);
  CHECK(f.Find("antenne loiret", SearchScope::Only(SearchKind::Member)).size() == 3);
  // A change to a column that is not indexed leaves the document as it was.
  f.claire.phone = "02 38 00 00 00";
  Update(f.st, f.claire);
  CHECK(f.Finds("claire", f.claire.id));

  // Tombstones: gone from the results, and from the index itself.
  const int64_t docs = f.st.db.QueryInt("SELECT count(*) FROM search_docs").value_or(-1);
  SoftDelete<Interaction>(f.st, note.id);
  SoftDelete<Company>(f.st, f.bakery.id);
  SoftDelete<Member>(f.st, f.claire.id);
  CHECK_FALSE(f.Finds("electrique", note.id));
  CHECK_FALSE(f.Finds("maison", f.bakery.id));
  CHECK_FALSE(f.Finds("claire", f.claire.id));
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM search_docs") == docs - 3);
  CHECK(f.Finds("paul", f.paul.id));
  // A tombstone that arrives by sync (raw SQL, as the sync engine writes) too.
  f.st.db.Exec("UPDATE companies SET deleted_hlc = 99 WHERE id = ?", f.dupont.id);
  CHECK_FALSE(f.Finds("dupont", f.dupont.id));
  // INSERT OR REPLACE does not fire delete triggers: the insert trigger copes.
  f.st.db.Exec(
      "INSERT OR REPLACE INTO companies (id, created_hlc, updated_hlc, name, commune_insee) "
      "VALUES (?, 1, 2, 'Bois et Innovation', '18033')",
      f.wood.id);
  CHECK(f.Finds("bois", f.wood.id));
  CHECK(f.Find("bois").size() == 1);
  // After all this, the index structures are sound.
  CHECK_NOTHROW(f.st.db.Exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')"));
  CHECK_NOTHROW(f.st.db.Exec("INSERT INTO search_labels (search_labels) VALUES ('integrity-check')"));
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM search_queue") == 0);
}

TEST_CASE("The viewer option applies the visibility of case notes", "[search]") {
  Fixture f;
  Interaction open = f.Note(f.bakery, f.claire, "Tableau de bord partagé.");
  Interaction org = f.Note(f.bakery, f.claire, "Tableau de bord interne.");
  org.visibility = "organisation";
  Update(f.st, org);
  Interaction mine = f.Note(f.bakery, f.claire, "Tableau de bord personnel.");
  mine.visibility = "author";
  Update(f.st, mine);

  auto visible = [&](const Member& viewer) {
    SearchOptions o;
    o.scope = SearchScope::Only(SearchKind::Note);
    o.viewer = SearchViewer{viewer.id, viewer.organisation_id};
    std::vector<std::string> ids = Ids(Search(f.st.db, "tableau", o));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  CHECK(visible(f.claire) == sorted({open.id, org.id, mine.id}));
  CHECK(visible(f.paul) == sorted({open.id, org.id}));  // same organisation
  CHECK(visible(f.lea) == sorted({open.id}));
  CHECK(f.Find("tableau").size() == 3);  // no viewer: the caller filters
}

TEST_CASE("Upgrading to v3 indexes the rows already there; a rebuild gives the same index", "[search]") {
  Db db(":memory:");
  REQUIRE(Migrate(db, RelaisMigrations(), 2) == 2);
  db.ExecScript(
      "INSERT INTO organisations (id, created_hlc, updated_hlc, name) VALUES ('g1', 1, 1, 'CMA Cher');"
      "INSERT INTO members (id, created_hlc, updated_hlc, first_name, last_name, organisation_id, expertise)"
      "  VALUES ('m1', 2, 2, 'Hélène', 'Durand', 'g1', '[\"numérique\"]');"
      "INSERT INTO companies (id, created_hlc, updated_hlc, name) VALUES ('c1', 3, 3, 'Ébénisterie Cœur de Chêne');"
      "INSERT INTO companies (id, created_hlc, updated_hlc, deleted_hlc, name) VALUES ('c2', 4, 5, 5, 'Ébène SA');"
      "INSERT INTO interactions (id, created_hlc, updated_hlc, company_id, kind, occurred_on, author_member_id,"
      "  organisation_id, note) VALUES ('i1', 6, 6, 'c1', 'visit', '2024-03-05', 'm1', 'g1', 'Atelier à agrandir');");
  REQUIRE(Migrate(db, RelaisMigrations()) == LatestSchemaVersion());
  CHECK(Ids(Search(db, "ebeni")) == std::vector<std::string>{"c1"});
  CHECK(Ids(Search(db, "coeur chene")) == std::vector<std::string>{"c1"});
  CHECK(Ids(Search(db, "ebene")).empty());
  CHECK(Ids(Search(db, "numerique")) == std::vector<std::string>{"m1"});
  CHECK(Ids(Search(db, "agrandir")) == std::vector<std::string>{"i1"});
  CHECK(db.QueryInt("SELECT count(*) FROM search_docs") == 3);

  RebuildSearchIndex(db);
  CHECK(db.QueryInt("SELECT count(*) FROM search_docs") == 3);
  CHECK(Ids(Search(db, "coeur chene")) == std::vector<std::string>{"c1"});
  CHECK(Ids(Search(db, "agrandir")) == std::vector<std::string>{"i1"});
  OptimizeSearchIndex(db);
  CHECK(Ids(Search(db, "helene")) == std::vector<std::string>{"m1"});
  CHECK(db.QueryText("PRAGMA integrity_check") == "ok");
  CHECK(db.QueryInt("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'numerique'") == 1);
}

// A list that counts and filters its matches (the company list) asks for ids
// only: every match, the best ranked first, not the first 500.
TEST_CASE("search without details returns every match, the ranked ones first", "[search]") {
  Fixture f;
  {
    Tx tx(f.st.db);
    for (int i = 0; i < 700; i++) {
      Company c = Fixture::MakeCompany("Boulangerie " + std::to_string(i), "45234", "Orléans", "45000");
      Insert(f.st, c);
    }
    tx.Commit();
  }
  SearchOptions o;
  o.scope = SearchScope::Only(SearchKind::Company);
  o.limit = kMaxIdsLimit;
  CHECK(Search(f.st.db, "boul", o).size() == static_cast<size_t>(kMaxLimit));  // with details: capped
  o.details = false;
  std::vector<SearchHit> all = Search(f.st.db, "boul", o);
  CHECK(all.size() == 702);  // the 700, "Boulangerie Martin" and "Boulangerie Dupont"
  std::set<std::string> ids;
  for (const SearchHit& h : all) ids.insert(h.id);
  CHECK(ids.size() == all.size());
  CHECK(ids.count(f.bakery.id) == 1);
  CHECK(all[0].rank >= all[1].rank);
  CHECK(all.front().title.empty());  // ids only
}
