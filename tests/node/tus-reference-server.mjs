// The tus reference server the raw protocol tests also run against: @tus/server with @tus/file-store (versions pinned
// in package.json), on 127.0.0.1 only. Two upload collections on one port: <path> with a long expiry, and
// <path>-expiring whose uploads expire <expiring-ms> after creation (for the expiration tests).
//
//   node tus-reference-server.mjs --port 0 --path /files --dir /tmp/x --max-size 67108864 --expiring-ms 1500
//
// Prints exactly one line "listening on http://127.0.0.1:<port>" once it accepts connections; exits on SIGTERM/SIGKILL.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    path: { type: 'string', default: '/files' },
    dir: { type: 'string' },
    'max-size': { type: 'string', default: String(64 * 1024 * 1024) },
    'expiring-ms': { type: 'string', default: '1500' },
  },
});
if (!values.dir) {
  console.error('usage: node tus-reference-server.mjs --dir <directory> [--port 0] [--path /files] [--max-size bytes] [--expiring-ms ms]');
  process.exit(2);
}

const maxSize = Number(values['max-size']);
const tus = (path, directory, expirationPeriodInMilliseconds) =>
  new Server({
    path,
    maxSize,
    // The tests compare raw protocol behaviour: relative Location headers would differ only in form.
    relativeLocation: false,
    datastore: new FileStore({ directory, expirationPeriodInMilliseconds }),
  });

const expiringPath = `${values.path}-expiring`;
const main = tus(values.path, `${values.dir}/files`, 24 * 60 * 60 * 1000);
const expiring = tus(expiringPath, `${values.dir}/expiring`, Number(values['expiring-ms']));

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const target = url === expiringPath || url.startsWith(`${expiringPath}/`) ? expiring : main;
  target.handle(req, res);
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
