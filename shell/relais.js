// relais.js — the little JavaScript the page needs around the wasm client:
// canvas sizing at devicePixelRatio, pointer/keyboard input, the DOM
// accessibility mirror (which is also the soft-keyboard bridge), history,
// preferences, clipboard and the service worker. Loaded before the Emscripten
// module so our listeners run first.
'use strict';

(function () {
  const canvas = document.getElementById('canvas');
  const layer = document.getElementById('a11y');
  const splash = document.getElementById('splash');
  const assets = window.RELAIS_ASSETS || {};
  const prefsKey = (k) => 'relais.' + k;
  let started = false;
  let firstFrameMs = 0;
  let M = null; // the Emscripten module once ready

  // ---------------------------------------------------------------- module
  window.Module = {
    canvas,
    // Content-hashed file names (see shell/make_dist.cmake).
    locateFile: (path) => '/' + (assets[path] || path),
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    postRun: [start],
    onAbort: (what) => fail('Relais n’a pas pu démarrer (' + what + ').'),
  };

  function fail(message) {
    splash.style.display = 'flex';
    splash.className = 'error';
    splash.textContent = message;
  }

  // Any touch screen gets finger-sized targets (a laptop with one too).
  const isTouch = () => window.matchMedia('(any-pointer: coarse)').matches || navigator.maxTouchPoints > 0;

  // ------------------------------------------------------------ canvas size
  // The backing store follows CSS size x devicePixelRatio, so text is crisp.
  function measure() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const fbw = Math.max(1, Math.round(r.width * dpr));
    const fbh = Math.max(1, Math.round(r.height * dpr));
    if (canvas.width !== fbw) canvas.width = fbw;
    if (canvas.height !== fbh) canvas.height = fbh;
    return { w: r.width, h: r.height, dpr, fbw, fbh, touch: isTouch() ? 1 : 0 };
  }
  function onResize() {
    if (!started) return;
    const m = measure();
    M._relais_resize(m.w, m.h, m.dpr, m.fbw, m.fbh, m.touch);
  }
  new ResizeObserver(onResize).observe(canvas);
  // Zoom or moving the window to another screen changes the ratio, not the size.
  (function watchDpr() {
    const mq = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    mq.addEventListener('change', () => { onResize(); watchDpr(); }, { once: true });
  })();

  // The local database is read from IndexedDB before the app starts
  // (shell/storage.js, when present); the app only starts once it is open.
  // Marks for the start-up budget (bench/client_bench.mjs reads them):
  // module compiled and run, device database open, first frame drawn.
  function start() {
    performance.mark('relais-module-ready');
    M = window.Module;
    const open = window.RelaisStorage ? window.RelaisStorage.open(M) : Promise.resolve();
    open.then(startApp, (e) => fail('Relais n’a pas pu ouvrir ses données sur cet appareil (' + e + ').'));
  }

  function startApp() {
    performance.mark('relais-storage-open');
    const m = measure();
    const lang = localStorage.getItem(prefsKey('lang')) || (navigator.language || 'fr').slice(0, 2);
    const server = localStorage.getItem(prefsKey('server')) || location.origin;
    M.ccall('relais_start', null,
      ['number', 'number', 'number', 'number', 'number', 'number', 'string', 'string', 'string', 'string', 'number'],
      [m.w, m.h, m.dpr, m.fbw, m.fbh, m.touch, lang === 'en' ? 'en' : 'fr', server, location.pathname,
       window.RELAIS_BUILD || '', navigator.onLine ? 1 : 0]);
    started = true;
    firstFrameMs = performance.now();  // since navigation start: the first frame is drawn inside relais_start
    splash.style.display = 'none';
    document.documentElement.lang = lang === 'en' ? 'en' : 'fr';
    estimateStorage();
    registerServiceWorker();
  }

  // ----------------------------------------------------------------- input
  function point(e) {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }
  const kinds = { mouse: 0, touch: 1, pen: 2 };
  const buttons = [0, 2, 1]; // DOM left, middle, right -> ImGui left, middle(2), right(1)
  function onPointer(phase) {
    return (e) => {
      if (!started) return;
      const [x, y] = point(e);
      const kind = kinds[e.pointerType] ?? 0;
      M._relais_pointer(kind, phase, x, y, phase === 1 ? -1 : (buttons[e.button] ?? 0), e.timeStamp);
    };
  }
  window.addEventListener('pointerdown', onPointer(0), true);
  window.addEventListener('pointermove', onPointer(1), true);
  window.addEventListener('pointerup', onPointer(2), true);
  window.addEventListener('pointercancel', onPointer(3), true);
  window.addEventListener('wheel', (e) => {
    if (!started) return;
    e.preventDefault(); // no page zoom on ctrl+wheel, no page scroll
    const unit = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
    M._relais_wheel(-e.deltaX * unit, -e.deltaY * unit);
  }, { passive: false, capture: true });
  window.addEventListener('contextmenu', (e) => e.preventDefault(), true);
  window.addEventListener('gesturestart', (e) => e.preventDefault(), true); // Safari pinch
  window.addEventListener('focus', () => started && M._relais_window_focus(1));
  window.addEventListener('blur', () => started && M._relais_window_focus(0));

  // --------------------------------------------------- accessibility mirror
  // Each ImGui item gets an invisible element at its place, with its role and
  // name: screen readers read them, test drivers find them by role, and text
  // fields are real inputs so phones open their keyboard and IME works.
  const items = new Map(); // id -> element
  let activeTextId = 0;

  function createElement(id, role, multiline, password) {
    let el;
    if (role === 'textbox') {
      el = document.createElement(multiline ? 'textarea' : 'input');
      if (!multiline) el.type = password ? 'password' : 'text';
      el.autocomplete = 'off';
      el.spellcheck = true;
      el._seq = 0;
      el._composing = false;
      el.addEventListener('input', () => sendText(el));
      el.addEventListener('select', () => sendText(el));
      el.addEventListener('keyup', () => sendSelection(el));
      el.addEventListener('compositionstart', () => { el._composing = true; });
      el.addEventListener('compositionend', () => { el._composing = false; sendText(el); });
      el.addEventListener('focus', () => {
        // What the DOM shows now is what the app will place: a selection made
        // after this (a driver's select-all, a long press) is the user's.
        [el._selS, el._selE] = utf16Selection(el);
        if (started) M._relais_text_focus(id);
      });
      el.addEventListener('blur', () => started && M._relais_text_blur(id));
      el.addEventListener('keydown', (e) => {
        // Editing keys stay with the DOM input; these are the app's.
        const forMultiline = e.key === 'Escape';
        const forSingle = e.key === 'Enter' || e.key === 'Escape';
        if (e.isComposing || !(multiline ? forMultiline : forSingle)) return;
        e.preventDefault();
        M.ccall('relais_key', null, ['string', 'number', 'number', 'number', 'number', 'number'],
          [e.key, 1, e.ctrlKey, e.shiftKey, e.altKey, e.metaKey]);
        M.ccall('relais_key', null, ['string', 'number', 'number', 'number', 'number', 'number'],
          [e.key, 0, e.ctrlKey, e.shiftKey, e.altKey, e.metaKey]);
      });
    } else if (role === 'status') {
      // A message the app shows (saved, an input error): read, never focused.
      el = document.createElement('div');
      el.setAttribute('aria-live', 'polite');
    } else if (role === 'paragraph') {
      // Text to read (a note, a message): its content is the text itself.
      el = document.createElement('p');
    } else {
      el = document.createElement('button');
      el.type = 'button';
      // Pointer clicks already reached ImGui through the pointer listeners;
      // a click with no pointer (screen reader, Enter/Space) activates here.
      el.addEventListener('click', (e) => { if (e.detail === 0 && started) M._relais_activate(id); });
      // Keyboard focus is drawn by the app (a ring), since the element is invisible.
      el.addEventListener('focus', () => started && el.matches(':focus-visible') && M._relais_dom_focus(id));
      el.addEventListener('blur', () => started && M._relais_dom_focus(0));
    }
    el.setAttribute('role', role);
    el.dataset.id = id;
    layer.appendChild(el);
    return el;
  }

  function utf16Selection(el) {
    return [el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length];
  }
  function sendText(el) {
    if (!started) return;
    const [s, e] = utf16Selection(el);
    el._seq++;
    el._selS = s;  // the app's caret once it has this edit
    el._selE = e;
    M.ccall('relais_text_edit', null, ['number', 'number', 'string', 'number', 'number'],
      [Number(el.dataset.id), el._seq, el.value, s, e]);
  }
  function sendSelection(el) {
    const [s, e] = utf16Selection(el);
    if (s !== el._selS || e !== el._selE) sendText(el);
  }
  document.addEventListener('selectionchange', () => {
    const el = document.activeElement;
    if (el && el.dataset && el.dataset.id && items.get(Number(el.dataset.id)) === el && 'selectionStart' in el) sendSelection(el);
  });

  function applyItem(f) {
    const id = Number(f[1]), role = f[2], name = f[3];
    const x = f[4], y = f[5], w = f[6], h = f[7], layerIndex = f[8], flags = f[9], value = f[10];
    const multiline = flags.includes('m'), password = flags.includes('p');
    let el = items.get(id);
    if (el && (el.getAttribute('role') !== role || (role === 'textbox' && (el.tagName === 'TEXTAREA') !== multiline))) {
      el.remove();
      el = null;
    }
    if (!el) {
      el = createElement(id, role, multiline, password);
      items.set(id, el);
    }
    if (role === 'paragraph') {
      if (el.textContent !== name) el.textContent = name;
    } else if (el.getAttribute('aria-label') !== name) {
      el.setAttribute('aria-label', name);
    }
    el.style.left = x + 'px';
    el.style.top = y + 'px';
    el.style.width = w + 'px';
    el.style.height = h + 'px';
    el.style.zIndex = layerIndex;
    const disabled = flags.includes('d');
    if (disabled) el.setAttribute('aria-disabled', 'true'); else el.removeAttribute('aria-disabled');
    if (role === 'checkbox' || role === 'radio') el.setAttribute('aria-checked', flags.includes('c') ? 'true' : 'false');
    if (role === 'tab' || role === 'option') el.setAttribute('aria-selected', flags.includes('c') ? 'true' : 'false');
    if (role === 'combobox' || role === 'treeitem') el.setAttribute('aria-expanded', flags.includes('e') ? 'true' : 'false');
    if (role === 'textbox') {
      el._appValue = value;
      // While the user edits, the DOM input is the truth; otherwise the app's value is.
      if (document.activeElement !== el && el.value !== value && !(password && value !== '')) el.value = value;
    }
  }

  function applyFocus(f) {
    const id = Number(f[1]), seq = Number(f[2]), s = Number(f[3]), e = Number(f[4]);
    activeTextId = id;
    const el = id ? items.get(id) : null;
    if (el && el.tagName !== 'BUTTON') {
      if (document.activeElement !== el) el.focus({ preventScroll: true });
      // Once the app has applied every edit we sent, follow its text and caret
      // (a click placed the caret; Escape restored the text).
      if (seq === el._seq && !el._composing) {
        // The selection moved in the DOM since the app last heard (its
        // selectionchange event not dispatched yet): the DOM is newer. Tell
        // the app rather than put its older caret back (typing would then
        // land beside a selection instead of replacing it).
        const [ds, de] = utf16Selection(el);
        if (el._selS !== undefined && (ds !== el._selS || de !== el._selE)) {
          sendText(el);
          return;
        }
        // A password field only hears of its length (see TextField): it
        // follows the app when the app emptied it, never the stars.
        const app = el._appValue;
        if (app !== undefined && el.value !== app && !(el.type === 'password' && app !== '')) el.value = app;
        if (el.selectionStart !== s || el.selectionEnd !== e) {
          try { el.setSelectionRange(s, e); } catch (_) { /* type without selection API */ }
        }
        el._selS = s;
        el._selE = e;
      }
    } else {
      const cur = document.activeElement;
      if (cur && cur.dataset && cur.dataset.id && cur.tagName !== 'BUTTON' && items.get(Number(cur.dataset.id)) === cur) cur.blur();
    }
  }

  // --------------------------------------------------------- called by C++
  window.Relais = {
    fail,
    applyMirror(records) {
      const recs = records.split('\x1e');
      let focus = null;
      for (const r of recs) {
        const f = r.split('\x1f');
        if (f[0] === 'U') applyItem(f);
        else if (f[0] === 'D') {
          const id = Number(f[1]);
          const el = items.get(id);
          if (el) { el.remove(); items.delete(id); }
        } else if (f[0] === 'F') focus = f;
      }
      if (focus) applyFocus(focus);
    },
    pushHistory(path) { if (location.pathname !== path) history.pushState({ relais: path }, '', path); },
    replaceHistory(path) { history.replaceState({ relais: path }, '', path); },
    savePref(key, value) {
      try { localStorage.setItem(prefsKey(key), value); } catch (e) { console.warn('pref not saved', e); }
      if (key === 'lang') document.documentElement.lang = value;
    },
    copyText(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(() => copyFallback(text));
      } else copyFallback(text);
    },
    checkForUpdate() { checkForUpdate(); },
    applyUpdate() { applyUpdate(); },
    httpRequest, deriveKey, wakeAfter,
  };

  // ------------------------------------------------------- sign-in and sync
  // The sync engine's requests (src/ui/sync_client.cpp) go out with fetch and
  // their answers come back later: a frame never waits for the network. A
  // request that hangs is given up after 30 s (status 0, retried by the engine).
  function httpRequest(id, method, url, type, body, bearer) {
    const headers = {};
    if (type) headers['Content-Type'] = type;
    if (bearer) headers.Authorization = 'Bearer ' + bearer;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 30000);
    // Bytes both ways (the engine's pages are cereal's binary archive),
    // through the heap, not ccall's stack copy: a pull page can be large.
    const answer = (status, bytes) => {
      clearTimeout(timer);
      const ptr = M._malloc(bytes.length + 1);
      M.HEAPU8.set(bytes, ptr);
      try { M._relais_http_answer(id, status, ptr, bytes.length); } finally { M._free(ptr); }
    };
    fetch(url, { method, headers, body: method === 'GET' ? undefined : body, cache: 'no-store', signal: abort.signal })
      .then((r) => r.arrayBuffer().then((b) => answer(r.status, new Uint8Array(b))))
      .catch(() => answer(0, new Uint8Array(0)));
  }
  // PBKDF2-SHA256 with WebCrypto (asynchronous, native speed): the offline
  // unlock verifier. Answers '' when WebCrypto is missing (insecure origin).
  function deriveKey(id, password, saltHex, iterations) {
    const done = (hex) => M.ccall('relais_key_derived', null, ['number', 'string'], [id, hex]);
    const subtle = window.crypto && window.crypto.subtle;
    if (!subtle) { setTimeout(() => done(''), 0); return; }
    const salt = new Uint8Array((saltHex.match(/../g) || []).map((h) => parseInt(h, 16)));
    subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
      .then((key) => subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256))
      .then((bits) => done(Array.from(new Uint8Array(bits), (b) => b.toString(16).padStart(2, '0')).join('')))
      .catch(() => done(''));
  }
  // One timer for the engine's next sync or retry; the app decides when.
  let wakeTimer = 0;
  function wakeAfter(ms) {
    clearTimeout(wakeTimer);
    wakeTimer = ms >= 0 ? setTimeout(() => { wakeTimer = 0; M._relais_tick(); }, Math.min(ms, 2 ** 31 - 1)) : 0;
  }
  function copyFallback(text) {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand('copy'); } catch (_) { /* nothing more to try */ }
    ta.remove();
  }
  // What is copied or pasted anywhere is what ImGui pastes (Ctrl+V outside fields).
  document.addEventListener('copy', () => {
    const t = String(window.getSelection ? window.getSelection() : '');
    const el = document.activeElement;
    const sel = el && 'selectionStart' in el && el.value ? el.value.slice(el.selectionStart, el.selectionEnd) : t;
    if (started && sel) M.ccall('relais_clipboard', null, ['string'], [sel]);
  });
  document.addEventListener('paste', (e) => {
    const t = e.clipboardData && e.clipboardData.getData('text/plain');
    if (started && t) M.ccall('relais_clipboard', null, ['string'], [t]);
  });

  // ---------------------------------------------------- history and network
  window.addEventListener('popstate', () => started && M.ccall('relais_history_pop', null, ['string'], [location.pathname]));
  window.addEventListener('online', () => started && M._relais_set_online(1));
  window.addEventListener('offline', () => started && M._relais_set_online(0));

  function estimateStorage() {
    if (!(navigator.storage && navigator.storage.estimate)) return;
    navigator.storage.estimate().then((e) => started && M._relais_set_storage(e.usage ?? -1, e.quota ?? -1)).catch(() => {});
  }

  // -------------------------------------------------------- service worker
  // The worker caches this version's files; a new deployment installs beside
  // it and waits until the user accepts it, so a running session never mixes
  // versions.
  let registration = null;
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js').then((reg) => {
      registration = reg;
      const ready = () => M._relais_set_offline_ready(navigator.serviceWorker.controller || reg.active ? 1 : 0);
      ready();
      navigator.serviceWorker.ready.then(() => { ready(); estimateStorage(); });
      if (reg.waiting && navigator.serviceWorker.controller) M._relais_set_update(2);
      reg.addEventListener('updatefound', () => watchInstalling(reg.installing));
    }).catch((e) => console.warn('service worker not registered', e));
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !window.RELAIS_UPDATING) return;
      reloading = true;
      location.reload();
    });
  }
  function watchInstalling(worker) {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // "installed" with a controller present means an update, not the first install.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) M._relais_set_update(2);
      if (worker.state === 'redundant' && !(registration && registration.waiting)) M._relais_set_update(1);
    });
  }
  function checkForUpdate() {
    if (!registration) { M._relais_set_update(1); return; }
    registration.update().then(() => {
      if (registration.waiting && navigator.serviceWorker.controller) M._relais_set_update(2);
      else if (!registration.installing) M._relais_set_update(1);
      // else: watchInstalling() reports when the new version is installed.
    }).catch(() => M._relais_set_update(1));
  }
  function applyUpdate() {
    const waiting = registration && registration.waiting;
    if (!waiting) { location.reload(); return; }
    window.RELAIS_UPDATING = true;
    waiting.postMessage({ type: 'skip-waiting' });
  }

  // ------------------------------------------------------ hooks for tests
  window.relais = {
    frames: () => (started ? M._relais_frame_count() : 0),
    activations: (name) => (started ? M.ccall('relais_test_activations', 'number', ['string'], [name]) : 0),
    field: (name) => (started ? M.ccall('relais_test_field', 'string', ['string'], [name]) : null),
    started: () => started,
    firstFrameMs: () => firstFrameMs,
  };
})();
