// storage.js — the local database's home in the browser: IndexedDB. The C++
// half (src/platform/storage/vfs.h) keeps the SQLite file in wasm memory and
// hands each commit's changed pages to onCommit().
//
// Layout (IndexedDB version 2; version 1 kept one record per page, see migrateV1):
//   meta    'db'  {layout: 2, pageSize, chunkPages, baseSeq, baseSize, commitSeq, fileSize}
//   chunks  key k = 0, 1, ...: ArrayBuffer of pages k*chunkPages+1 ... (chunkPages of
//           them, the last chunk shorter): the database as it was at commit baseSeq,
//           baseSize bytes long
//   log     key: the commit `to`: {from, to, fileSize, pgnos: Uint32Array, data: ArrayBuffer}
//           one record per write transaction: the pages commits from+1 .. to changed
//           (over 64 MB of pages: several records in that transaction, chained
//           through fractional keys between from and to; see flush)
//   rescued key: auto   {rescuedAt, row}: outbox rows saved from a corrupt database
// The database is the chunks, then each log record in key order: the file
// takes the record's size (pages past it are dropped), then the record's pages.
//
// Why: opening reads everything back. 51,200 one-page records (50 MB of 1 KB
// pages) took 3.7 s to read on a loaded machine; 204 chunks of 256 KB and the
// log, 0.9 s (docs/benchmarks.md). Commits stay proportional: one log record
// with only the pages they changed. When the writer is idle and the log has grown
// (LOG_MAX_RECORDS, LOG_MAX_BYTES; past 4x that, at the first moment nothing is
// pending), compaction folds the log into the chunks it touched.
//
// Invariants (what keeps every interleaving of commits, compaction, other
// tabs, closes and crashes free of data loss):
//  1. What is stored is always exactly one committed database: chunks at
//     baseSeq, then log records that chain (each record's from is the previous
//     record's to, the first one's is baseSeq), the last ending at
//     meta.commitSeq. Every write is ONE IndexedDB transaction taking it from
//     one such state to the next: a crash or a closed tab at any moment leaves
//     the old state or the new one, never a mix.
//  2. A commit is reported durable ("saved on this device") only once the
//     transaction holding its pages completed, with durability 'strict'.
//  3. Only the tab holding the Web Lock LOCK writes (commits, compaction,
//     recovery). Other tabs read meta, chunks and log in ONE readonly
//     transaction (a snapshot) and follow the writer's commits over a
//     BroadcastChannel; the first of them to get the lock takes over.
//  4. Compaction copies chunks out of this tab's memory only while that memory
//     IS the stored database: every commit durable (latest.seq ===
//     durableSeq), nothing pending or in flight, no SQLite transaction open.
//     A big copy spread over several tasks checks that again after each pause
//     and is dropped, before anything is written, if a commit came between.
//     In the same transaction it deletes the log records it folded in and
//     moves baseSeq. No commit transaction starts until it has ended. The
//     chunks it does not rewrite contain no page that a log record changed, so
//     they are already current.
//  5. A failed transaction stored nothing: a commit batch's pages go back under
//     any newer copy and are retried; a failed compaction changes nothing and
//     is tried again later.
//  6. Migration from version 1 runs inside the version-change transaction,
//     which excludes every other connection and is atomic: closed or crashed
//     midway, version 1 stays as it was and is migrated at the next start.
// shell/relais.js calls open() before starting the app; the C++ side calls
// onCommit() (EM_JS in local_db.cpp) for every commit.
'use strict';

