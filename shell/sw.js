// sw.js — Relais service worker: the app shell works offline after one visit.
// Each deployment has its own cache, named after the build (content hash of
// its files), filled entirely at install. Until the user accepts a new
// version the old worker keeps serving the old files, so a running session
// never loads half of each.
'use strict';
const BUILD = '@BUILD@';
const CACHE = 'relais-shell-' + BUILD;
const ASSETS = @ASSETS_LIST@;

self.addEventListener('install', (event) => {
  // cache: 'reload' bypasses the HTTP cache so the files match this build.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload' })))));
  // First install: take over at once (there is no older version to protect).
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys())
      if (key.startsWith('relais-shell-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;  // data goes to the network
  if (req.mode === 'navigate') {
    // Every app route is the same page: serve this build's index.html.
    event.respondWith(caches.match('/index.html', { cacheName: CACHE }).then((r) => r || fetch(req)));
    return;
  }
  event.respondWith(caches.match(req, { cacheName: CACHE }).then((r) => r || fetch(req)));
});
