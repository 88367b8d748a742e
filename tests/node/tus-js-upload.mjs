// Uploads one file with tus-js-client (the npm package, a client nobody on the VideoVault team wrote) the way an
// application does, and interrupts it once on the way:
//
//   node tus-js-upload.mjs --endpoint http://127.0.0.1:5000/api/uploads --file video.mp4 \
//        [--chunk-size 1048576] [--stop-after 2097152] [--stop-mode pause|cut] [--category Sample]
//        [--protocol tus-v1|ietf-draft-05]
//
// --stop-mode pause (the default): once a PATCH has been answered with an offset of at least --stop-after, the upload
//   is aborted with upload.abort() (a pause button, a closed page), then resumed by a NEW Upload object that finds the
//   previous upload in its URL storage (findPreviousUploads + resumeFromPreviousUpload), asks the server for its
//   offset (HEAD) and sends the rest.
// --stop-mode cut: the connection is cut in the middle of a PATCH body once --stop-after bytes of the file have gone
//   out (a dropped network); the same Upload recovers by itself as tus-js-client does (HEAD, then PATCH from the
//   server's offset).
//
// Prints one JSON line on success (exit code 0): upload_url, bytes, stopped_at (the offset acknowledged when the
// upload was paused, or the file offset where the connection was cut), resumed_at (the offset the server reported
// to the HEAD the upload went on from), protocol, requests (method, status and Upload-Offset of every response, in order; a cut
// request has status null) and final_headers (the headers of the last response). Any failure prints a message and
// the requests so far on stderr and exits with code 1.
import { mkdtempSync, rmSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import { Upload, FileUrlStorage, DefaultHttpStack } from 'tus-js-client';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    file: { type: 'string' },
    'chunk-size': { type: 'string', default: String(1024 * 1024) },
    'stop-after': { type: 'string', default: '0' },
    'stop-mode': { type: 'string', default: 'pause' },
    category: { type: 'string' },
    protocol: { type: 'string', default: 'tus-v1' },
  },
  strict: true,
});

if (!args.endpoint || !args.file || !['pause', 'cut'].includes(args['stop-mode'])) {
  console.error('usage: node tus-js-upload.mjs --endpoint URL --file PATH [--chunk-size N] [--stop-after N] [--stop-mode pause|cut] [--category NAME] [--protocol tus-v1|ietf-draft-05]');
  process.exit(2);
}

const chunkSize = Number(args['chunk-size']);
const stopAfter = Number(args['stop-after']);
const mode = args['stop-mode'];
const size = statSync(args.file).size;
// A URL storage on disk, as an application that survives its own restart keeps one; thrown away at exit.
const storageFolder = mkdtempSync(join(tmpdir(), 'tus-js-upload-'));
// tus-js-client does not wait for some of its storage calls (removing the entry after success), so they are tracked
// here and awaited before the folder goes.
class TrackedUrlStorage {
  constructor(inner) {
    this.inner = inner;
    this.pending = new Set();
  }

  track(operation) {
    this.pending.add(operation);
    operation.finally(() => this.pending.delete(operation)).catch(() => {});
    return operation;
  }

  findAllUploads() {
    return this.track(this.inner.findAllUploads());
  }

  findUploadsByFingerprint(fingerprint) {
    return this.track(this.inner.findUploadsByFingerprint(fingerprint));
  }

  removeUpload(urlStorageKey) {
    return this.track(this.inner.removeUpload(urlStorageKey));
  }

  addUpload(fingerprint, upload) {
    return this.track(this.inner.addUpload(fingerprint, upload));
  }

  async settle() {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }
}

const urlStorage = new TrackedUrlStorage(new FileUrlStorage(join(storageFolder, 'uploads.json')));
const requests = [];
let lastHeaders = {};
let stoppedAt = null;
let resumedAt = null;
let lastHeadOffset = null;

// The default Node.js HTTP stack, except that once (in cut mode) it stops feeding a PATCH body at --stop-after bytes of
// the file, lets what was sent reach the server, then destroys the connection.
class CuttingHttpStack {
  constructor(inner) {
    this.inner = inner;
    this.done = mode !== 'cut' || stopAfter <= 0;
  }

  getName() {
    return 'CuttingHttpStack';
  }

