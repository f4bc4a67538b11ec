// The yardstick of bench/pages.ts: a bare node:http server that answers every request with one
// response held in memory (status, headers and body bytes read from a JSON file), as fast as
// Node can. Plain JavaScript, so nothing but node runs.
//   node bench/bare-server.mjs RESPONSE.json PORT
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const { status, headers, body } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const bytes = Buffer.from(body, 'base64');
createServer((req, res) => {
  res.writeHead(status, headers);
  res.end(bytes);
}).listen(Number(process.argv[3]), '127.0.0.1');
