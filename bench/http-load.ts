/** A small HTTP load generator for the benchmarks: N keep-alive clients asking for paths in turn. */
import { Agent, request } from 'node:http';

export type LoadResult = {
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  bytes: number;
};

function get(
  agent: Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `concurrency` clients on keep-alive connections ask for `paths` in turn (with brotli, as
 * browsers do) until `count` requests were made or `seconds` have passed, whichever is given.
 */
export async function load(
  base: string,
  paths: string[],
  until: { count: number } | { seconds: number },
  concurrency = 50,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { 'accept-encoding': 'br, gzip' };
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const more = () =>
    'count' in until ? next < until.count : performance.now() - started < until.seconds * 1000;
  const client = async () => {
    while (more()) {
      const url = new URL(paths[next++ % paths.length] as string, base);
      const sent = performance.now();
      const res = await get(agent, url, headers);
      latencies.push(performance.now() - sent);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      bytes += res.bytes;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies, statuses, bytes };
}

/** The paths of every page in a running site's sitemap. */
export async function sitemapPaths(base: string): Promise<string[]> {
  const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] as string).pathname);
}
