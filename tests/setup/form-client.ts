import { request, type Agent } from 'node:http';

/**
 * A script's way to use the request form, as a patient's browser without JavaScript does: GET the
 * page, keep its hidden fields, POST urlencoded. Built on node:http so each client can send from
 * its own loopback address (127.0.0.x), as separate patients would: the form limits posts per
 * address.
 */
export type FormClient = {
  baseUrl: string;
  /** The loopback address to send from, like 127.0.3.7 (Linux routes all of 127/8 to lo). */
  localAddress?: string;
  /** Sent as X-Forwarded-For, for a server that trusts it from a loopback proxy. */
  forwardedFor?: string;
  agent?: Agent;
};

export type FetchedForm = { path: string; hidden: Record<string, string>; challenge: string | null };

export type HttpAnswer = { status: number; location: string | null; body: string };

export const FORM_PATH = { en: '/en/request', es: '/es/solicitud' } as const;

/** One HTTP exchange; rejects when the connection fails (as it does when the server is killed). */
export function exchange(
  client: FormClient,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): Promise<HttpAnswer> {
  const url = new URL(path, client.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: client.agent,
        localAddress: client.localAddress,
        headers: {
          ...(client.forwardedFor ? { 'x-forwarded-for': client.forwardedFor } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The hidden inputs of a page (name → value) and its proof-of-work challenge, if any. */
export function readHiddenFields(html: string): Omit<FetchedForm, 'path'> {
  const hidden: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name) hidden[name] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  const challenge = /\bdata-challenge="([^"]*)"/.exec(html)?.[1];
  return { hidden, challenge: challenge ? decode(challenge) : null };
}

/** GETs the form and keeps what a browser would post back (form-token, idempotency-key…). */
export async function fetchForm(client: FormClient, locale: 'en' | 'es' = 'en'): Promise<FetchedForm> {
  const answer = await exchange(client, 'GET', FORM_PATH[locale]);
  if (answer.status !== 200) throw new Error(`GET ${FORM_PATH[locale]} answered ${answer.status}`);
  return { path: FORM_PATH[locale], ...readHiddenFields(answer.body) };
}

/** POSTs the patient's fields with the form's hidden ones (honeypot left empty). */
export function postForm(
  client: FormClient,
  form: FetchedForm,
  fields: [string, string][],
): Promise<HttpAnswer> {
  const body = new URLSearchParams([...Object.entries(form.hidden), ['website', ''], ...fields]);
  return exchange(client, 'POST', form.path, body.toString());
}

/** The reference of a stored request from the 303's Location (…/sent?ref=7K3M-Q8ZD), or null. */
export function referenceOf(answer: HttpAnswer): string | null {
  if (answer.status !== 303 || !answer.location) return null;
  return new URL(answer.location, 'http://x').searchParams.get('ref');
}

/** Patient number `n` (0-based) as a client of its own: its own loopback and forwarded address. */
export function patientClient(baseUrl: string, n: number): FormClient {
  const [hi, lo] = [Math.floor(n / 250), (n % 250) + 2];
  return { baseUrl, localAddress: `127.0.${hi + 10}.${lo}`, forwardedFor: `198.18.${hi}.${lo}` };
}
