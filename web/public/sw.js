/*
 * Timely's service worker: caches the app shell only, so the installed app opens fast and offline
 * shows the shell instead of the browser's error page. It NEVER caches an API answer: those carry
 * personal data (and money) and must always come fresh from the server.
 *   - page navigations: network first, the cached shell (index.html) when offline;
 *   - /assets/* (content-hashed, immutable) and /icons/*: cache first;
 *   - everything else (/v1, /docs, /openapi.json, other origins): not touched.
 */
const SHELL_CACHE = 'timely-shell-v1';
// The shell is asked for as a page (Accept: text/html), which is how the server answers it.
const SHELL = [new Request('/', { headers: { Accept: 'text/html' } }), '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isShellAsset(url) {
  return url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest';
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) caches.open(SHELL_CACHE).then((c) => c.put('/', res.clone()));
          return res;
        })
        .catch(() => caches.match('/').then((r) => r || Response.error())),
    );
    return;
  }
  if (!isShellAsset(url)) return;
  event.respondWith(
    caches.match(req).then(
      (hit) =>
        hit ||
        fetch(req).then((res) => {
          if (res.ok) caches.open(SHELL_CACHE).then((c) => c.put(req, res.clone()));
          return res;
        }),
    ),
  );
});
