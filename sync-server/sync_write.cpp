// sync_write.cpp — see sync_write.h.
#include "sync_write.h"

void ServerWrite(WriteCtx& w, RowRecord& row, const relais::Fields& fields, const char* op) {
  relais::Hlc h = w.clock.Now(w.now_ms);
  LogEntry e;
  e.table = row.table;
  e.row_id = row.row_id;
  e.op = op;
  e.fields = fields;
  e.hlc = h.packed;
  e.user_id = kServerUser;
  e.device_id = kServerDevice;
  e.at_ms = w.now_ms;
  int64_t serial = w.tx.AppendLog(e);
  for (const relais::Field& f : fields) {
    FieldState& st = row.fields[f.name];
    st.value = f.value;
    st.hlc = h.packed;
    st.user_id = kServerUser;
    st.device_id = kServerDevice;
    st.serial = serial;
  }
  row.serial = serial;
  w.tx.PutRow(row);
}

void TouchRow(WriteCtx& w, RowRecord& row) {
  LogEntry e;
  e.table = row.table;
  e.row_id = row.row_id;
  e.op = "touch";
  e.user_id = kServerUser;
  e.device_id = kServerDevice;
  e.at_ms = w.now_ms;
  row.serial = w.tx.AppendLog(e);
  w.tx.PutRow(row);
}
