// access.cpp — see access.h.
#include "access.h"

#include <cstdio>

#include "core/diagnosis/template.h"

using relais::ChangeOp;
using relais::Value;
using relais::sync::Change;

namespace {

Refusal Forbidden(const std::string& message) { return Refusal{403, "forbidden", message}; }

// The value a column will have once the change is applied.
const Value* After(const Change& c, const RowRecord& before, const std::string& name) {
  for (const relais::Field& f : c.fields)
    if (f.name == name) return &f.value;
  return before.Get(name);
}

std::string AfterText(const Change& c, const RowRecord& before, const std::string& name) {
  const Value* v = After(c, before, name);
  const std::string* s = v ? std::get_if<std::string>(v) : nullptr;
  return s ? *s : std::string();
}

// The change writes this column with a value other than the stored one.
bool Touches(const Change& c, const RowRecord& before, const std::string& name) {
  for (const relais::Field& f : c.fields) {
    if (f.name != name) continue;
    // A new row that leaves a column null sets nothing (a device's full-row
    // insert carries every column, decided ones included, as null).
    if (!before.exists) return !std::holds_alternative<std::monostate>(f.value);
    const Value* old = before.Get(name);
    return !old || *old != f.value;
  }
  return false;
}

// Every column the change writes with a new value is in `allowed`.
bool OnlyTouches(const Change& c, const RowRecord& before, std::initializer_list<const char*> allowed) {
  for (const relais::Field& f : c.fields) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || f.name == a;
    if (!ok && Touches(c, before, f.name)) return false;
  }
  return true;
}

bool Is(const std::string& a, const std::string& b) { return !a.empty() && a == b; }

bool InteractionVisible(const Actor& a, const RowRecord& row) {
  if (a.trainee()) return false;
  if (Is(row.created_by, a.user_id)) return true;
  const std::string& vis = row.Text("visibility");
  if (vis == "organisation") return Is(row.Text("organisation_id"), a.organisation_id);
  if (vis == "author") return Is(row.Text("author_member_id"), a.member_id);
  return true;  // network (the column's default)
}

// Author, or same organisation for a note not private to its author.
bool InteractionWritable(const Actor& a, const RowRecord& row) {
  if (!InteractionVisible(a, row)) return false;
  if (Is(row.Text("author_member_id"), a.member_id)) return true;
  return row.Text("visibility") != "author" && Is(row.Text("organisation_id"), a.organisation_id);
}

Refusal CheckInteraction(const Actor& a, const Change& c, const RowRecord& before) {
  if (a.member_id.empty())
    return Forbidden("Votre compte n'est rattaché à aucune fiche membre : il ne peut pas écrire de note de suivi.");
  if (!before.exists) {
    if (AfterText(c, before, "author_member_id") != a.member_id)
      return Forbidden("Une note de suivi est signée par son auteur : author_member_id doit être votre fiche membre.");
    if (AfterText(c, before, "organisation_id") != a.organisation_id)
      return Forbidden(
          "Une note de suivi appartient à l'organisation de son auteur : organisation_id doit être la vôtre.");
    return {};
  }
  if (!InteractionVisible(a, before)) return Forbidden("Cette note de suivi n'est pas visible pour vous.");
  bool author = Is(before.Text("author_member_id"), a.member_id);
  if (c.op == ChangeOp::Delete) {
    if (!author) return Forbidden("Seul l'auteur d'une note de suivi peut la supprimer.");
    return {};
  }
  if (!InteractionWritable(a, before))
    return Forbidden("Seuls l'auteur d'une note et, selon sa visibilité, son organisation peuvent la modifier.");
  if (Touches(c, before, "author_member_id") || Touches(c, before, "organisation_id"))
    return Forbidden("L'auteur et l'organisation d'une note de suivi ne peuvent pas changer.");
  if (Touches(c, before, "visibility") && !author)
    return Forbidden("Seul l'auteur d'une note de suivi peut en changer la visibilité.");
  return {};
}

