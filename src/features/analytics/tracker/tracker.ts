// The first-party tracker: loaded with defer from our origin, under 1 KB gzipped. No cookie, no
// storage, nothing read that could fingerprint a browser, never a value typed into a form.
import { ENDPOINT, FORM_EVENTS, MAX_FIELDS, REQUEST_PATHS, SELF_CHECK_EVENTS, UTM_PARAMS } from './config.ts';

type Payload = { n: string; u: string; r?: string; f?: string[] };

const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
// Global Privacy Control or Do Not Track: send nothing at all.
const optedOut = nav.globalPrivacyControl === true || nav.doNotTrack === '1';

function pageUrl(): string {
  const params = new URLSearchParams(location.search);
  const kept = new URLSearchParams();
  for (const key of UTM_PARAMS) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const query = kept.toString();
  return location.pathname + (query ? `?${query}` : '');
}

function send(payload: Payload): void {
  const body = JSON.stringify(payload);
  // sendBeacon survives the page being left; fetch with keepalive where it is missing or refuses.
  if (!nav.sendBeacon?.(ENDPOINT, body)) {
    fetch(ENDPOINT, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => undefined);
  }
}

let lastView = '';
let referred = false;
function pageview(): void {
  const u = pageUrl();
  if (u === lastView) return;
  lastView = u;
  let r: string | undefined;
  // The referrer's origin only, and only with the first view of a page load (later ones are ours).
  if (!referred && document.referrer) {
    const origin = new URL(document.referrer).origin;
    if (origin !== location.origin) r = origin;
  }
  referred = true;
  send({ n: 'pageview', u, r });
}

function onClick(event: MouseEvent): void {
  const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!link) return;
  const u = location.pathname;
  if (link.protocol === 'tel:') send({ n: 'phone_click', u });
  else if (link.hreflang) send({ n: 'language_switch', u });
  else if (link.origin === location.origin && REQUEST_PATHS.includes(link.pathname))
    send({ n: 'request_click', u });
}

function onFormMoment(event: Event): void {
  const detail = (event as CustomEvent<{ name?: unknown; fields?: unknown } | null>).detail;
  const name = String(detail?.name);
  if (!FORM_EVENTS.includes(name) && !SELF_CHECK_EVENTS.includes(name)) return;
  const fields = detail?.fields;
  const f =
    name === 'form_error' && Array.isArray(fields)
      ? fields.filter((x): x is string => typeof x === 'string').slice(0, MAX_FIELDS)
      : undefined;
  send({ n: name, u: location.pathname, f });
}

if (!optedOut) {
  document.addEventListener('click', onClick, true);
  document.addEventListener('clinic:analytics', onFormMoment);
  // Pages that change their address without loading (none today) still count each view.
  const push = history.pushState;
  history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
    push.apply(this, args);
    pageview();
  };
  addEventListener('popstate', pageview);
  // A page restored from the back-forward cache is viewed again without running scripts anew.
  addEventListener('pageshow', (event) => {
    if (event.persisted) {
      lastView = '';
      pageview();
    }
  });
  pageview();
}
