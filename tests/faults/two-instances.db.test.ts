import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareTarget, waitForReady, type E2eTarget } from '../e2e/harness.ts';
import { fetchForm, postForm, type FetchedForm, type FormClient } from '../setup/form-client.ts';
import { newMarker, patientFormFields } from '../setup/patient.ts';
import { freePort, startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { fieldValue, realClock, signIn, staffBrowser, type Requester } from '../setup/staff.ts';

// Two real server processes on one PostgreSQL database, behind one public address (SITE_URL), as
// behind a load balancer: whatever one instance decides about a browser or an address, the other
// knows, because sessions, throttles and rate limits live in the database.
const onPostgres = process.env.TEST_DB === 'postgres';
let target: E2eTarget | undefined;
let siteUrl: string;
const instances: ServerProcess[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  target = await prepareTarget();
  const ports = [await freePort(), await freePort()];
  siteUrl = `http://127.0.0.1:${ports[0]}`;
  const env = { ...target.env, SITE_URL: siteUrl };
  instances.push(
    ...(await Promise.all(ports.map((port) => startServerProcess({ ...env, PORT: String(port) })))),
  );
  await Promise.all(instances.map((instance) => waitForReady(instance.url)));
}, 120_000);

afterAll(async () => {
  for (const instance of instances) instance.child.kill('SIGTERM');
  await Promise.all(instances.map((instance) => instance.exited));
  await target?.cleanup();
});

/** One browser behind the load balancer: `use(n)` sends its next requests to instance n. */
function balancer(): Requester & { use(n: number): void } {
  let at = 0;
  return {
    use: (n) => void (at = n),
    request: (path, init) => fetch(new URL(path, instances[at]?.url), init),
  };
}

describe.skipIf(!onPostgres)('two app instances on one PostgreSQL database', () => {
  it('share a staff session: signed in on A, the inbox opens on B; signed out on B, A asks to sign in', async () => {
    const route = balancer();
    const browser = staffBrowser(route, siteUrl);
    const clinic = target?.clinic;
    if (!clinic) throw new Error('no clinic');
    expect((await signIn(browser, clinic, realClock)).res.status).toBe(303);
    route.use(1);
    const inbox = await browser.get('/staff/');
    expect(inbox.res.status).toBe(200);
    expect(inbox.html).toContain(clinic.email);
    const signedOut = await browser.post('/staff/sign-out', { csrf: fieldValue(inbox.html, 'csrf') });
    expect(signedOut.res.status).toBe(303);
    route.use(0);
    const after = await browser.get('/staff/');
    expect(after.res.status).toBe(303);
    expect(after.res.headers.get('location')).toMatch(/^\/staff\/sign-in/);
  });

  it('share the sign-in throttle: 30 parallel wrong passwords over both are held to the limit, 4 checked and 26 refused', async () => {
    const attempt = async (n: number) => {
      const route = balancer();
      route.use(n % 2);
      const browser = staffBrowser(route, siteUrl);
      const form = await browser.get('/staff/sign-in');
      const answer = await browser.post('/staff/sign-in', {
        csrf: fieldValue(form.html, 'csrf'),
        email: 'nobody-here@clinic.test',
        password: 'wrong password here',
      });
      return answer.res.status;
    };
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, n) => attempt(n)));
    expect(statuses.filter((status) => status === 422)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(26);
  });

  it('share the request form limit per address: posts from one address over both are held to 10', async () => {
    const marker = newMarker();
    const clients: FormClient[] = instances.map((instance) => ({
      baseUrl: instance.url,
      localAddress: '127.0.77.7',
    }));
    const forms: FetchedForm[] = [];
    for (let n = 0; n < 12; n++) forms.push(await fetchForm(clients[n % 2] as FormClient));
    await new Promise((r) => setTimeout(r, 2_100)); // filled in: older than the 2 s minimum
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) {
      // Different patients (one family's connection, say): no post is a double of another.
      const fields = patientFormFields(marker).map(([k, v]): [string, string] => [
        k,
        k === 'given-name' ? `Pat${String.fromCharCode(97 + n)}` : v,
      ]);
      const answer = await postForm(clients[n % 2] as FormClient, forms[n] as FetchedForm, fields);
      statuses.push(answer.status);
      if (answer.status === 429) expect(answer.body).toContain('We received many forms from your connection');
    }
    expect(statuses).toEqual([...Array<number>(10).fill(303), 429, 429]);
  });
});
