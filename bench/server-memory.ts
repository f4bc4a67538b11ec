/**
 * The server's memory: resident set (RSS) and its peak, measured from /proc after the server
 * started and served a few pages. The embedded database's first start (which creates it) is
 * measured apart from a later start on the same DATA_DIR; PostgreSQL keeps its memory in its own
 * processes, so its line shows the app alone.
 *
 *   npm run bench:memory
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../tests/setup/server-process.ts';
import { freshAnalyticsTarget } from './analytics-target.ts';
import { memoryMb } from './measure.ts';

const PAGES = ['/en/', '/es/', '/en/faq', '/en/request', '/es/solicitud', '/sitemap.xml'];

/** Starts the server, lets it settle, serves each page twice, reads its memory, stops it. */
async function measure(label: string, env: Record<string, string>): Promise<void> {
  const server = await startServerProcess({ ...env, LOG_LEVEL: 'warn' });
  try {
    await new Promise((r) => setTimeout(r, 2000));
    for (let i = 0; i < 2; i++)
      for (const page of PAGES)
        await (await fetch(`${server.url}${page}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
    const { now, peak } = memoryMb(server.child.pid ?? 0);
    console.log(
      `${label.padEnd(42)} ${String(now).padStart(5)} MB resident, peak ${String(peak).padStart(5)} MB`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

console.log(`Server memory, Node ${process.version}`);
const dataDir = mkdtempSync(join(tmpdir(), 'clinic-memory-bench-'));
try {
  await measure('embedded database, first start (creates it)', { DATA_DIR: dataDir });
  await measure('embedded database, a later start', { DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const postgres = await freshAnalyticsTarget('postgres');
try {
  await measure('PostgreSQL (the app process alone)', postgres.env);
} finally {
  await postgres.drop();
}
