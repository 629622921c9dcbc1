// Defuse field service worker: keeps the checklist, and a blank report for officers,
// available offline after the first visit.
const CACHE = "defuse-field-v3";
const CHECKLIST = "{% url 'field:checklist' %}";
const BLANK_REPORT = "{% url 'field:start' %}";
const NETWORK_FIRST = [CHECKLIST, BLANK_REPORT];
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

// The checklist and the blank report: network first (so an edited checklist shows at once),
// the cache when offline; the blank report is kept only as the signed-in officer's page (never
// a sign-in page it was sent to). Stylesheet and script: the cache first. Any other page of
// /field/ that cannot be reached (no connection) answers the offline page, never the browser's
// own error.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NETWORK_FIRST.includes(url.pathname)) {
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(url.pathname).then((hit) => hit || caches.match(OFFLINE))
        )
    );
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
  } else if (event.request.mode === "navigate") {
    event.respondWith(fetch(event.request).catch(() => caches.match(OFFLINE)));
  }
});