  createRequest(method, url) {
    const request = this.inner.createRequest(method, url);
    if (method !== 'PATCH') {
      return request;
    }

    const send = request.send.bind(request);
    request.send = (body) => {
      const offset = Number(request.getHeader('Upload-Offset'));
      if (this.done || !(body instanceof Readable) || stopAfter <= offset || stopAfter >= offset + Number(body.size ?? Infinity)) {
        return send(body);
      }

      this.done = true;
      let left = stopAfter - offset;
      const cutter = new Transform({
        transform(chunk, _encoding, callback) {
          if (left <= 0) {
            return; // Stall: no more bytes, and the request never ends on its own.
          }

          const part = chunk.subarray(0, left);
          left -= part.length;
          this.push(part);
          if (left > 0) {
            callback();
            return;
          }

          stoppedAt = stopAfter;
          requests.push({ method: 'PATCH', status: null, offset: null, cut_at: stopAfter });
          // The network stalls, then drops: the bytes already written reach the server before the socket goes.
          setTimeout(() => request.getUnderlyingObject()?.destroy(new Error('connection cut by the test client')), 500);
        },
      });
      cutter.size = body.size;
      return send(body.pipe(cutter));
    };
    return request;
  }
}

function options() {
  const metadata = { filename: basename(args.file), filetype: 'video/mp4' };
  if (args.category) {
    metadata.content_type = args.category;
  }

  return {
    endpoint: args.endpoint,
    chunkSize,
    metadata,
    protocol: args.protocol,
    urlStorage,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    httpStack: stack,
    // tus-js-client retries only network errors, 409, 423 and 5xx; every response is reported, so the test sees any
    // retry that happened. A few quick ones, as an application configures them.
    retryDelays: [0, 250, 1000, 2000],
    onAfterResponse(req, res) {
      const offset = res.getHeader('Upload-Offset') ?? null;
      requests.push({ method: req.getMethod(), status: res.getStatus(), offset });
      lastHeaders = { ...res.getUnderlyingObject().headers };
      // The offset the upload went on from: the last HEAD's before the first PATCH accepted after the stop. (A HEAD
      // that raced the server still finishing the cut request may report less; the PATCH from there gets 409 or 423,
      // and tus-js-client asks again.)
      if (stoppedAt !== null && resumedAt === null) {
        if (req.getMethod() === 'HEAD') {
          lastHeadOffset = Number(offset);
        } else if (req.getMethod() === 'PATCH' && res.getStatus() === 204) {
          resumedAt = lastHeadOffset;
        }
      }
    },
  };
}

// Resolves 'finished', or 'paused' once the server has acknowledged at least `pauseAt` bytes (0: never pause).
function run(upload, pauseAt) {
  let paused = false;
  return new Promise((resolve, reject) => {
    upload.options.onSuccess = () => resolve('finished');
    upload.options.onError = (error) => reject(error);
    upload.options.onChunkComplete = (_chunk, accepted) => {
      if (pauseAt > 0 && accepted >= pauseAt && accepted < size && !paused) {
        // Between two PATCHes, as a pause button or a closed page leaves it.
        paused = true;
        stoppedAt = accepted;
        upload.abort().then(() => resolve('paused'), reject);
      }
    };
    upload.start();
  });
}

const stack = new CuttingHttpStack(new DefaultHttpStack());
try {
  // The file is read from disk by the client itself (fs.ReadStream with a path), never loaded whole.
  const first = new Upload(createReadStream(args.file), options());
  let uploadUrl = first.url;
  if (await run(first, mode === 'pause' ? stopAfter : 0) === 'paused') {
    const second = new Upload(createReadStream(args.file), options());
    const previous = await second.findPreviousUploads();
    if (previous.length !== 1) {
      throw new Error(`expected the paused upload in the URL storage, found ${previous.length}`);
    }

    second.resumeFromPreviousUpload(previous[0]);
    if (await run(second, 0) !== 'finished') {
      throw new Error('the resumed upload stopped before the end');
    }

    if (second.url !== first.url) {
      throw new Error(`the resumed upload went to ${second.url}, not to ${first.url}`);
    }
  }

  uploadUrl = first.url;
  if (stopAfter > 0 && stopAfter < size && (stoppedAt === null || resumedAt === null)) {
    throw new Error(`the upload was meant to stop at ${stopAfter} bytes and resume, but stopped at ${stoppedAt} and resumed at ${resumedAt}`);
  }

  console.log(JSON.stringify({
    upload_url: uploadUrl,
    bytes: size,
    stopped_at: stoppedAt,
    resumed_at: resumedAt,
    protocol: args.protocol,
    requests,
    final_headers: lastHeaders,
  }));
} catch (error) {
  console.error(`tus-js-client upload failed: ${error?.stack ?? error}`);
  console.error(JSON.stringify({ requests }));
  process.exitCode = 1;
} finally {
  await urlStorage.settle();
  rmSync(storageFolder, { recursive: true, force: true, maxRetries: 5 });
}
