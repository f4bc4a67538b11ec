import { parse } from 'node-html-parser';

/**
 * Helpers to fill in and send the request form over HTTP, for route tests, the crash test and
 * the benchmark. `fetcher` is app.request for an in-process app, or fetch against a server.
 * @example
 * const form = await openForm(fetcher, '/en/request');
 * // … wait at least 2 s (the too-fast rule), or move a test clock …
 * const res = await sendForm(fetcher, '/en/request', form, validAnswers());
 */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export type Answers = Record<string, string | string[]>;

/** A complete, valid set of answers; `overrides` changes some ("" or [] clears a field). */
export function validAnswers(overrides: Answers = {}): Answers {
  return {
    'given-name': 'Ana María',
    'family-name': 'O’Brien-Núñez',
    tel: '(213) 555-0142',
    email: 'ana@example.com',
    'contact-method': 'phone',
    'best-time': 'morning',
    language: 'es',
    'language-other': '',
    'postal-code': '90017',
    'pain-area': ['low-back', 'legs'],
    'pain-duration': '1-to-5-years',
    'pain-level': '7',
    treatments: ['medication', 'injections'],
    insurance: 'medicare',
    message: 'Me duele la espalda desde hace años.',
    'heard-from': 'Radio',
    consent: 'yes',
    ...overrides,
  };
}

/** A rendered form: its hidden fields, its proof-of-work challenge (when on) and its HTML. */
export type OpenedForm = {
  token: string;
  key: string;
  challenge: string | null;
  html: string;
  status: number;
};

/** Reads the hidden fields of a form page. */
export function readOpenedForm(html: string, status = 200): OpenedForm {
  const page = parse(html);
  const value = (name: string) => page.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
  return {
    token: value('form-token'),
    key: value('idempotency-key'),
    challenge: page.querySelector('form[data-request-form]')?.getAttribute('data-challenge') ?? null,
    html,
    status,
  };
}

export async function openForm(
  fetcher: Fetcher,
  path: string,
  headers: Record<string, string> = {},
): Promise<OpenedForm> {
  const res = await fetcher(path, { headers });
  return readOpenedForm(await res.text(), res.status);
}

/** The urlencoded body of a post: the answers plus the form's hidden fields. */
export function formBody(
  answers: Answers,
  hidden: { token: string; key: string; website?: string; altcha?: string },
): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  body.append('form-token', hidden.token);
  body.append('idempotency-key', hidden.key);
  body.append('website', hidden.website ?? '');
  body.append('altcha', hidden.altcha ?? '');
  return body;
}

/** Posts answers with a form's hidden fields; redirects are not followed. */
export function sendForm(
  fetcher: Fetcher,
  path: string,
  form: Pick<OpenedForm, 'token' | 'key'>,
  answers: Answers,
  extra: { website?: string; altcha?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetcher(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra.headers },
    body: formBody(answers, { ...form, ...extra }).toString(),
    redirect: 'manual',
  });
}
