// Defuse field service worker: keeps the checklist available offline after the first visit.
const CACHE = "defuse-field-v2";
const CHECKLIST = "{% url 'field:checklist' %}";
const OFFLINE = "{% url 'field:offline' %}";
const ASSETS = [{% for asset in assets %}"{{ asset|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", (event) => {
  // The offline page is fetched signed out: it names nobody, whoever uses the phone next.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all([
        cache.addAll([CHECKLIST, ...ASSETS]),
        cache.add(new Request(OFFLINE, { credentials: "omit" })),
      ])
    )
  );
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
  );
  self.clients.claim();
});

// The checklist: network first (so an edited checklist shows at once), the cache when offline.
// Its stylesheet and script: the cache first. Any other page of /field/ that cannot be reached
// (no connection) answers the offline page, never the browser's own error.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === CHECKLIST) {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(CHECKLIST, copy));
          return response;
        })
        .catch(() => caches.match(CHECKLIST))
    );
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
  } else if (event.request.mode === "navigate") {
    event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE)));
  }
});
