// seats.h — the University's registrations: seats and the waiting list are
// decided by the server, in the order requests reach it (the write lock
// serialises them, so two devices can never both get the last seat).
//
//   new registration, status "requested"  -> "confirmed" while
//       confirmed + attended < course_sessions.seats, else "waitlisted"
//       with waitlist_position = last + 1
//   a confirmed registration cancelled or deleted, or seats raised
//       -> the first waitlisted (lowest position) is confirmed, the others
//          move up (positions 1..n)
//   seats lowered below the confirmed (and attended) count -> refused
//       ("seats_below_confirmed"): nobody loses a seat they were given
//   a cancellation by its owner always stands, even against a newer decision
// Decisions are server writes (fresh HLC): the registrant pulls them.
#pragma once
#include "access.h"
#include "sync_write.h"

// After a registration was written. before: the row as it was; after: as
// stored now (updated in place by decisions). *decided: what the server set
// on this row. A refusal (unknown session, already registered) cancels the
// whole push.
Refusal AfterRegistrationWrite(WriteCtx& w, const relais::sync::Change& c, const RowRecord& before, RowRecord& after,
                               relais::Fields* decided);

// After a session was written: more seats may confirm waitlisted requests;
// fewer than those confirmed is refused (the whole push).
Refusal AfterSessionWrite(WriteCtx& w, const RowRecord& before, const RowRecord& after);