Refusal CheckFollowUp(SyncTxn& tx, const Actor& a, const Change& c, const RowRecord& before) {
  if (before.exists && Touches(c, before, "interaction_id"))
    return Forbidden("Une action de suivi ne change pas de note.");
  std::string parent_id = AfterText(c, before, "interaction_id");
  RowRecord parent = tx.GetRow("interactions", parent_id);
  if (!parent.exists)
    return Refusal{422, "not_found", "La note de suivi de cette action est introuvable sur le serveur."};
  if (!InteractionVisible(a, parent)) return Forbidden("La note de suivi de cette action n'est pas visible pour vous.");
  if (InteractionWritable(a, parent)) return {};
  bool assignee = Is(before.Text("assignee_member_id"), a.member_id);
  if (before.exists && c.op == ChangeOp::Upsert && assignee && OnlyTouches(c, before, {"status", "done_on"})) return {};
  return Forbidden(
      "Seuls l'auteur de la note, son organisation et la personne chargée de l'action peuvent la modifier.");
}

Refusal CheckRegistration(const Actor& a, const Change& c, const RowRecord& before) {
  // Seats are the server's decision, for everyone.
  std::string status = AfterText(c, before, "status");
  if (Touches(c, before, "status") && (status == "confirmed" || status == "waitlisted"))
    return Forbidden("La confirmation ou la mise en liste d'attente est décidée par le serveur.");
  if (Touches(c, before, "waitlist_position"))
    return Forbidden("Le rang en liste d'attente est décidé par le serveur.");
  if (a.staff()) return {};
  // Attendance is the staff's to mark (above); the feedback (rating and
  // comment) is the trainee's own (below).
  if (Touches(c, before, "attendance"))
    return Forbidden("La présence à une session est notée par le formateur ou l'équipe du réseau.");
  if (c.op == ChangeOp::Delete) return Forbidden("Une inscription ne se supprime pas : annulez-la.");
  if (!before.exists) {
    const Value* member = After(c, before, "member_id");
    bool no_member = !member || std::holds_alternative<std::monostate>(*member);
    if (!no_member && AfterText(c, before, "member_id") != a.member_id)
      return Forbidden("Vous ne pouvez inscrire que vous-même.");
    if (!status.empty() && status != "requested")
      return Forbidden("Une nouvelle inscription est une demande (status « requested »).");
    return {};
  }
  bool own = Is(before.created_by, a.user_id) || Is(before.Text("member_id"), a.member_id);
  if (!own) return Forbidden("Cette inscription n'est pas la vôtre.");
  if (!OnlyTouches(c, before, {"status", "trainee_name", "trainee_email", "feedback_rating", "feedback_comment"}))
    return Forbidden("Sur votre inscription, seuls l'annulation, vos coordonnées et votre avis peuvent changer.");
  if (Touches(c, before, "status") && status != "cancelled")
    return Forbidden("Vous pouvez seulement annuler votre inscription.");
  return {};
}

// The legal hotline: a question (who asked, about which company, the text)
// is read by the asker and the legal team (staff, legal experts); an answer
// too, and by everyone once published to the knowledge base, with its
// question (the knowledge base shows the question's subject).
bool LegalTeam(const Actor& a) { return a.staff() || a.member_role == "legal_expert"; }

bool HasPublishedAnswer(SyncTxn& tx, const std::string& question_id) {
  for (const RowPtr& ans : tx.GetRows("legal_answers", tx.FindRows("legal_answers", "question_id", Value(question_id))))
    if (ans->live() && ans->Int("published").value_or(0) != 0) return true;
  return false;
}

bool LegalQuestionVisible(SyncTxn& tx, const Actor& a, const RowRecord& q) {
  return LegalTeam(a) || Is(q.Text("asker_member_id"), a.member_id) || Is(q.created_by, a.user_id) ||
         HasPublishedAnswer(tx, q.row_id);
}

bool LegalAnswerVisible(SyncTxn& tx, const Actor& a, const RowRecord& ans) {
  if (LegalTeam(a) || ans.Int("published").value_or(0) != 0) return true;
  RowRecord q = tx.GetRow("legal_questions", ans.Text("question_id"));
  return q.exists && (Is(q.Text("asker_member_id"), a.member_id) || Is(q.created_by, a.user_id));
}

