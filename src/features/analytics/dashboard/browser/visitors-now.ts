// Keeps the dashboard's "right now" figure current: the page already shows the number (no
// script needed to read it); this asks the small JSON endpoint named in data-visitors-now for it
// again every 30 s while the tab is visible. That endpoint does not count as activity, so an open
// tab does not keep a session from ending when idle.
const POLL_MS = 30_000;

const figure = document.querySelector<HTMLElement>('[data-visitors-now]');
const endpoint = figure?.dataset.visitorsNow;

if (figure && endpoint) {
  const timer = setInterval(async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(endpoint, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        redirect: 'manual',
      });
      // Signed out or no longer allowed: stop asking (the page keeps its last figure).
      if (res.type === 'opaqueredirect' || res.status === 401 || res.status === 403) {
        clearInterval(timer);
        return;
      }
      if (!res.ok) return;
      const body = (await res.json()) as { visitors?: unknown };
      if (typeof body.visitors === 'number') figure.textContent = body.visitors.toLocaleString('en-US');
    } catch {
      // Offline for a moment: try again at the next tick.
    }
  }, POLL_MS);
}
