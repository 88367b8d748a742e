// The ingest benchmark's tus client: uploads one file with tus-js-client (the npm package pinned in package.json) the
// way an application does, against any tus 1.0 server, and says how long it took.
//
//   node tus-js-bench-upload.mjs --endpoint http://127.0.0.1:5000/api/uploads --file video.mp4 [--chunk-size 8388608]
//
// --chunk-size 0 (the default) is tus-js-client's own default: the whole file in one PATCH. The file is streamed from
// disk (an fs.ReadStream with a path, which tus-js-client reads slice by slice), never loaded whole. No retries: a
// failed request fails the run rather than hiding in the time.
//
// Prints one JSON line on success (exit code 0): seconds (from start() to onSuccess, so starting Node is not counted,
// as curl's time_total leaves out starting curl), cpu_user and cpu_system (this process's CPU over the same span),
// bytes, patches (PATCHes answered 204), upload_url, and video_id (VideoVault's VideoVault-Video-Id on the last
// PATCH's answer; null from other servers). Any failure prints a message on stderr and exits with code 1.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Upload } from 'tus-js-client';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    file: { type: 'string' },
    'chunk-size': { type: 'string', default: '0' },
  },
  strict: true,
});

if (!args.endpoint || !args.file) {
  console.error('usage: node tus-js-bench-upload.mjs --endpoint URL --file PATH [--chunk-size BYTES (0: one PATCH)]');
  process.exit(2);
}

const chunkSize = Number(args['chunk-size']);
const bytes = statSync(args.file).size;
let patches = 0;
let videoId = null;

const cpuBefore = process.cpuUsage();
const started = performance.now();
try {
  const upload = await new Promise((resolve, reject) => {
    const upload = new Upload(createReadStream(args.file), {
      endpoint: args.endpoint,
      chunkSize: chunkSize > 0 ? chunkSize : Infinity,
      metadata: { filename: basename(args.file), filetype: 'video/mp4', content_type: 'Benchmark' },
      retryDelays: null,
      storeFingerprintForResuming: false,
      onAfterResponse(req, res) {
        if (req.getMethod() === 'PATCH') {
          if (res.getStatus() !== 204) {
            reject(new Error(`PATCH answered ${res.getStatus()}`));
            return;
          }

          patches++;
          videoId = res.getHeader('VideoVault-Video-Id') ?? videoId;
        }
      },
      onSuccess: () => resolve(upload),
      onError: reject,
    });
    upload.start();
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({
    seconds,
    cpu_user: cpu.user / 1e6,
    cpu_system: cpu.system / 1e6,
    bytes,
    patches,
    upload_url: upload.url,
    video_id: videoId,
  }));
} catch (error) {
  console.error(`tus-js-client upload failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