// Contact requests from the public portal hold an SME's personal data: only
// the staff of the office they are routed to (and admins, who run the whole
// network) read them.
bool ContactRequestVisible(const Actor& a, const RowRecord& row) {
  if (a.role == "admin") return true;
  return a.role == "office_staff" && Is(row.Text("office_id"), a.office_id);
}

// The portal creates them (sync-server/portal.cpp); staff follow them up. What
// the SME wrote and consented to is a record: it never changes.
Refusal CheckContactRequest(SyncTxn& tx, const Actor& a, const Change& c, const RowRecord& before) {
  if (!before.exists)
    return Forbidden("Une demande de contact est créée par le portail public, pas par une synchronisation.");
  if (!ContactRequestVisible(a, before))
    return Forbidden("Seule l'équipe de l'antenne destinataire peut suivre cette demande de contact.");
  if (c.op == ChangeOp::Delete)
    return Forbidden("Une demande de contact ne se supprime pas : passez-la au statut « closed ».");
  if (!OnlyTouches(c, before, {"status", "assignee_member_id", "assigned_at", "staff_note", "office_id"}))
    return Forbidden(
        "Sur une demande de contact, seuls le statut, la personne chargée, la note de l'équipe et l'antenne "
        "peuvent changer.");
  if (Touches(c, before, "assignee_member_id")) {
    std::string assignee = AfterText(c, before, "assignee_member_id");
    if (!assignee.empty() && !tx.GetRow("members", assignee).live())
      return Refusal{422, "not_found", "La personne chargée de cette demande est introuvable dans l'annuaire."};
  }
  if (Touches(c, before, "office_id") && !tx.GetRow("offices", AfterText(c, before, "office_id")).live())
    return Refusal{422, "not_found", "L'antenne destinataire de cette demande est introuvable."};
  return {};
}

// A published questionnaire version is a record every device reads: only the
// network's staff publish one, it must be a valid template whose columns say
// what its JSON says, its version must be new, and it never changes after.
Refusal CheckQuestionnaireTemplate(SyncTxn& tx, const Actor& a, const Change& c, const RowRecord& before) {
  if (!a.staff()) return Forbidden("Seule l'équipe du réseau publie les questionnaires.");
  if (before.exists)
    return Forbidden("Une version publiée d'un questionnaire ne change plus : publiez-en une nouvelle version.");
  relais::diagnosis::LoadResult t = relais::diagnosis::LoadTemplateJson(AfterText(c, before, "body"));
  if (!t.ok) return Refusal{422, "invalid_template", "Questionnaire invalide : " + t.error};
  const Value* version = After(c, before, "version");
  const int64_t* v = version ? std::get_if<int64_t>(version) : nullptr;
  if (AfterText(c, before, "template_id") != t.tmpl.id || !v || *v != t.tmpl.version)
    return Refusal{422, "invalid_template", "Les colonnes template_id et version doivent reprendre celles du questionnaire."};
  for (const std::string& id : tx.FindRows("questionnaire_templates", "template_id", Value(t.tmpl.id))) {
    RowRecord other = tx.GetRow("questionnaire_templates", id);
    if (other.live() && other.Int("version") == *v)
      return Refusal{409, "version_exists",
                     "La version " + std::to_string(*v) + " de « " + t.tmpl.id +
                         " » a déjà été publiée : publiez un numéro de version plus grand."};
  }
  return {};
}

Refusal StaffOnly(const Actor& a, const char* what) {
  if (a.staff()) return {};
  return Forbidden(std::string("Seule l'équipe du réseau peut modifier ") + what + ".");
}

}  // namespace

Actor LoadActor(SyncTxn& tx, const UserRecord& u) {
  Actor a;
  a.user_id = u.id;
  a.login = u.login;
  a.display_name = u.display_name.empty() ? u.login : u.display_name;
  a.role = u.role;
  a.member_id = u.member_id;
  if (!u.member_id.empty()) {
    RowRecord m = tx.GetRow("members", u.member_id);
    if (m.live()) {
      a.organisation_id = m.Text("organisation_id");
      a.office_id = m.Text("office_id");
      a.member_role = m.Text("role");
    }
  }
  return a;
}

