import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exchange,
  fetchForm,
  patientClient,
  postForm,
  referenceOf,
  type FetchedForm,
  type FormClient,
} from '../setup/form-client.ts';
import { newMarker, numberedName, numberedPatientFields, openStoredRequests } from '../setup/patient.ts';
import { startServerProcess, type ServerProcess } from '../setup/server-process.ts';
import { prepareTarget, waitForReady, type E2eTarget } from '../e2e/harness.ts';

// Never lost: while several patients submit at once, the server is killed with
// SIGKILL; restarted on the same DATA_DIR (embedded) or database (PostgreSQL), it still has every
// request it answered 303 to, and each opens to what that patient sent.
//
// Sizes stay under the form's default abuse policy (10 posts per address, an "attack" from 60
// posts in 10 minutes), so the real server runs with its real settings: each patient posts from
// its own loopback address, and one run sends at most SUBMISSIONS posts.
const SUBMISSIONS = 50;
const CONCURRENCY = 8;
const KILL_AFTER_ACKS = 20;
const marker = newMarker();
let target: E2eTarget;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  target = await prepareTarget();
}, 60_000);
afterAll(async () => {
  for (const s of servers) s.child.kill('SIGKILL');
  await target.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<ServerProcess> {
  const server = await startServerProcess(target.env);
  servers.push(server);
  await waitForReady(server.url);
  return server;
}

describe(`never lost (${process.env.TEST_DB})`, () => {
  it('keeps every acknowledged request through kill -9 and a restart', async () => {
    const first = await start();
    const clients = Array.from({ length: SUBMISSIONS }, (_, i) => patientClient(first.url, i));
    const forms: FetchedForm[] = [];
    for (const [i, client] of clients.entries()) forms.push(await fetchForm(client, i % 2 ? 'es' : 'en'));
    await sleep(2_100); // the forms are "filled in": older than the 2 s minimum

    const acknowledged = new Map<string, number>(); // reference → patient
    const refusedOrLost: string[] = [];
    let next = 0;
    let killedAt = -1;
    const submitter = async () => {
      while (next < SUBMISSIONS) {
        const i = next++;
        const fields = numberedPatientFields(marker, i);
        try {
          const answer = await postForm(clients[i] as FormClient, forms[i] as FetchedForm, fields);
          const reference = referenceOf(answer);
          if (!reference) refusedOrLost.push(`patient ${i}: HTTP ${answer.status}`);
          else acknowledged.set(reference, i);
          if (acknowledged.size >= KILL_AFTER_ACKS && killedAt < 0) {
            killedAt = acknowledged.size;
            first.child.kill('SIGKILL'); // mid-stream: the other submitters' posts are in flight
          }
        } catch {
          refusedOrLost.push(`patient ${i}: connection failed`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, submitter));
    expect(await first.exited).toBe('SIGKILL');

    const second = await start();
    for (const reference of acknowledged.keys()) {
      const page = await exchange({ baseUrl: second.url }, 'GET', `/en/request/sent?ref=${reference}`);
      expect(page.status, `thank-you page of ${reference} after restart`).toBe(200);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const stored = await target.withDb((db) => openStoredRequests(db, target.clinic));
    const recovered = [...acknowledged].filter(([reference, i]) => stored.get(reference) === numberedName(i));
    const unacknowledgedButStored =
      stored.size - [...acknowledged.keys()].filter((r) => stored.has(r)).length;
    const figures =
      `${process.env.TEST_DB}: ${SUBMISSIONS} submissions by ${CONCURRENCY} concurrent clients, ` +
      `kill -9 after ${killedAt} acknowledgements; acknowledged (303) ${acknowledged.size}, ` +
      `recovered and opened ${recovered.length}, committed without an answer ${unacknowledgedButStored}, ` +
      `not stored ${SUBMISSIONS - stored.size}`;
    // eslint-disable-next-line no-console -- the figures are part of the result
    console.info(`[crash test] ${figures}`);

    expect(killedAt, figures).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(
      refusedOrLost.filter((r) => !r.endsWith('connection failed')),
      figures,
    ).toEqual([]);
    expect(recovered.length, figures).toBe(acknowledged.size);
  }, 120_000);
});
