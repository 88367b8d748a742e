// Uploads one file with tus-js-client (the npm package, a client nobody on the VideoVault team wrote) the way an
// application would: it starts the upload, aborts it once the server has acknowledged at least --stop-after bytes,
// then resumes with a NEW Upload object that finds the previous upload in its URL storage (findPreviousUploads +
// resumeFromPreviousUpload), asks the server for its offset and sends the rest.
//
//   node tus-js-upload.mjs --endpoint http://127.0.0.1:5000/api/uploads --file video.mp4 \
//        [--chunk-size 1048576] [--stop-after 2097152] [--category Sample] [--protocol tus-v1|ietf-draft-05]
//
// Prints one JSON line on success (exit code 0): upload_url, bytes, stopped_at (the offset acknowledged when the
// first Upload was aborted), resumed_at (the offset the server reported to the second Upload), protocol, requests
// (method and status of every request, in order) and final_headers (the headers of the last response).
// Any failure prints a message on stderr and exits with code 1.
import { mkdtempSync, rmSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Upload, FileUrlStorage } from 'tus-js-client';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    file: { type: 'string' },
    'chunk-size': { type: 'string', default: String(1024 * 1024) },
    'stop-after': { type: 'string', default: '0' },
    category: { type: 'string' },
    protocol: { type: 'string', default: 'tus-v1' },
  },
  strict: true,
});

if (!args.endpoint || !args.file) {
  console.error('usage: node tus-js-upload.mjs --endpoint URL --file PATH [--chunk-size N] [--stop-after N] [--category NAME] [--protocol tus-v1|ietf-draft-05]');
  process.exit(2);
}

const chunkSize = Number(args['chunk-size']);
const stopAfter = Number(args['stop-after']);
const size = statSync(args.file).size;
// A URL storage on disk, as an application that survives its own restart would keep one; thrown away at exit.
const storageFolder = mkdtempSync(join(tmpdir(), 'tus-js-upload-'));
const urlStorage = new FileUrlStorage(join(storageFolder, 'uploads.json'));
const requests = [];
let lastHeaders = {};

function options(extra) {
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
    // Fail on the first error: the test wants to see it, not a retry that hides it.
    retryDelays: null,
    onAfterResponse(req, res) {
      requests.push({ method: req.getMethod(), status: res.getStatus(), offset: res.getHeader('Upload-Offset') ?? null });
      lastHeaders = { ...res.getUnderlyingObject().headers };
    },
    ...extra,
  };
}

// Resolves 'finished', or { stoppedAt } once the server has acknowledged at least `stopAt` bytes (0: never stop).
function run(upload, stopAt) {
  let stopped = false;
  return new Promise((resolve, reject) => {
    upload.options.onSuccess = () => resolve('finished');
    upload.options.onError = (error) => reject(error);
    upload.options.onChunkComplete = (_chunk, accepted) => {
      if (stopAt > 0 && accepted >= stopAt && accepted < size && !stopped) {
        // Between two PATCHes, as a user pressing "pause" or a page closing would leave it.
        stopped = true;
        upload.abort().then(() => resolve({ stoppedAt: accepted }), reject);
      }
    };
    upload.start();
  });
}

try {
  // The file is read from disk by the client itself (fs.ReadStream with a path), never loaded whole.
  const first = new Upload(createReadStream(args.file), options());
  const firstOutcome = await run(first, stopAfter);
  let stoppedAt = null;
  let resumedAt = null;
  let uploadUrl = first.url;

  if (firstOutcome !== 'finished') {
    stoppedAt = firstOutcome.stoppedAt;
    const second = new Upload(createReadStream(args.file), options({
      onAfterResponse(req, res) {
        requests.push({ method: req.getMethod(), status: res.getStatus(), offset: res.getHeader('Upload-Offset') ?? null });
        lastHeaders = { ...res.getUnderlyingObject().headers };
        if (req.getMethod() === 'HEAD' && resumedAt === null) {
          resumedAt = Number(res.getHeader('Upload-Offset'));
        }
      },
    }));
    const previous = await second.findPreviousUploads();
    if (previous.length !== 1) {
      throw new Error(`expected the aborted upload in the URL storage, found ${previous.length}`);
    }

    second.resumeFromPreviousUpload(previous[0]);
    const secondOutcome = await run(second, 0);
    if (secondOutcome !== 'finished') {
      throw new Error('the resumed upload stopped before the end');
    }

    uploadUrl = second.url;
    if (uploadUrl !== first.url) {
      throw new Error(`the resumed upload went to ${uploadUrl}, not to ${first.url}`);
    }
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
  rmSync(storageFolder, { recursive: true, force: true });
}