std::string ScopeKey(const Actor& a) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across restarts and builds
  for (const std::string* s : {&a.user_id, &a.role, &a.member_id, &a.organisation_id, &a.office_id}) {
    for (unsigned char ch : *s) {
      h ^= ch;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;  // separator: ("ab","c") and ("a","bc") differ
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

bool CanRead(SyncTxn& tx, const Actor& a, const RowRecord& row) {
  static const std::map<std::string, RowPtr> kNone;
  return CanRead(tx, a, row, kNone);
}

bool CanRead(SyncTxn& tx, const Actor& a, const RowRecord& row, const std::map<std::string, RowPtr>& notes) {
  const std::string& t = row.table;
  if (t == "courses" || t == "course_sessions") return true;
  if (t == "registrations") return a.staff() || Is(row.created_by, a.user_id) || Is(row.Text("member_id"), a.member_id);
  if (t == "contact_requests") return ContactRequestVisible(a, row);
  if (a.trainee()) {
    if (t == "members") return Is(row.row_id, a.member_id);
    if (t == "organisations") return Is(row.row_id, a.organisation_id);
    if (t == "offices") return Is(row.row_id, a.office_id);
    return false;
  }
  if (t == "interactions") return InteractionVisible(a, row);
  if (t == "legal_questions") return LegalQuestionVisible(tx, a, row);
  if (t == "legal_answers") return LegalAnswerVisible(tx, a, row);
  if (t == "follow_up_actions") {
    const std::string parent_id = row.Text("interaction_id");
    auto it = notes.find(parent_id);
    RowRecord read;
    if (it == notes.end()) read = tx.GetRow("interactions", parent_id);
    const RowRecord& parent = it != notes.end() ? *it->second : read;
    return parent.exists ? InteractionVisible(a, parent) : Is(row.created_by, a.user_id);
  }
  return true;
}

bool RedactsForReader(const Actor& a, const RowRecord& row) {
  if (row.table != "legal_questions" || LegalTeam(a)) return false;
  return !Is(row.Text("asker_member_id"), a.member_id) && !Is(row.created_by, a.user_id);
}

void RedactForReader(const Actor& a, const RowRecord& row, relais::sync::RowState& out) {
  if (!RedactsForReader(a, row)) return;
  for (relais::sync::VersionedField& f : out.fields)
    if (f.name == "company_id") f.value = Value();
}

bool RowScoped(const Actor& a, const std::string& table) {
  if (table == "registrations") return !a.staff();
  // Staff may re-route a request to another office: it leaves their sight.
  if (table == "contact_requests") return a.role == "office_staff";
  if (table == "legal_questions" || table == "legal_answers") return !a.trainee() && !LegalTeam(a);
  return !a.trainee() && (table == "interactions" || table == "follow_up_actions");
}

Refusal CheckWrite(SyncTxn& tx, const Actor& a, const Change& c, const RowRecord& before) {
  const std::string& t = c.table;
  if (a.trainee() && t != "registrations")
    return Forbidden("Un compte stagiaire peut seulement s'inscrire aux sessions et annuler ses inscriptions.");
  if (before.exists && !CanRead(tx, a, before)) return Forbidden("Cette ligne n'est pas visible pour vous.");

  if (t == "registrations") return CheckRegistration(a, c, before);
  if (t == "interactions") return CheckInteraction(a, c, before);
  if (t == "follow_up_actions") return CheckFollowUp(tx, a, c, before);
  if (t == "contact_requests") return CheckContactRequest(tx, a, c, before);
  if (t == "offices" || t == "organisations" || t == "signatures") return StaffOnly(a, "l'annuaire du réseau");
  if (t == "service_offers") return StaffOnly(a, "l'offre de services");
  if (t == "questionnaire_templates") return CheckQuestionnaireTemplate(tx, a, c, before);
  if (t == "course_sessions" && Touches(c, before, "seats_taken"))
    return Forbidden("Le nombre de places prises est tenu par le serveur.");
  if (t == "courses" || t == "course_sessions") return StaffOnly(a, "le catalogue de l'Université");
  if (t == "members") {
    if (a.staff()) return {};
    // Advisors keep their own profile (contacts, expertise) up to date.
    if (before.exists && c.op == ChangeOp::Upsert && Is(c.row_id, a.member_id) &&
        !Touches(c, before, "organisation_id") && !Touches(c, before, "office_id") && !Touches(c, before, "role"))
      return {};
    return Forbidden(
        "Vous pouvez modifier votre propre fiche (hors organisation, bureau et rôle) ; le reste de "
        "l'annuaire est tenu par l'équipe du réseau.");
  }
  if (t == "companies" || t == "contacts") {
    if (c.op == ChangeOp::Delete && !a.staff())
      return Forbidden("Seule l'équipe du réseau peut supprimer une entreprise ou un contact.");
    return {};
  }
  if (t == "referrals") {
    if (!before.exists) {
      if (!Is(AfterText(c, before, "from_member_id"), a.member_id))
        return Forbidden("Une orientation part de votre fiche membre : from_member_id doit être la vôtre.");
      std::string status = AfterText(c, before, "status");
      if (!status.empty() && status != "sent")
        return Forbidden("Une nouvelle orientation est envoyée (status « sent ») : seul son destinataire y répond.");
      return {};
    }
    bool from = Is(before.Text("from_member_id"), a.member_id), to = Is(before.Text("to_member_id"), a.member_id);
    if (c.op == ChangeOp::Delete) {
      if (from || a.staff()) return {};
      return Forbidden("Seul l'auteur d'une orientation peut la supprimer.");
    }
    if (!from && !to && !a.staff())
      return Forbidden("Seuls l'expéditeur et le destinataire d'une orientation peuvent la modifier.");
    if (a.staff()) return {};
    if (Touches(c, before, "from_member_id") || Touches(c, before, "to_member_id"))
      return Forbidden("L'expéditeur et le destinataire d'une orientation ne changent pas.");
    // The answer (accepted, declined with its reason, done) is the recipient's;
    // what the referral is about is the sender's.
    for (const char* col : {"status", "reason", "accepted_at", "declined_at", "done_at"})
      if (!to && Touches(c, before, col))
        return Forbidden("Seul le destinataire d'une orientation peut l'accepter, la refuser ou la clore.");
    for (const char* col : {"company_id", "message", "sent_at"})
      if (!from && Touches(c, before, col))
        return Forbidden("Seul l'expéditeur d'une orientation peut en changer l'entreprise ou le message.");
    return {};
  }
  if (t == "questionnaire_responses") {
    if (!before.exists) {
      if (!Is(AfterText(c, before, "author_member_id"), a.member_id))
        return Forbidden("Un diagnostic est signé par son auteur : author_member_id doit être votre fiche membre.");
      return {};
    }
    if (Touches(c, before, "author_member_id")) return Forbidden("L'auteur d'un diagnostic ne change pas.");
    std::string author = before.Text("author_member_id");
    if (Is(author, a.member_id)) return {};
    RowRecord m = tx.GetRow("members", author);
    if (Is(m.Text("organisation_id"), a.organisation_id)) return {};
    return Forbidden("Seuls l'auteur d'un diagnostic et son organisation peuvent le modifier.");
  }
  if (t == "legal_questions") {
    bool legal = a.staff() || a.member_role == "legal_expert";
    if (!before.exists) {
      if (!Is(AfterText(c, before, "asker_member_id"), a.member_id))
        return Forbidden("Une question est posée en votre nom : asker_member_id doit être votre fiche membre.");
      return {};
    }
    if (c.op == ChangeOp::Delete && !a.staff())
      return Forbidden("Seule l'équipe du réseau peut supprimer une question.");
    if (Touches(c, before, "asker_member_id")) return Forbidden("L'auteur d'une question ne change pas.");
    if (legal || Is(before.Text("asker_member_id"), a.member_id)) return {};
    return Forbidden("Seuls l'auteur de la question et l'équipe juridique peuvent la modifier.");
  }
  if (t == "legal_answers") {
    if (!a.staff() && a.member_role != "legal_expert")
      return Forbidden("Seule l'équipe juridique peut rédiger les réponses de la hotline.");
    if (!before.exists && !Is(AfterText(c, before, "author_member_id"), a.member_id))
      return Forbidden("Une réponse est signée par son auteur : author_member_id doit être votre fiche membre.");
    return {};
  }
  return Forbidden("Table « " + t + " » : aucune règle d'écriture, refusé par prudence.");
}
