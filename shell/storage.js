// storage.js — the local database's home in the browser: IndexedDB, one record
// per SQLite page (see src/platform/storage/vfs.h for the C++ half).
//
//   pages   key: page number (1-based)   value: ArrayBuffer of one page
//   meta    key: 'db'   value: {pageSize, fileSize, commitSeq}
//   rescued key: auto   value: {rescuedAt, row} — outbox rows saved from a corrupt database
//
// Durable: each batch of commits is ONE readwrite transaction with
// durability 'strict' holding the changed pages and the meta record, so the
// stored database moves atomically from one committed state to the next;
// only when it completes is the commit reported durable ("saved on this
// device"). Proportional: only the pages a commit changed are written.
// One writer: the tab holding the Web Lock LOCK writes; other tabs open the
// database read-only and follow the writer's commits (BroadcastChannel), and
// the first of them to get the lock when the writer goes takes over.
// shell/relais.js calls open() before starting the app; the C++ side calls
// onCommit() (EM_JS in local_db.cpp) for every commit.
'use strict';

(function () {
  const DB_NAME = 'relais-local';
  const DB_VERSION = 1;
  const PAGES = 'pages', META = 'meta', RESCUED = 'rescued', META_KEY = 'db';
  const LOCK = 'relais-local-writer';
  const CHANNEL = 'relais-local';
  const LOAD_CHUNK_BYTES = 4 * 1024 * 1024;  // per getAll at start: 4 MB messages, not one of 50 MB
  const BROADCAST_MAX_BYTES = 4 * 1024 * 1024; // bigger batches: followers reload from IndexedDB instead
  const RETRY_MIN_MS = 1000, RETRY_MAX_MS = 10000;
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
  let storedFileSize = 0;      // file size in the stored meta
  let latest = { seq: 0, fileSize: 0 };  // the last commit handed over by C++
  let pending = new Map();     // pgno -> ArrayBuffer: newest content not yet in a transaction
  let inflight = null;         // the batch being written
  let retryTimer = 0, retryDelay = 0;

  // Follower: the commit this tab's copy is at, and messages to apply.
  let followSeq = 0;
  let followQueue = [];
  let followReloading = false;
  let followTimer = 0;

  const stats = {
    commits: 0,              // commits handed over by C++ in this tab
    lastCommitBytes: 0,      // page bytes of the last commit
    lastCommitPages: 0,
    transactions: 0,         // IndexedDB transactions completed
    bytesWritten: 0,         // page bytes written to IndexedDB, all transactions
    lastTx: null,            // {bytes, pages, commits, ms} of the last completed transaction
    failures: 0,
    lastError: '',
    open: null,              // {ms, readMs, copyMs, openMs, pages, bytes}
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

  async function openIdb() {
    const factory = await idbFactory();
    return new Promise((resolve, reject) => {
      let req;
      try { req = factory.open(DB_NAME, DB_VERSION); } catch (e) { reject(e); return; }
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(PAGES)) db.createObjectStore(PAGES);
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
        if (!db.objectStoreNames.contains(RESCUED)) db.createObjectStore(RESCUED, { autoIncrement: true });
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
      req.onerror = () => reject(req.error);
      req.onblocked = () => console.warn('relais storage: IndexedDB upgrade blocked by another tab');
    });
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

  // Every page and the meta record, in ONE readonly transaction: a
  // consistent snapshot even while another tab writes.
  function readAll() {
    return new Promise((resolve, reject) => {
      let tx;
      try { tx = idb.transaction([PAGES, META], 'readonly'); } catch (e) { reject(e); return; }
      const pages = tx.objectStore(PAGES);
      let meta = null, keys = [];
      const chunks = [];
      tx.objectStore(META).get(META_KEY).onsuccess = (e) => { meta = e.target.result || null; };
      pages.getAllKeys().onsuccess = (e) => {
        keys = e.target.result;
        const chunk = Math.max(1, Math.floor(LOAD_CHUNK_BYTES / pageSize));
        for (let i = 0; i < keys.length; i += chunk) {
          const lo = keys[i], hi = keys[Math.min(i + chunk, keys.length) - 1];
          const at = chunks.length;
          chunks.push(null);
          pages.getAll(IDBKeyRange.bound(lo, hi)).onsuccess = (ev) => { chunks[at] = ev.target.result; };
        }
      };
      tx.oncomplete = () => {
        const values = [].concat(...chunks);
        if (values.length !== keys.length) reject(new Error('lecture incomplète des pages'));
        else resolve({ meta, keys, values });
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

  // Replaces the VFS file with the snapshot (the store must be closed).
  // Returns {seq, fileSize, pages, note}; throws when memory runs out.
  function loadIntoVfs(snap) {
    const { meta, keys, values } = snap;
    const notes = [];
    let fileSize, seq = 0;
    if (meta) {
      fileSize = Number(meta.fileSize) || 0;
      seq = Number(meta.commitSeq) || 0;
    } else {
      fileSize = keys.length ? keys[keys.length - 1] * pageSize : 0;
      if (keys.length) notes.push('méta-données absentes');
    }
    const nPages = Math.ceil(fileSize / pageSize);
    if (!M._relais_vfs_load_begin(nPages)) throw new Error('mémoire insuffisante pour ' + nPages + ' pages');
    let found = 0;
    for (let i = 0; i < keys.length; i++) {
      const pgno = keys[i];
      if (pgno < 1 || pgno > nPages) continue;
      const bytes = asBytes(values[i]);
      if (!bytes || bytes.length !== pageSize) { notes.push('page ' + pgno + ' de taille invalide'); continue; }
      const ptr = M._relais_vfs_page(pgno);
      if (!ptr) throw new Error('mémoire insuffisante');
      M.HEAPU8.set(bytes, ptr);  // after the call: memory may have grown
      found++;
    }
    if (found !== nPages) notes.push((nPages - found) + ' pages manquantes');
    M._relais_vfs_load_end(fileSize, seq);
    if (notes.length) console.warn('relais storage: stored database damaged:', notes.join(', '));
    return { seq, fileSize, pages: nPages };
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
  // compiles: open IndexedDB, take the writer lock or not, read every page.
  // open() then only copies them into the module.
  const early = (async () => {
    const t0 = performance.now();
    idb = await openIdb();
    if (window.BroadcastChannel) {
      channel = new BroadcastChannel(CHANNEL);
      channel.onmessage = (ev) => onChannel(ev.data);  // queued until this tab knows its role
    }
    const writer = await tryWriterLock();
    let snap = null, readError = null;
    try { snap = await readAll(); } catch (e) { readError = e; }
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
    if (snap.meta && snap.meta.pageSize !== pageSize) {
      // Written by a version of the app with another page size: not corrupt, not ours to wipe.
      role = 'failed';
      setProblem(S.Error, 'format de stockage inconnu (pages de ' + snap.meta.pageSize + ' octets)');
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
    storedFileSize = latest.fileSize = loaded.fileSize;
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
      pages: loaded.pages, bytes: loaded.fileSize,
    };
    flush();
  }

  // The database is corrupt: keep its readable outbox rows and clear the
  // pages in ONE transaction, and only then start a fresh database.
  async function recover(loaded) {
    let rows = [];
    try { rows = JSON.parse(M.UTF8ToString(M._relais_storage_rescued_json())); } catch (e) {
      console.warn('relais storage: rescued rows unreadable', e);
    }
    role = 'recovering';  // commits (none expected) wait, nothing is written over the old pages
    try {
      const at = Date.now();
      await writeTx([PAGES, META, RESCUED], (tx) => {
        tx.objectStore(PAGES).clear();
        tx.objectStore(META).put({ pageSize, fileSize: 0, commitSeq: loaded.seq, recoveredAt: at }, META_KEY);
        const store = tx.objectStore(RESCUED);
        for (const row of rows) store.add({ rescuedAt: at, row });
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
    storedFileSize = latest.fileSize = 0;
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

  // Writes everything pending in one transaction, unless one is in flight
  // (then its completion calls flush again: commits coalesce meanwhile).
  function flush() {
    if (role !== 'writer' || inflight || latest.seq <= durableSeq) return;
    if (!idb) { scheduleRetry(); return; }
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = 0; }
    const batch = { pages: pending, seq: latest.seq, fileSize: latest.fileSize, from: durableSeq, t0: performance.now() };
    pending = new Map();
    inflight = batch;
    const nPages = Math.ceil(batch.fileSize / pageSize);
    let bytes = 0, count = 0;
    writeTx([PAGES, META], (tx) => {
      const pages = tx.objectStore(PAGES);
      if (batch.fileSize < storedFileSize) pages.delete(IDBKeyRange.lowerBound(nPages, true));  // the file shrank
      for (const [pgno, buf] of batch.pages) {
        if (pgno > nPages) continue;
        pages.put(buf, pgno);
        bytes += buf.byteLength;
        count++;
      }
      tx.objectStore(META).put({ pageSize, fileSize: batch.fileSize, commitSeq: batch.seq }, META_KEY);
    }).then(() => {
      inflight = null;
      durableSeq = batch.seq;
      storedFileSize = batch.fileSize;
      retryDelay = 0;
      stats.transactions++;
      stats.bytesWritten += bytes;
      stats.lastTx = { bytes, pages: count, commits: batch.seq - batch.from, ms: Math.round(performance.now() - batch.t0) };
      if (problem) { problem = null; pushState(); }
      M._relais_storage_durable(batch.seq);
      if (channel) {
        if (bytes <= BROADCAST_MAX_BYTES) {
          const list = [];
          for (const [pgno, buf] of batch.pages) if (pgno <= nPages) list.push([pgno, buf]);
          channel.postMessage({ type: 'pages', from: batch.from, to: batch.seq, fileSize: batch.fileSize, pageSize, pages: list });
        } else {
          channel.postMessage({ type: 'reload', to: batch.seq });
        }
      }
      flush();
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
        followSeq, pageSize,
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
  };
})();