(function () {
  const DB_NAME = 'relais-local';
  const DB_VERSION = 2;
  const CHUNKS = 'chunks', LOG = 'log', META = 'meta', RESCUED = 'rescued', META_KEY = 'db';
  const V1_PAGES = 'pages';  // version 1: one record per page
  const LAYOUT = 2;
  const LOCK = 'relais-local-writer';
  const CHANNEL = 'relais-local';
  // Chunk size of a new database (an existing one keeps its meta.chunkPages).
  // Measured on 50 MB (docs/benchmarks.md): 64 KB to 1 MB all open in about
  // the same time; smaller chunks make compaction rewrite fewer bytes.
  const CHUNK_BYTES = 256 * 1024;
  const LOAD_CHUNK_BYTES = 4 * 1024 * 1024;  // per getAll at start: 4 MB messages, not one of 50 MB
  const BROADCAST_MAX_BYTES = 4 * 1024 * 1024; // bigger batches: followers reload from IndexedDB instead
  const RETRY_MIN_MS = 1000, RETRY_MAX_MS = 10000;
  // Compaction: once the log holds this much, when no commit came for
  // COMPACT_IDLE_MS. Reading 256 small records at start costs tens of ms.
  const LOG_MAX_RECORDS = 256, LOG_MAX_BYTES = 8 * 1024 * 1024;
  const COMPACT_IDLE_MS = 2000, COMPACT_RETRY_MS = 30000;
  const COMPACT_SLICE_BYTES = 8 * 1024 * 1024, COMPACT_MAX_ABORTS = 3;  // see compactNow
  // A log record's data at most (see flush); tests lower it with setMaxRecordBytes.
  let maxRecordBytes = 64 * 1024 * 1024;
  // StorageStatus::State in local_db.h.
  const S = { Loading: 0, Ready: 1, ReadOnlyOtherTab: 2, QuotaExceeded: 3, Recovered: 4, Error: 5 };

  let M = null;            // the Emscripten module
  let idb = null;          // IDBDatabase (null when closed: reopened on retry)
  let channel = null;      // BroadcastChannel between the tabs
  let pageSize = 1024;  // the VFS's, asked at open
  // 'loading' | 'writer' | 'recovering' | 'follower' | 'memory' (nothing saved) | 'failed' (not opened)
  let role = 'loading';
  let baseState = S.Loading;
  let problem = null;      // {state, detail}: a write failure, shown over baseState until a write succeeds
  let rescuedCount = 0;

  // Writer: what is on the disk, what waits.
  let durableSeq = 0;          // every commit up to this one is stored
  let stored = null;           // the meta record as stored
  let latest = { seq: 0, fileSize: 0 };  // the last commit handed over by C++
  let pending = new Map();     // pgno -> ArrayBuffer: newest content not yet in a transaction
  let inflight = null;         // the batch being written
  let retryTimer = 0, retryDelay = 0;
  // Writer: the log since the chunks' base, for compaction.
  let logRecords = 0, logBytes = 0;
  let dirtyChunks = new Set(); // chunks holding a page some log record changed
  let minPages = 0;            // the smallest file size (pages) since the base: chunks past it are stale
  let compacting = null;       // the compaction transaction in flight
  let compactTimer = 0;
  let compactAborts = 0;       // sliced copies dropped in a row (a commit came meanwhile)

  // Follower: the commit this tab's copy is at, and messages to apply.
  let followSeq = 0;
  let followQueue = [];
  let followReloading = false;
  let followTimer = 0;

  const stats = {
    commits: 0,              // commits handed over by C++ in this tab
    lastCommitBytes: 0,      // page bytes of the last commit
    lastCommitPages: 0,
    transactions: 0,         // commit transactions completed
    bytesWritten: 0,         // page bytes written to IndexedDB by commits
    lastTx: null,            // {bytes, pages, commits, ms} of the last completed commit transaction
    failures: 0,
    lastError: '',
    open: null,              // {ms, readMs, copyMs, openMs, pages, bytes, chunks, logRecords}
    migrated: null,          // {pages, chunks, ms}: version 1 converted in this tab
    compactions: 0,
    compactBytes: 0,         // chunk bytes rewritten by compactions, all of them
    lastCompaction: null,    // {chunks, bytes, records, ms}
  };

  const errText = (e) => (e && (e.name ? e.name + (e.message ? ': ' + e.message : '') : String(e))) || 'erreur inconnue';

  // ------------------------------------------------------------- IndexedDB
  // Tests only: window.RELAIS_STORAGE_TEST = {bucket, quota} puts the
  // database in a Storage Bucket with that quota, so a real QuotaExceededError
  // can be provoked (DevTools' quota override is not enforced for IndexedDB).
  // The app itself uses the origin's default IndexedDB.
  async function idbFactory() {
    const t = window.RELAIS_STORAGE_TEST;
    if (t && t.bucket && navigator.storageBuckets) {
      return (await navigator.storageBuckets.open(t.bucket, { quota: t.quota, durability: 'strict' })).indexedDB;
    }
    if (!window.indexedDB) throw new Error('IndexedDB absent');
    return window.indexedDB;
  }

  // Chunk size for a new database: the constant, or a test's (bench of alternatives).
  function chunkBytes() {
    const t = window.RELAIS_STORAGE_TEST;
    return (t && t.chunkBytes) || CHUNK_BYTES;
  }

  async function openIdb() {
    const factory = await idbFactory();
    return new Promise((resolve, reject) => {
      let req;
      try { req = factory.open(DB_NAME, DB_VERSION); } catch (e) { reject(e); return; }
      req.onupgradeneeded = () => {
        const db = req.result;
        for (const name of [CHUNKS, LOG, META]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
        if (!db.objectStoreNames.contains(RESCUED)) db.createObjectStore(RESCUED, { autoIncrement: true });
        if (db.objectStoreNames.contains(V1_PAGES)) migrateV1(db, req.transaction);
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer version of the app (another tab) needs to upgrade the
        // stores: let it, and stop writing here.
        db.onversionchange = () => {
          db.close();
          if (idb === db) idb = null;
          setProblem(S.Error, 'une nouvelle version de Relais est ouverte dans un autre onglet : rechargez cette page');
        };
        // Closed by the browser (storage cleared, disk error): reopened on the next write.
        db.onclose = () => { if (idb === db) idb = null; };
        resolve(db);
      };
      // A failed migration (e.g. no room for the chunks) aborts the upgrade:
      // version 1 stays untouched and is migrated at the next start.
      req.onerror = () => reject(req.error);
      req.onblocked = () => console.warn('relais storage: IndexedDB upgrade blocked by another tab');
    });
  }

  // Version 1 -> 2 inside the version-change transaction (invariant 6): the
  // page records packed into chunks at the stored commit, meta rewritten, the
  // page store deleted. Runs once, before the module is even loaded.
  function migrateV1(db, tx) {
    const t0 = performance.now();
    const pages = tx.objectStore(V1_PAGES);
    let meta = null;
    tx.objectStore(META).get(META_KEY).onsuccess = (e) => { meta = e.target.result || null; };
    pages.getAllKeys().onsuccess = (e) => {
      const keys = e.target.result;
      const values = new Array(keys.length);
      let left = 0;
      const per = 4096;  // records per getAll
      for (let i = 0; i < keys.length; i += per) {
        const at = i, hi = keys[Math.min(i + per, keys.length) - 1];
        left++;
        pages.getAll(IDBKeyRange.bound(keys[i], hi)).onsuccess = (ev) => {
          ev.target.result.forEach((v, j) => { values[at + j] = v; });
          if (--left === 0) pack(keys, values);
        };
      }
      if (!keys.length) pack(keys, values);
    };
    function pack(keys, values) {
      const first = values.length ? asBytes(values[0]) : null;
      const ps = (meta && meta.pageSize) || (first ? first.length : 1024);
      // No meta (never written by version 1, but be safe): the pages say the size.
      const fileSize = meta ? Number(meta.fileSize) || 0 : (keys.length ? keys[keys.length - 1] * ps : 0);
      const seq = meta ? Number(meta.commitSeq) || 0 : 0;
      const cp = Math.max(1, Math.floor(chunkBytes() / ps));
      const n = Math.ceil(fileSize / ps);
      const chunks = [];
      for (let k = 0; k * cp < n; k++) chunks.push(new Uint8Array(Math.min(cp, n - k * cp) * ps));
      keys.forEach((pgno, i) => {
        const bytes = asBytes(values[i]);
        // A damaged page stays zeros: quick_check at open finds it, as before.
        if (pgno >= 1 && pgno <= n && bytes && bytes.length === ps) chunks[Math.floor((pgno - 1) / cp)].set(bytes, ((pgno - 1) % cp) * ps);
      });
      const out = tx.objectStore(CHUNKS);
      chunks.forEach((c, k) => out.put(c.buffer, k));
      tx.objectStore(META).put({ layout: LAYOUT, pageSize: ps, chunkPages: cp, baseSeq: seq, baseSize: fileSize,
        commitSeq: seq, fileSize }, META_KEY);
      db.deleteObjectStore(V1_PAGES);
      stats.migrated = { pages: keys.length, chunks: chunks.length, ms: 0 };
      tx.addEventListener('complete', () => { stats.migrated.ms = Math.round(performance.now() - t0); });
      console.info('relais storage: migrating', keys.length, 'page records into', chunks.length, 'chunks');
    }
  }

  // One readwrite transaction, strict durability: resolves once it is on the
  // disk, rejects with the error that aborted it.
  function writeTx(stores, fill) {
    return new Promise((resolve, reject) => {
      let tx;
      try {
        tx = idb.transaction(stores, 'readwrite', { durability: 'strict' });
        fill(tx);
      } catch (e) {
        try { if (tx) tx.abort(); } catch (_) { /* already finished */ }
        reject(e);
        return;
      }
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error || new DOMException('transaction interrompue', 'AbortError'));
    });
  }

  // Meta, every chunk and the whole log in ONE readonly transaction: a
  // consistent snapshot even while another tab writes (invariant 3).
  // onChunks(meta, log, keys, values), when given, is offered each batch of
  // chunks as it arrives (the log is read before them) and returns true when
  // it took them (copied into the VFS): they are then left out of the result.
  function readAll(onChunks) {
    return new Promise((resolve, reject) => {
      let tx;
      try { tx = idb.transaction([META, CHUNKS, LOG], 'readonly'); } catch (e) { reject(e); return; }
      let meta = null, log = [], count = 0, taken = 0;
      const keys = [], values = [];
      // Requests of a transaction complete in the order they were made.
      tx.objectStore(META).get(META_KEY).onsuccess = (e) => { meta = e.target.result || null; };
      tx.objectStore(LOG).getAll().onsuccess = (e) => { log = e.target.result; };
      const chunks = tx.objectStore(CHUNKS);
      chunks.getAllKeys().onsuccess = (e) => {
        const all = e.target.result;
        count = all.length;
        const bytes = meta && meta.chunkPages ? meta.chunkPages * meta.pageSize : CHUNK_BYTES;
        const per = Math.max(1, Math.floor(LOAD_CHUNK_BYTES / bytes));
        for (let i = 0; i < all.length; i += per) {
          const part = all.slice(i, i + per);
          chunks.getAll(IDBKeyRange.bound(part[0], part[part.length - 1])).onsuccess = (ev) => {
            const got = ev.target.result;
            if (got.length !== part.length) return;  // reported at completion
            if (onChunks && onChunks(meta, log, part, got)) { taken += part.length; return; }
            keys.push(...part);
            values.push(...got);
          };
        }
      };
      tx.oncomplete = () => {
        if (keys.length + taken !== count) reject(new Error('lecture incomplète des blocs'));
        else resolve({ meta, keys, values, log, taken });
      };
      tx.onabort = () => reject(tx.error || new Error('lecture interrompue'));
    });
  }

  function countRescued() {
    return new Promise((resolve) => {
      try {
        const req = idb.transaction(RESCUED, 'readonly').objectStore(RESCUED).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(rescuedCount);
      } catch (_) { resolve(rescuedCount); }
    });
  }

  function asBytes(v) {
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return null;
  }

  // The meta record of a database that has nothing stored yet.
  function emptyMeta(seq = 0) {
    return { layout: LAYOUT, pageSize, chunkPages: Math.max(1, Math.floor(chunkBytes() / pageSize)),
      baseSeq: seq, baseSize: 0, commitSeq: seq, fileSize: 0 };
  }

  // Replaces the VFS file with the snapshot (the store must be closed):
  // loadIntoVfs(snap), or at start, piece by piece as IndexedDB delivers it:
  // makeLoader(meta, log), then addChunks() for each batch, then finish().
  // finish() returns {seq, fileSize, pages, meta, dirty, minPages, logBytes}.
  // Both throw when memory runs out.
  function loadIntoVfs(snap) {
    const loader = snap.loader || makeLoader(snap.meta, snap.log);
    loader.addChunks(snap.keys, snap.values);
    return loader.finish();
  }

  function makeLoader(storedMeta, log) {
    const notes = [];
    const meta = storedMeta || emptyMeta();
    const ps = meta.pageSize, cp = meta.chunkPages;
    // The log first (invariant 1): the newest copy of each page it holds, and
    // the smallest size the file had since the base: chunk pages past that
    // were cut off, then either written again (in the log) or zeros.
    let n = Math.ceil(meta.baseSize / ps), seq = meta.baseSeq, low = n, logBytes = 0;
    const fromLog = new Map();  // pgno -> view into a record
    const dirty = new Set();    // chunks holding a page the log changed
    for (const r of log) {
      if (r.from !== seq) notes.push('journal discontinu (' + seq + ' puis ' + r.from + ')');
      const rn = Math.ceil(r.fileSize / ps);
      if (rn < n) for (const pgno of fromLog.keys()) if (pgno > rn) fromLog.delete(pgno);
      const data = asBytes(r.data);
      const pgnos = r.pgnos || [];
      if (!data || data.length !== pgnos.length * ps) { notes.push('journal ' + r.to + ' de taille invalide'); continue; }
      for (let i = 0; i < pgnos.length; i++) {
        if (pgnos[i] < 1 || pgnos[i] > rn) continue;
        fromLog.set(pgnos[i], data.subarray(i * ps, (i + 1) * ps));
        dirty.add(Math.floor((pgnos[i] - 1) / cp));
      }
      logBytes += data.length;
      seq = r.to;
      n = rn;
      low = Math.min(low, rn);
    }
    if (seq !== meta.commitSeq || n !== Math.ceil(meta.fileSize / ps)) notes.push('méta-données et journal en désaccord');
    const fileSize = Number(meta.fileSize) || 0;
    const nPages = Math.ceil(fileSize / ps);
    low = Math.min(low, nPages);
    if (!M._relais_vfs_load_begin(nPages)) throw new Error('mémoire insuffisante pour ' + nPages + ' pages');
    const have = new Uint8Array(nPages + 1);
    const put = (pgno, bytes) => {
      const ptr = M._relais_vfs_page(pgno);
      if (!ptr) throw new Error('mémoire insuffisante');
      M.HEAPU8.set(bytes, ptr);  // after the call: memory may have grown
      have[pgno] = 1;
    };
    return {
      // The chunks, up to `low`: one call per chunk (51,200 calls for 50 MB
      // one page at a time cost about as much as reading them).
      addChunks(keys, values) {
        const staging = M._relais_vfs_load_pages ? M._malloc(cp * ps) : 0;
        try {
          for (let i = 0; i < keys.length; i++) {
            const k = keys[i], bytes = asBytes(values[i]);
            if (!bytes || bytes.length % ps || bytes.length > cp * ps) { notes.push('bloc ' + k + ' de taille invalide'); continue; }
            const count = Math.min(bytes.length / ps, low - k * cp);
            if (count <= 0) continue;
            if (staging) {
              M.HEAPU8.set(bytes.subarray(0, count * ps), staging);
              if (!M._relais_vfs_load_pages(k * cp + 1, count, staging)) throw new Error('mémoire insuffisante');
              have.fill(1, k * cp + 1, k * cp + 1 + count);
            } else {
              for (let j = 0; j < count; j++) put(k * cp + j + 1, bytes.subarray(j * ps, (j + 1) * ps));
            }
          }
        } finally {
          if (staging) M._free(staging);
        }
      },
      finish() {
        for (const [pgno, bytes] of fromLog) if (pgno <= nPages) put(pgno, bytes);
        const found = have.reduce((a, b) => a + b, 0);
        if (found !== nPages) notes.push((nPages - found) + ' pages manquantes');
        M._relais_vfs_load_end(fileSize, meta.commitSeq);
        if (!storedMeta && (found || log.length)) notes.push('méta-données absentes');
        if (notes.length) console.warn('relais storage: stored database damaged:', notes.join(', '));
        return { seq: meta.commitSeq, fileSize, pages: nPages, meta, dirty, minPages: low, logBytes };
      },
    };
  }

  // ------------------------------------------------------------------ state
  function pushState() {
    if (!M) return;
    const st = problem ? problem.state : baseState;
    M.ccall('relais_storage_set_state', null, ['number', 'string', 'number'],
      [st, problem ? problem.detail : '', rescuedCount]);
  }
  function setProblem(state, detail) {
    problem = { state, detail };
    pushState();
  }

  // ------------------------------------------------------------------ open
  // Started as soon as this script runs, while the wasm module downloads and
  // compiles: open IndexedDB (migrating version 1), take the writer lock or
  // not, read the chunks and the log.
  const early = (async () => {
    const t0 = performance.now();
    idb = await openIdb();
    if (window.BroadcastChannel) {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (ev) => onChannel(ev.data);  // queued until this tab knows its role
    }
    const writer = await tryWriterLock();
    let snap = null, readError = null, loader = null;
    // Once the module is there (usually: compiled from cache meanwhile), the
    // chunks go into the VFS as they arrive, overlapping the reading. Nothing
    // has the file open yet. Not for a stored format this app refuses.
    let streamError = null;
    const stream = (meta, log, keys, values) => {
      if (!M || (meta && (meta.pageSize !== pageSize || meta.layout !== LAYOUT))) return false;
      try {
        if (!loader) loader = makeLoader(meta, log);
        loader.addChunks(keys, values);
      } catch (e) {
        streamError = streamError || e;  // out of memory: the chunks taken so far are lost, so is the snapshot
      }
      return true;
    };
    try {
      snap = await readAll(stream);
      snap.loader = loader;
    } catch (e) { readError = e; }
    readError = readError || streamError;
    return { writer, snap, readError, t0, readMs: performance.now() - t0 };
  })();
  early.catch(() => {});  // handled in open()

  async function open(Module) {
    M = Module;
    const t0 = performance.now();
    pageSize = M._relais_vfs_page_size();
    pushState();
    let pre;
    try {
      pre = await early;
    } catch (e) {
      startMemoryOnly('IndexedDB indisponible (' + errText(e) + ')');
      return;
    }
    window.addEventListener('beforeunload', (e) => {
      // Commits not on the disk yet: let the browser ask before closing.
      if (role === 'writer' && latest.seq > durableSeq) { e.preventDefault(); e.returnValue = ''; }
    });
    try {
      if (pre.writer) {
        await bootWriter(false, pre);
      } else {
        await bootFollower(pre);
        waitWriterLock().then(() => bootWriter(true, null));
      }
    } catch (e) {
      // Start the app anyway: it shows the status instead of a blank page.
      console.error('relais storage: open failed', e);
      role = 'failed';
      setProblem(S.Error, errText(e));
    }
    // ms: from this script's start; waitMs: how long the app waited for it once the module was ready.
    if (stats.open) Object.assign(stats.open, { ms: Math.round(performance.now() - pre.t0), waitMs: Math.round(performance.now() - t0) });
  }

  // The app runs, but nothing is stored: the status says so.
  function startMemoryOnly(detail) {
    console.warn('relais storage:', detail);
    role = 'memory';
    M._relais_vfs_load_begin(0);
    M._relais_vfs_load_end(0, 0);
    M._relais_storage_open(2);
    setProblem(S.Error, detail);
  }

  // ---------------------------------------------------------- Web Lock
  function tryWriterLock() {
    if (!(navigator.locks && navigator.locks.request)) {
      console.warn('relais storage: no Web Locks API, this tab writes without checking for others');
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) { resolve(false); return undefined; }
        resolve(true);
        return new Promise(() => {});  // held as long as the page lives
      }).catch((e) => { console.warn('relais storage: lock', e); resolve(true); });
    });
  }
  function waitWriterLock() {
    return new Promise((resolve) => {
      navigator.locks.request(LOCK, () => { resolve(); return new Promise(() => {}); })
        .catch((e) => console.warn('relais storage: lock', e));
    });
  }

  // ------------------------------------------------------------- writer
  // At start, or when taking over from a closed writer tab: read everything
  // stored, check it, open it read-write.
  // pre: what the early start read (at start), null at a takeover.
  async function bootWriter(takeover, pre) {
    let t0 = performance.now();
    role = 'loading';
    followQueue = [];
    let snap;
    try {
      if (pre && pre.readError) throw pre.readError;
      if (pre) t0 -= pre.readMs;
      snap = pre ? pre.snap : await readAll();
    } catch (e) {
      // Never write over data that could not be read.
      if (takeover) { role = 'follower'; setProblem(S.Error, 'lecture impossible (' + errText(e) + ')'); }
      else startMemoryOnly('lecture des données impossible (' + errText(e) + ')');
      return;
    }
    if (snap.meta && (snap.meta.pageSize !== pageSize || snap.meta.layout !== LAYOUT)) {
      // Written by a version of the app with another page size or layout: not corrupt, not ours to wipe.
      role = 'failed';
      setProblem(S.Error, 'format de stockage inconnu (version ' + snap.meta.layout + ', pages de ' + snap.meta.pageSize + ' octets)');
      return;
    }
    rescuedCount = await countRescued();
    const t1 = performance.now();
    // From here to the open, no await: the UI never runs without its store
    // in between (a takeover happens under a running app).
    M._relais_storage_close();
    let loaded;
    try {
      loaded = loadIntoVfs(snap);
    } catch (e) {
      role = 'failed';
      setProblem(S.Error, errText(e));
      return;
    }
    const t2 = performance.now();
    durableSeq = latest.seq = loaded.seq;
    latest.fileSize = loaded.fileSize;
    stored = loaded.meta;
    logRecords = snap.log.length;
    logBytes = loaded.logBytes;
    dirtyChunks = loaded.dirty;
    minPages = loaded.minPages;
    pending = new Map();
    followQueue = [];
    M._relais_storage_durable(loaded.seq);  // what was read is on the disk
    role = 'writer';
    baseState = S.Ready;
    problem = null;
    pushState();
    let r = M._relais_storage_open(0);  // commits made while opening (migrations) queue and flush
    if (r === 1) r = await recover(loaded);
    if (r !== 0 && role === 'writer') {
      // Not corrupt but not openable (e.g. written by a newer app): left untouched.
      role = 'failed';
      setProblem(S.Error, window.RelaisStorage.state().detail || 'base de données impossible à ouvrir');
    }
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    stats.open = {
      ms: 0, readMs: Math.round(t1 - t0), copyMs: Math.round(t2 - t1), openMs: Math.round(performance.now() - t2),
      pages: loaded.pages, bytes: loaded.fileSize, chunks: snap.keys.length + (snap.taken || 0), logRecords: snap.log.length,
    };
    flush();
    scheduleCompaction();  // a log left big by the last session
  }

  // The database is corrupt: keep its readable outbox rows and clear the
  // chunks and the log in ONE transaction, and only then start a fresh database.
  async function recover(loaded) {
    let rows = [];
    try { rows = JSON.parse(M.UTF8ToString(M._relais_storage_rescued_json())); } catch (e) {
      console.warn('relais storage: rescued rows unreadable', e);
    }
    role = 'recovering';  // commits (none expected) wait, nothing is written over the old pages
    const meta = Object.assign(emptyMeta(loaded.seq), { recoveredAt: Date.now() });
    try {
      await writeTx([CHUNKS, LOG, META, RESCUED], (tx) => {
        tx.objectStore(CHUNKS).clear();
        tx.objectStore(LOG).clear();
        tx.objectStore(META).put(meta, META_KEY);
        const store = tx.objectStore(RESCUED);
        for (const row of rows) store.add({ rescuedAt: meta.recoveredAt, row });
      });
    } catch (e) {
      // The old database stays as it was; this session runs in memory.
      console.warn('relais storage: recovery not stored', e);
      role = 'memory';
      M._relais_storage_open_fresh();
      setProblem(e && e.name === 'QuotaExceededError' ? S.QuotaExceeded : S.Error,
        'réparation impossible (' + errText(e) + ')');
      return 0;
    }
    console.warn('relais storage: corrupt database replaced,', rows.length, 'outbox rows kept in "rescued"');
    pending = new Map();
    durableSeq = latest.seq = loaded.seq;
    latest.fileSize = 0;
    stored = meta;
    logRecords = logBytes = minPages = 0;
    dirtyChunks = new Set();
    role = 'writer';
    baseState = S.Recovered;
    rescuedCount += rows.length;
    pushState();
    if (channel) channel.postMessage({ type: 'reload', to: loaded.seq });
    return M._relais_storage_open_fresh();
  }

  // Called by C++ for each commit: list = [[pgno, ArrayBuffer], ...].
  function onCommit(seq, fileSize, size, list) {
    latest = { seq, fileSize };
    stats.commits++;
    stats.lastCommitPages = list.length;
    stats.lastCommitBytes = list.length * size;
    if (role === 'memory' || role === 'failed') return;  // nowhere to store them; the status says so
    for (const [pgno, buf] of list) pending.set(pgno, buf);  // a newer copy replaces an older one
    flush();
  }

  // Writes everything pending as ONE log record (and the meta) in one
  // transaction, unless a transaction is in flight (then its completion calls
  // flush again: commits coalesce meanwhile).
  function flush() {
    if (role !== 'writer' || inflight || compacting || latest.seq <= durableSeq) return;
    if (!idb) { scheduleRetry(); return; }
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = 0; }
    const batch = { pages: pending, seq: latest.seq, fileSize: latest.fileSize, from: durableSeq, t0: performance.now() };
    pending = new Map();
    inflight = batch;
    const nPages = Math.ceil(batch.fileSize / pageSize);
    // Pages past the end were cut off by a later truncation: the record's size drops them.
    const list = [...batch.pages].filter(([pgno]) => pgno <= nPages);
    // IndexedDB refuses a value over 127 MB (Chromium: "The serialized keys
    // and/or value are too large"), and a batch can be bigger (a reindex, or
    // commits coalesced behind a long transaction). Such a batch is several
    // records in the same transaction, keyed between from and to so that
    // they chain (invariant 1): from < k1 < ... < kn = to, fractions allowed.
    const perRecord = Math.max(1, Math.floor(maxRecordBytes / pageSize));
    const parts = Math.max(1, Math.ceil(list.length / perRecord));
    const records = [];
    for (let p = 0; p < parts; p++) {
      const slice = list.slice(p * perRecord, (p + 1) * perRecord);
      const data = new Uint8Array(slice.length * pageSize);
      slice.forEach(([, buf], i) => data.set(new Uint8Array(buf), i * pageSize));
      const to = p === parts - 1 ? batch.seq : batch.from + ((batch.seq - batch.from) * (p + 1)) / parts;
      records.push({ from: p ? records[p - 1].to : batch.from, to, fileSize: batch.fileSize,
        pgnos: Uint32Array.from(slice, ([pgno]) => pgno), data: data.buffer });
    }
    const meta = Object.assign({}, stored, { commitSeq: batch.seq, fileSize: batch.fileSize });
    const bytes = list.length * pageSize;
    writeTx([LOG, META], (tx) => {
      for (const r of records) tx.objectStore(LOG).put(r, r.to);
      tx.objectStore(META).put(meta, META_KEY);
    }).then(() => {
      inflight = null;
      durableSeq = batch.seq;
      stored = meta;
      logRecords += records.length;
      logBytes += bytes;
      for (const [pgno] of list) dirtyChunks.add(Math.floor((pgno - 1) / stored.chunkPages));
      minPages = Math.min(minPages, nPages);
      retryDelay = 0;
      stats.transactions++;
      stats.bytesWritten += bytes;
      stats.lastTx = { bytes, pages: list.length, commits: batch.seq - batch.from, ms: Math.round(performance.now() - batch.t0) };
      if (problem) { problem = null; pushState(); }
      M._relais_storage_durable(batch.seq);
      if (channel) {
        if (bytes <= BROADCAST_MAX_BYTES) {
          channel.postMessage({ type: 'pages', from: batch.from, to: batch.seq, fileSize: batch.fileSize, pageSize, pages: list });
        } else {
          channel.postMessage({ type: 'reload', to: batch.seq });
        }
      }
      flush();
      // Commits that never pause would put compaction off for ever: past 4x
      // the thresholds it runs at the first moment nothing is pending.
      const overdue = logRecords >= 4 * LOG_MAX_RECORDS || logBytes >= 4 * LOG_MAX_BYTES;
      const run = overdue && !inflight ? compactNow() : null;
      if (run) run.then((ok) => { if (!ok) scheduleCompaction(COMPACT_RETRY_MS); });
      else scheduleCompaction();
    }, (err) => {
      inflight = null;
      // Nothing of the batch was stored (the transaction is atomic): put its
      // pages back under any newer copy, and try again later.
      for (const [pgno, buf] of batch.pages) if (!pending.has(pgno)) pending.set(pgno, buf);
      stats.failures++;
      stats.lastError = errText(err);
      console.warn('relais storage: write failed, will retry:', stats.lastError);
      if (err && err.name === 'QuotaExceededError') setProblem(S.QuotaExceeded, '');
      else setProblem(S.Error, 'écriture refusée (' + errText(err) + ') ; nouvel essai automatique');
      if (err && err.name === 'InvalidStateError') idb = null;  // connection closed under us
      scheduleRetry();
    });
  }

  // ---------------------------------------------------------- compaction
  // Once the log is big enough to slow the next start, and no commit came for
  // COMPACT_IDLE_MS (each commit pushes it back).
  function scheduleCompaction(delay = COMPACT_IDLE_MS) {
    if (compactTimer) { clearTimeout(compactTimer); compactTimer = 0; }
    if (role !== 'writer' || (logRecords < LOG_MAX_RECORDS && logBytes < LOG_MAX_BYTES)) return;
    compactTimer = setTimeout(() => {
      compactTimer = 0;
      const run = compactNow();
      if (!run) scheduleCompaction();  // not idle after all
      else run.then((ok) => { if (!ok) scheduleCompaction(COMPACT_RETRY_MS); });
    }, delay);
  }

  // True while this tab's memory IS the stored database (invariant 4).
  function memoryIsStored() {
    return role === 'writer' && !!idb && !inflight && !pending.size && latest.seq === durableSeq &&
      !M._relais_vfs_busy();
  }

  // Puts chunks in batches of about COMPACT_SLICE_BYTES, each batch from the
  // success of the last one's final request (which keeps the transaction
  // open): putting hundreds of MB at once cloned them all in one task. Then done().
  function putInBatches(store, chunks, done) {
    let i = 0;
    const next = () => {
      let bytes = 0, req = null;
      while (i < chunks.length && bytes < COMPACT_SLICE_BYTES) {
        const [k, buf] = chunks[i++];
        req = store.put(buf, k);
        bytes += buf.byteLength;
      }
      if (req && i < chunks.length) req.onsuccess = next;
      else done();
    };
    next();
  }

  // Folds the log into the chunks in ONE transaction (invariant 4). Returns
  // null when this tab's memory is not exactly the stored database right now,
  // else a promise of true (done) or false (failed or dropped, nothing changed).
  //
  // The copy of a big compaction (after a first sync or a reindex: 846 MB on
  // the 10x bench, which froze the app for 2.5 s) is spread over tasks of
  // COMPACT_SLICE_BYTES. Between them the memory must still be the stored
  // database: a commit meanwhile makes the copy stale, and it is dropped
  // before anything is written. After COMPACT_MAX_ABORTS drops in a row the
  // copy is made in one go, so busy writing cannot put compaction off for ever.
  function compactNow() {
    if (compacting || !memoryIsStored()) return null;
    const t0 = performance.now();
    const cp = stored.chunkPages, ps = pageSize;
    const n = Math.ceil(stored.fileSize / ps), baseN = Math.ceil(stored.baseSize / ps);
    // Chunks to rewrite: those a log record changed, and those the file's
    // size moved through since the base (shrunk and grown: stale pages).
    const write = new Set([...dirtyChunks].filter((k) => k * cp < n));
    const low = Math.min(minPages, n, baseN);
    if (low < Math.max(n, baseN)) for (let k = Math.floor(low / cp); k * cp < n; k++) write.add(k);
    const keys = [...write].sort((a, b) => a - b);
    const seq = durableSeq, records = logRecords;
    const sliced = keys.length * cp * ps > COMPACT_SLICE_BYTES && compactAborts < COMPACT_MAX_ABORTS;
    // Without slices this runs to its end synchronously, now.
    const copy = (async () => {
      const chunks = [];
      let bytes = 0, since = 0;
      for (const k of keys) {
        if (sliced && since >= COMPACT_SLICE_BYTES) {
          since = 0;
          await new Promise((r) => setTimeout(r, 0));
          if (!memoryIsStored() || durableSeq !== seq) return null;  // a commit came: stale
        }
        const count = Math.min(cp, n - k * cp);
        const buf = new Uint8Array(count * ps);
        for (let i = 0; i < count; i++) {
          const ptr = M._relais_vfs_page(k * cp + i + 1);
          if (!ptr) return null;  // out of memory: try later
          buf.set(M.HEAPU8.subarray(ptr, ptr + ps), i * ps);
        }
        chunks.push([k, buf.buffer]);
        bytes += buf.length;
        since += buf.length;
      }
      return { chunks, bytes };
    })();
    const meta = Object.assign({}, stored, { baseSeq: seq, baseSize: stored.fileSize });
    compacting = copy.then((c) => {
      if (!c) {
        compactAborts++;
        return false;
      }
      return writeTx([CHUNKS, LOG, META], (tx) => {
        const out = tx.objectStore(CHUNKS);
        putInBatches(out, c.chunks, () => {
          out.delete(IDBKeyRange.lowerBound(Math.ceil(n / cp)));  // past the end of a shrunk file
          tx.objectStore(LOG).delete(IDBKeyRange.upperBound(seq));
          tx.objectStore(META).put(meta, META_KEY);
        });
      }).then(() => {
        stored = meta;
        logRecords = logBytes = 0;
        dirtyChunks = new Set();
        minPages = n;
        compactAborts = 0;
        stats.compactions++;
        stats.compactBytes += c.bytes;
        stats.lastCompaction = { chunks: c.chunks.length, bytes: c.bytes, records, ms: Math.round(performance.now() - t0),
          sliced };
        return true;
      });
    }).then((ok) => ok, (err) => {
      // Invariant 5: nothing changed; the log stays valid and is read at start.
      console.warn('relais storage: compaction failed, will retry:', errText(err));
      if (err && err.name === 'InvalidStateError') idb = null;
      return false;
    }).then((ok) => {
      compacting = null;
      flush();  // the commits that waited
      return ok;
    });
    return compacting;
  }

  // Tests and the bench: compact now, whatever the log's size, as soon as
  // the writer is idle. Resolves with lastCompaction, or null if not the writer.
  async function compact() {
    for (let i = 0; i < 600; i++) {
      if (role !== 'writer') return null;
      const run = compacting ? null : compactNow();
      if (run) return (await run) ? stats.lastCompaction : null;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }

  function scheduleRetry() {
    if (retryTimer) return;
    retryDelay = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, retryDelay * 2));
    retryTimer = setTimeout(retryNow, retryDelay);
  }
  async function retryNow() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = 0; }
    if (!idb) {
      try { idb = await openIdb(); } catch (e) { stats.lastError = errText(e); scheduleRetry(); return; }
    }
    flush();
  }

  // ------------------------------------------------------------- follower
  async function bootFollower(pre) {
    role = 'follower';
    baseState = S.ReadOnlyOtherTab;
    pushState();
    await followerReload(pre.readError ? null : pre.snap);
  }

  // Reads the whole stored database again (first load, a missed message, a
  // batch too big to broadcast, the writer's recovery). Messages that came
  // meanwhile are applied after, those already in the snapshot skipped.
  async function followerReload(snapshot) {
    followReloading = true;
    try {
      const snap = snapshot || await readAll();
      await notBusy();
      if (role !== 'follower') return;  // took over meanwhile
      M._relais_storage_close();
      followSeq = loadIntoVfs(snap).seq;
      M._relais_storage_changed();  // opens the store read-only when it can
    } catch (e) {
      setProblem(S.Error, 'lecture impossible (' + errText(e) + ')');
    } finally {
      followReloading = false;
    }
    drainFollow();
  }

  // The file must not change under an open read transaction.
  function notBusy() {
    return new Promise((resolve) => {
      const check = () => (M._relais_vfs_busy() ? setTimeout(check, 20) : resolve());
      check();
    });
  }

  function onChannel(msg) {
    if (!msg || role === 'writer' || role === 'recovering') return;
    followQueue.push(msg);
    drainFollow();
  }

  // Applies the writer's batches in order; a gap means a full reload.
  function drainFollow() {
    if (role !== 'follower' || followReloading || !followQueue.length) return;
    if (M._relais_vfs_busy()) {
      if (!followTimer) followTimer = setTimeout(() => { followTimer = 0; drainFollow(); }, 20);
      return;
    }
    let applied = false;
    while (followQueue.length) {
      const m = followQueue.shift();
      if (m.to <= followSeq) continue;
      if (m.type !== 'pages' || m.from !== followSeq || m.pageSize !== pageSize) {
        followQueue = followQueue.filter((x) => x.type === 'pages');
        if (applied) M._relais_storage_changed();
        followerReload(null);
        return;
      }
      for (const [pgno, buf] of m.pages) {
        const ptr = M._relais_vfs_page(pgno);
        if (!ptr) {
          // Half a batch applied: the file is inconsistent, nothing may read it.
          M._relais_storage_close();
          role = 'failed';
          setProblem(S.Error, 'mémoire insuffisante');
          return;
        }
        M.HEAPU8.set(new Uint8Array(buf), ptr);
      }
      M._relais_vfs_load_end(m.fileSize, m.to);
      followSeq = m.to;
      applied = true;
    }
    if (applied) M._relais_storage_changed();
  }

  // ---------------------------------------------------------------- public
  window.RelaisStorage = {
    open,
    onCommit,
    // Status as the C++ side holds it (what the UI shows), plus the role.
    state() {
      if (!M || !M._relais_storage_status_json) return { state: 'loading', role };
      const s = JSON.parse(M.UTF8ToString(M._relais_storage_status_json()));
      s.role = role;
      return s;
    },
    stats() {
      return Object.assign({}, stats, {
        role, durableSeq, lastSeq: latest.seq, pendingPages: pending.size, inflight: !!inflight,
        followSeq, pageSize, logRecords, logBytes, compacting: !!compacting,
        chunkPages: stored ? stored.chunkPages : 0,
      });
    },
    // Outbox rows saved from a corrupt database, for the sync engine to resend.
    rescued() {
      return new Promise((resolve, reject) => {
        const req = idb.transaction(RESCUED, 'readonly').objectStore(RESCUED).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    },
    retryNow,  // e.g. after the user freed space; otherwise retried every 1 to 10 s
    compact,   // tests and the bench; the writer compacts on its own when idle
    setMaxRecordBytes(n) { maxRecordBytes = n; },  // tests: big batches split into records without writing 127 MB
  };
})();
