// VideoVault upload page: plain script, no build step. Talks to the VideoVault endpoints only: the tus endpoint
// (through tus-js-client) for uploads that survive a dropped connection, a reload or a restart, the multipart endpoint
// where a browser cannot do that, the list, statistics and video-info endpoints, and the content endpoint, which a
// <video> element plays from (seeking asks for byte ranges) and the download links save.
// Every string that comes from the server or from a file name is written with textContent, never as HTML.
'use strict';

(() => {
  // Relative URLs so the page keeps working when the host runs under a path base.
  const api = {
    upload: 'api/upload-video',
    uploads: 'api/uploads',
    list: 'api/videos/list',
    stats: 'api/videos/storage-stats',
    info: 'api/video-info/',
    // {prefix}/videos/{stored name or id}/content: inline, so a <video> element plays it; ?download=true saves it.
    content: (name) => `api/videos/${encodeURIComponent(name)}/content`,
  };

  const POLL_INTERVAL_MS = 5000;
  const MAX_PARALLEL_UPLOADS = 2;
  const LIST_LIMIT = 50;
  const SPEED_WINDOW_MS = 4000;

  // A host may set window.VideoVaultUploadSettings = { chunkSize: bytes } before this script runs (the browser tests
  // use small pieces to stop an upload part-way at a known offset).
  const UPLOAD_SETTINGS = window.VideoVaultUploadSettings !== null && typeof window.VideoVaultUploadSettings === 'object'
    ? window.VideoVaultUploadSettings : {};
  // 8 MiB per PATCH: few enough requests to keep up with a fast link, small enough that little is sent twice.
  const CHUNK_SIZE = Number.isSafeInteger(UPLOAD_SETTINGS.chunkSize) && UPLOAD_SETTINGS.chunkSize > 0
    ? UPLOAD_SETTINGS.chunkSize : 8 * 1024 * 1024;
  // Waits before each new attempt after a dropped connection or while the host restarts (about a minute and a half
  // in all); any progress starts the list again. Then the row offers "Try again".
  const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 45000];

  const VIDEO_EXTENSIONS = new Set([
    'mp4', 'm4v', 'mov', 'qt', '3gp', '3g2', 'mkv', 'webm', 'avi', 'ts', 'mts', 'm2ts', 'mpg', 'mpeg', 'vob',
    'flv', 'wmv', 'asf',
  ]);

  const MIRROR_STATES = {
    pending: { label: 'Pending', help: 'Saved here; waiting to be copied to Google Drive.' },
    uploading: { label: 'Copying', help: 'Being copied to Google Drive now.' },
    mirrored: { label: 'Mirrored', help: 'The copy on Google Drive is verified.' },
    retrying: { label: 'Retrying', help: 'A copy attempt failed; another one is scheduled.' },
    failed: { label: 'Failed', help: 'Copying to Google Drive failed; an administrator needs to look at it.' },
    disabled: { label: 'Local only', help: 'No Google Drive copy is configured; the video is stored on the server.' },
  };
  const STATE_ORDER = ['pending', 'uploading', 'retrying', 'mirrored', 'failed', 'disabled'];

  // A local copy that is not on this server: it cannot be played or downloaded from here.
  const LOCAL_STATES = {
    missing: { label: 'File missing', badge: 'badge-missing', help: 'The file is missing from the server; an administrator needs to restore it.' },
    removed: { label: 'Only on Drive', badge: 'badge-removed', help: 'The copy on this server was cleaned up; the verified copy is on Google Drive. An administrator can restore it.' },
  };

  const $ = (id) => document.getElementById(id);
  const el = {
    category: $('category'),
    fileInput: $('file-input'),
    dropZone: $('drop-zone'),
    announcer: $('upload-announcer'),
    queueHeading: $('queue-heading'),
    uploadList: $('upload-list'),
    resumeHint: $('resume-hint'),
    resumeList: $('resume-list'),
    rowTemplate: $('upload-row-template'),
    statCount: $('stat-count'),
    statSize: $('stat-size'),
    statFree: $('stat-free'),
    statBacklog: $('stat-backlog'),
    statStates: $('stat-states'),
    refresh: $('refresh-button'),
    search: $('search'),
    listStatus: $('list-status'),
    caption: $('videos-caption'),
    tbody: $('videos-body'),
    empty: $('videos-empty'),
    detailsPanel: $('details-panel'),
    detailsHeading: $('details-heading'),
    detailsStatus: $('details-status'),
    detailsList: $('details-list'),
    detailsClose: $('details-close'),
    playerPanel: $('player-panel'),
    playerHeading: $('player-heading'),
    player: $('player'),
    playerStatus: $('player-status'),
    playerDownload: $('player-download'),
    playerClose: $('player-close'),
  };

  // ---------- formatting ----------

  const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  function formatBytes(bytes) {
    if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '—';
    if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
    const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
  }

  function formatDuration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) return '';
    if (seconds < 1) return 'less than a second';
    const s = Math.round(seconds);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
    return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  }

  function formatDate(value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
  }

  function formatCount(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString() : '—';
  }

  function extensionOf(name) {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  }

  function safeHttpUrl(value) {
    if (typeof value !== 'string' || value === '') return null;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  // Re-setting the text after clearing makes screen readers announce a repeated message again.
  function announce(region, message) {
    region.textContent = '';
    window.setTimeout(() => { region.textContent = message; }, 50);
  }

  function parseJson(body) {
    if (typeof body !== 'string' || body === '') return null;
    try {
      const parsed = JSON.parse(body);
      return parsed !== null && typeof parsed === 'object' ? parsed : null;
    } catch {
      return null;
    }
  }

  // ---------- uploads ----------

  const waiting = [];
  const allItems = [];
  let activeUploads = 0;
  let uploadCounter = 0;

  // tus-js-client (lib/tus-js-client/tus.min.js) sends each file in pieces to the tus endpoint and resumes from the
  // server's offset after a dropped connection, a reload or a host restart. It needs File and Blob.slice to read the
  // file in pieces and XMLHttpRequest upload events for progress; a browser without them, or without the library,
  // sends the whole file as one multipart form instead, as the page always did.
  const resumable = Boolean(
    window.tus && window.tus.isSupported === true && typeof window.tus.Upload === 'function'
    && typeof File === 'function' && typeof Blob === 'function' && typeof Blob.prototype.slice === 'function'
    && typeof fetch === 'function' && typeof XMLHttpRequest === 'function' && 'upload' in XMLHttpRequest.prototype);
  // Set when the server has no tus endpoint (404 or 405 to the creation request): forms from then on.
  let resumableEndpointMissing = false;
  document.documentElement.dataset.uploadMode = resumable ? 'resumable' : 'form';
  // Absolute, because tus-js-client resolves the server's Location header against it and keys saved uploads by it.
  const resumableEndpoint = new URL(api.uploads, document.baseURI).href;

  function currentCategory() {
    return el.category.value.trim();
  }

  function addFiles(fileList) {
    const files = Array.from(fileList || []);
    if (files.length === 0) return;
    const category = currentCategory();
    for (const file of files) {
      const item = createUploadItem(file, category);
      if (looksLikeNotAVideo(file)) {
        refuse(item, 'Not a video', 'This file is not a video, so it was not sent. Choose an MP4, MOV, WebM, MKV, AVI, MPEG, FLV or WMV file.', false);
        continue;
      }
      waiting.push(item);
    }
    announce(el.announcer, files.length === 1 ? `Added ${files[0].name} to the uploads.` : `Added ${files.length} files to the uploads.`);
    pump();
  }

  // Only a hint to save a pointless transfer: the server checks the real content (magic bytes) either way.
  function looksLikeNotAVideo(file) {
    const type = file.type || '';
    return type !== '' && !type.startsWith('video/') && !VIDEO_EXTENSIONS.has(extensionOf(file.name));
  }

  // One key per queued file, kept for every attempt: when an answer is lost after the server stored the video, "Try
  // again" sends the same key and the server answers with the stored video instead of storing a second copy.
  // crypto.randomUUID exists only in secure contexts (https or localhost), not on a LAN host over plain http.
  function newIdempotencyKey() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function createUploadItem(file, category) {
    const row = el.rowTemplate.content.firstElementChild.cloneNode(true);
    const item = {
      file,
      category,
      idempotencyKey: newIdempotencyKey(),
      row,
      mode: null,
      xhr: null,
      tus: null,
      resumeUrl: null,
      active: false,
      acknowledged: 0,
      resumedAt: null,
      offline: false,
      state: 'waiting',
      samples: [],
      nodes: {
        name: row.querySelector('.upload-name'),
        meta: row.querySelector('.upload-meta'),
        progress: row.querySelector('.upload-progress'),
        percent: row.querySelector('.upload-percent'),
        speed: row.querySelector('.upload-speed'),
        eta: row.querySelector('.upload-eta'),
        pause: row.querySelector('.upload-pause'),
        resume: row.querySelector('.upload-resume'),
        cancel: row.querySelector('.upload-cancel'),
        retry: row.querySelector('.upload-retry'),
        message: row.querySelector('.upload-message'),
      },
    };
    row.dataset.fileName = file.name;
    item.nodes.name.textContent = file.name;
    item.nodes.meta.textContent = `${formatBytes(file.size)} · ${category || 'General'}`;
    item.nodes.progress.id = `upload-progress-${uploadCounter}`;
    item.nodes.progress.setAttribute('aria-label', `Upload progress of ${file.name}`);
    item.nodes.pause.setAttribute('aria-label', `Pause the upload of ${file.name}`);
    item.nodes.resume.setAttribute('aria-label', `Resume the upload of ${file.name}`);
    item.nodes.cancel.setAttribute('aria-label', `Cancel the upload of ${file.name}`);
    item.nodes.retry.setAttribute('aria-label', `Try uploading ${file.name} again`);
    uploadCounter += 1;
    setState(item, 'waiting', 'Waiting to start…');
    item.nodes.pause.addEventListener('click', () => pause(item));
    item.nodes.resume.addEventListener('click', () => resume(item));
    item.nodes.cancel.addEventListener('click', () => cancel(item));
    item.nodes.retry.addEventListener('click', () => retry(item));
    el.queueHeading.hidden = false;
    el.uploadList.prepend(row);
    allItems.push(item);
    return item;
  }

  function setState(item, state, message) {
    item.state = state;
    item.row.dataset.state = state;
    item.nodes.message.textContent = message;
    const finished = state === 'stored' || state === 'refused' || state === 'failed' || state === 'cancelled';
    item.nodes.cancel.hidden = finished;
    // Only a resumable upload can stop and go on later; a form upload can only be cancelled.
    item.nodes.pause.hidden = !(item.mode === 'resumable' && (state === 'uploading' || state === 'reconnecting'));
    item.nodes.resume.hidden = state !== 'paused';
    if (finished || state === 'paused' || state === 'reconnecting') {
      item.nodes.speed.textContent = '';
      item.nodes.eta.textContent = '';
    }
  }

  function pump() {
    while (activeUploads < MAX_PARALLEL_UPLOADS && waiting.length > 0) {
      start(waiting.shift());
    }
  }

  function start(item) {
    activeUploads += 1;
    item.active = true;
    item.samples = [];
    item.offline = false;
    item.nodes.retry.hidden = true;
    if (item.tus) {
      // Resume after Pause: the same upload asks the server for its offset (HEAD), then sends the rest.
      setState(item, 'uploading', 'Resuming…');
      item.tus.start();
      return;
    }
    item.mode = resumable && !resumableEndpointMissing ? 'resumable' : 'form';
    item.resumedAt = null;
    item.acknowledged = 0;
    setProgress(item, 0, item.file.size);
    setState(item, 'uploading', 'Uploading…');
    if (item.mode === 'resumable') startResumable(item);
    else startForm(item);
  }

  // Gives the item's slot to the next waiting file; safe to call more than once.
  function release(item) {
    if (!item.active) return;
    item.active = false;
    activeUploads -= 1;
    pump();
  }

  // ----- resumable (tus) -----

  function startResumable(item) {
    const metadata = { filename: item.file.name, filetype: item.file.type || 'application/octet-stream' };
    // The same field name as the multipart form's category.
    if (item.category) metadata.content_type = item.category;
    const upload = new window.tus.Upload(item.file, {
      endpoint: resumableEndpoint,
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      // A finished upload is forgotten, so adding the same file again uploads it again.
      removeFingerprintOnSuccess: true,
      metadata,
      onBeforeRequest: (req) => {
        // Only the creation carries the key: it binds the new upload (and so the video) to this file's key.
        if (req.getMethod() === 'POST') req.setHeader('Idempotency-Key', `"${item.idempotencyKey}"`);
      },
      onAfterResponse: (req, res) => noteResponse(item, upload, req, res),
      onProgress: (sent, total) => {
        if (item.tus !== upload || (item.state !== 'uploading' && item.state !== 'saving')) return;
        setProgress(item, sent, total);
        updateSpeed(item, sent, total);
        if (total > 0 && sent >= total && item.state === 'uploading') {
          setState(item, 'saving', 'Sent. The server is saving it to disk…');
        }
      },
      onChunkComplete: (chunk, accepted) => {
        item.acknowledged = accepted;
      },
      onShouldRetry: (err, attempt, options) => shouldRetry(item, upload, err, attempt, options),
      onSuccess: (payload) => resumableStored(item, upload, payload && payload.lastResponse),
      onError: (err) => resumableFailed(item, upload, err),
    });
    item.tus = upload;
    const begin = () => {
      // Paused or cancelled while the saved uploads were read.
      if (item.tus === upload && item.state === 'uploading') upload.start();
    };
    // A file whose upload was cut off in an earlier visit (tab closed, page reloaded) continues that upload.
    upload.findPreviousUploads().then((previous) => {
      const newest = previous
        .filter((entry) => entry && typeof entry.uploadUrl === 'string')
        .sort((a, b) => Date.parse(b.creationTime || 0) - Date.parse(a.creationTime || 0))[0];
      // Without saved URLs (private browsing, storage full), "Try again" still goes on from this page's own upload.
      if (newest) upload.resumeFromPreviousUpload(newest);
      else if (item.resumeUrl) upload.resumeFromPreviousUpload({ uploadUrl: item.resumeUrl });
      begin();
    }, begin);
  }

  // A HEAD is how tus-js-client asks where to go on (after a dropped connection, a reload, a restart or Pause):
  // the row then says how much the server already had.
  function noteResponse(item, upload, req, res) {
    if (item.tus !== upload) return;
    const status = res.getStatus();
    if (req.getMethod() !== 'HEAD' || status < 200 || status >= 300) return;
    const offset = Number.parseInt(res.getHeader('Upload-Offset'), 10);
    const length = Number.parseInt(res.getHeader('Upload-Length'), 10);
    if (!Number.isFinite(offset) || !Number.isFinite(length) || length <= 0 || offset >= length) return;
    item.acknowledged = offset;
    item.resumedAt = Math.floor((offset / length) * 100);
    item.samples = [];
    setProgress(item, offset, length);
    setState(item, 'uploading', `Resumed at ${item.resumedAt} %: the server already had ${formatBytes(offset)} of it.`);
    announce(el.announcer, `${item.file.name}: resumed at ${item.resumedAt} %.`);
    forgetInterrupted(item.file.name);
  }

  function shouldRetry(item, upload, err, attempt, options) {
    if (item.tus !== upload) return false;
    const status = err && err.originalResponse ? err.originalResponse.getStatus() : 0;
    // Offline: waiting for the 'online' event beats spending the retries on a network that is not there.
    if (status === 0 && navigator.onLine === false) return false;
    // A full disk does not clear up in seconds, and other 4xx answers will not change.
    const transient = status === 0 || status === 409 || status === 423 || (status >= 500 && status !== 501 && status !== 507);
    if (!transient) return false;
    const delay = options.retryDelays[attempt] || 0;
    const when = delay >= 1000 ? `in ${Math.round(delay / 1000)} s` : 'now';
    if (item.state !== 'reconnecting') announce(el.announcer, `${item.file.name}: connection lost, trying again.`);
    setState(item, 'reconnecting', status === 0
      ? `Connection lost. Trying again ${when}; the upload goes on from what the server has.`
      : `The server answered HTTP ${status}. Trying again ${when}…`);
    return true;
  }

  async function resumableStored(item, upload, res) {
    if (item.tus !== upload) return;
    item.tus = null;
    item.resumeUrl = null;
    setProgress(item, 1, 1);
    // The last answer says where the video is; when it was lost (the upload was found complete by a HEAD), the
    // upload's own URL answers with the video.
    const videoId = res ? res.getHeader('VideoVault-Video-Id') : null;
    const videoUrl = res ? res.getHeader('VideoVault-Video') : null;
    let video = null;
    try {
      const where = videoUrl ? new URL(videoUrl, upload.url || document.baseURI).href : upload.url;
      if (where) video = await getJson(where);
    } catch {
      video = null;
    }
    stored(item, video && video.filename, videoId || (video && video.video_id));
    release(item);
  }

  function resumableFailed(item, upload, err) {
    if (item.tus !== upload) return;
    const req = err && err.originalRequest;
    const res = err && err.originalResponse;
    const status = res ? res.getStatus() : 0;
    item.tus = null;
    // Kept only where going on makes sense: the connection failed, or the server may recover (5xx, 507).
    item.resumeUrl = status === 0 || status >= 500 ? upload.url : null;
    if (req && req.getMethod() === 'POST' && (status === 404 || status === 405)) {
      // This server has no tus endpoint: send this file and the following ones as forms.
      resumableEndpointMissing = true;
      item.mode = 'form';
      setState(item, 'uploading', 'Uploading…');
      startForm(item);
      return;
    }

    if (status === 0) {
      item.offline = navigator.onLine === false;
      refuse(item, 'Network error', item.offline
        ? 'You are offline. The upload goes on from where it stopped as soon as the connection is back.'
        : 'The connection to the server was lost. Try again to go on from where it stopped.', true);
    } else if (req && req.getMethod() !== 'POST' && (status === 404 || status === 410)) {
      refuse(item, 'Upload expired', 'The server no longer has the part sent so far (it waited too long). Try again to start over.', true, status);
    } else {
      refuseStatus(item, status, res.getBody());
    }

    release(item);
  }

  function pause(item) {
    const upload = item.tus;
    if (!upload || (item.state !== 'uploading' && item.state !== 'reconnecting')) return;
    upload.abort(false);
    setProgress(item, item.acknowledged, item.file.size);
    const percent = item.file.size > 0 ? Math.floor((item.acknowledged / item.file.size) * 100) : 0;
    setState(item, 'paused', `Paused at ${percent} %. Resume goes on from there.`);
    announce(el.announcer, `Upload of ${item.file.name} paused at ${percent} %.`);
    release(item);
    item.nodes.resume.focus();
  }

  function resume(item) {
    if (item.state !== 'paused') return;
    setState(item, 'waiting', 'Waiting to resume…');
    waiting.unshift(item);
    pump();
    (item.nodes.pause.hidden ? item.nodes.cancel : item.nodes.pause).focus();
  }

  // Back online: uploads that stopped for lack of a network go on by themselves.
  window.addEventListener('online', () => {
    for (const item of allItems) {
      if (item.state === 'failed' && item.offline) retry(item);
    }
  });

  // ----- multipart form (browsers without what tus-js-client needs, or hosts without the tus endpoint) -----

  function startForm(item) {
    const form = new FormData();
    // The category first: the server reads the fields before the file part as well as after it, but older hosts
    // stream the body in order and only take it first.
    if (item.category) form.append('content_type', item.category);
    form.append('video', item.file, item.file.name);

    const xhr = new XMLHttpRequest();
    item.xhr = xhr;
    xhr.open('POST', api.upload);
    xhr.setRequestHeader('Accept', 'application/json');
    // A structured-field string, as the IETF draft defines the header (the server also takes it bare).
    xhr.setRequestHeader('Idempotency-Key', `"${item.idempotencyKey}"`);

    xhr.upload.addEventListener('progress', (event) => {
      if (!event.lengthComputable) return;
      setProgress(item, event.loaded, event.total);
      updateSpeed(item, event.loaded, event.total);
    });
    xhr.upload.addEventListener('load', () => {
      setProgress(item, 1, 1);
      setState(item, 'saving', 'Sent. The server is saving it to disk…');
    });
    xhr.addEventListener('load', () => finishForm(item, xhr.status, xhr.responseText));
    xhr.addEventListener('error', () => {
      refuse(item, 'Network error', 'The connection to the server was lost before it answered. Check your connection and try again. (A file larger than the server’s limit can also end this way.)', true);
    });
    xhr.addEventListener('abort', () => {
      setState(item, 'cancelled', 'Cancelled. Nothing was stored.');
      item.nodes.retry.hidden = false;
      announce(el.announcer, `Upload of ${item.file.name} cancelled.`);
    });
    xhr.addEventListener('loadend', () => {
      item.xhr = null;
      release(item);
    });
    xhr.send(form);
  }

  function setProgress(item, loaded, total) {
    const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
    item.nodes.progress.value = percent;
    item.nodes.percent.textContent = `${percent} %`;
  }

  function updateSpeed(item, loaded, total) {
    const now = performance.now();
    item.samples.push({ time: now, loaded });
    while (item.samples.length > 2 && now - item.samples[0].time > SPEED_WINDOW_MS) item.samples.shift();
    const first = item.samples[0];
    const elapsed = (now - first.time) / 1000;
    if (elapsed < 0.2) return;
    const speed = (loaded - first.loaded) / elapsed;
    if (speed <= 0) return;
    item.nodes.speed.textContent = `${formatBytes(speed)}/s`;
    item.nodes.eta.textContent = loaded >= total ? '' : `about ${formatDuration((total - loaded) / speed)} left`;
  }

  const REFUSALS = {
    400: { title: 'Not accepted', text: 'The server could not read this upload.', retry: false },
    404: { title: 'Upload service not found', text: 'The server has no upload endpoint at this address.', retry: false },
    413: { title: 'Too large', text: 'This file is bigger than the server accepts.', retry: false },
    415: { title: 'Not a video', text: 'The file’s content is not a video in a supported format, whatever its name says.', retry: false },
    422: { title: 'Already used for another file', text: 'The server already stored a different file under this upload’s key (the file may have changed since it was added). Add the file again to upload it as a new video.', retry: false },
    507: { title: 'Server disk full', text: 'The server does not have enough free disk space for this file. Ask an administrator to free space, then try again.', retry: true },
  };

  function finishForm(item, status, body) {
    const json = parseJson(body);
    if (status >= 200 && status < 300 && (json === null || json.success !== false)) {
      stored(item, json && json.filename, json && json.video_id);
      return;
    }
    refuseStatus(item, status, body);
  }

  function stored(item, filename, videoId) {
    setProgress(item, 1, 1);
    const storedAs = filename ? ` as ${filename}` : '';
    const resumed = item.resumedAt === null ? '' : ` (resumed at ${item.resumedAt} %)`;
    setState(item, 'stored', `Stored${storedAs}${resumed}.`);
    if (videoId) item.row.dataset.videoId = String(videoId);
    announce(el.announcer, `${item.file.name} was uploaded and stored.`);
    forgetInterrupted(item.file.name);
    refreshAll();
  }

  function refuseStatus(item, status, body) {
    const json = parseJson(body);
    const known = REFUSALS[status];
    const fallback = status >= 500
      ? { title: 'Server error', text: 'The server could not save this file.', retry: true }
      : { title: `Refused (HTTP ${status})`, text: 'The server did not accept this file.', retry: false };
    const refusal = known || fallback;
    const detail = json ? text(json.detail || json.error || json.title) : '';
    const message = detail && detail !== refusal.text ? `${refusal.text} Server says: ${detail}` : refusal.text;
    refuse(item, refusal.title, message, refusal.retry, status);
  }

  function refuse(item, title, message, canRetry, status) {
    setState(item, canRetry ? 'failed' : 'refused', `${title}: ${message}`);
    if (status) item.row.dataset.status = String(status);
    item.nodes.retry.hidden = !canRetry;
    announce(el.announcer, `${item.file.name}: ${title}. ${message}`);
  }

  function cancel(item) {
    if (item.xhr) {
      item.xhr.abort();
      return;
    }
    if (item.tus) {
      const upload = item.tus;
      item.tus = null;
      item.resumeUrl = null;
      // Terminates the upload on the server (its bytes are removed) and forgets its saved URL.
      upload.abort(true).catch(() => {});
      setState(item, 'cancelled', 'Cancelled. Nothing was stored.');
      item.nodes.retry.hidden = false;
      announce(el.announcer, `Upload of ${item.file.name} cancelled.`);
      release(item);
      return;
    }
    const index = waiting.indexOf(item);
    if (index >= 0) waiting.splice(index, 1);
    setState(item, 'cancelled', 'Cancelled before it started.');
    item.nodes.retry.hidden = false;
    announce(el.announcer, `Upload of ${item.file.name} cancelled.`);
  }

  function retry(item) {
    item.nodes.retry.hidden = true;
    delete item.row.dataset.status;
    setProgress(item, 0, 1);
    setState(item, 'waiting', 'Waiting to start…');
    waiting.push(item);
    pump();
    item.nodes.cancel.focus();
  }

  // ----- uploads cut off in an earlier visit -----

  // tus-js-client keeps each unfinished upload's URL in localStorage. After a closed tab or a reload the page cannot
  // read the file again by itself (browsers do not allow that), so it lists them and asks for the same file.
  async function showInterruptedUploads() {
    if (!resumable || !window.tus.canStoreURLs) return;
    const storage = window.tus.defaultOptions.urlStorage;
    let entries = [];
    try {
      entries = await storage.findAllUploads();
    } catch {
      return;
    }
    const seen = new Set();
    const items = [];
    for (const entry of entries) {
      if (!entry || typeof entry.uploadUrl !== 'string' || seen.has(entry.uploadUrl)) continue;
      seen.add(entry.uploadUrl);
      const name = text(entry.metadata && entry.metadata.filename) || 'a file';
      let detail = '';
      try {
        const response = await fetch(entry.uploadUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' }, cache: 'no-store' });
        if (response.status === 404 || response.status === 410) {
          await storage.removeUpload(entry.urlStorageKey);
          continue;
        }
        const offset = Number.parseInt(response.headers.get('Upload-Offset'), 10);
        const length = Number.parseInt(response.headers.get('Upload-Length'), 10);
        if (response.ok && Number.isFinite(offset) && length > 0) {
          detail = offset >= length ? 'all of it reached the server' : `${Math.floor((offset / length) * 100)} % is on the server`;
        }
      } catch {
        detail = 'the server did not answer just now';
      }
      const li = document.createElement('li');
      li.dataset.fileName = name;
      li.textContent = detail ? `${name}: ${detail}` : name;
      items.push(li);
    }
    el.resumeList.replaceChildren(...items);
    el.resumeHint.hidden = items.length === 0;
  }

  function forgetInterrupted(fileName) {
    for (const li of Array.from(el.resumeList.children)) {
      if (li.dataset.fileName === fileName) li.remove();
    }
    el.resumeHint.hidden = el.resumeList.children.length === 0;
  }

  el.fileInput.addEventListener('change', () => {
    addFiles(el.fileInput.files);
    // Clearing lets the same file be chosen again after a refusal.
    el.fileInput.value = '';
  });

  const hasFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files');

  el.dropZone.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    el.dropZone.classList.add('is-dragging');
  });
  el.dropZone.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    el.dropZone.classList.add('is-dragging');
  });
  el.dropZone.addEventListener('dragleave', (event) => {
    if (event.relatedTarget && el.dropZone.contains(event.relatedTarget)) return;
    el.dropZone.classList.remove('is-dragging');
  });
  el.dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    el.dropZone.classList.remove('is-dragging');
    addFiles(event.dataTransfer ? event.dataTransfer.files : null);
  });
  // A file dropped beside the zone must not make the browser navigate away from running uploads.
  window.addEventListener('dragover', (event) => { if (hasFiles(event)) event.preventDefault(); });
  window.addEventListener('drop', (event) => { if (hasFiles(event)) event.preventDefault(); });

  window.addEventListener('beforeunload', (event) => {
    if (activeUploads > 0 || waiting.length > 0) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // ---------- stored videos and statistics ----------

  const listRows = new Map();
  let listBusy = false;
  let listAgain = false;
  let lastListError = '';
  let lastStatsError = '';

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const json = parseJson(await response.text());
    if (!response.ok || json === null || json.success === false) {
      const detail = json ? text(json.detail || json.error || json.title) : '';
      throw new Error(detail || `the server answered HTTP ${response.status}`);
    }
    return json;
  }

  async function refreshList() {
    if (listBusy) {
      listAgain = true;
      return;
    }
    listBusy = true;
    try {
      const params = new URLSearchParams({ limit: String(LIST_LIMIT) });
      const search = el.search.value.trim();
      if (search) params.set('search', search);
      const json = await getJson(`${api.list}?${params}`);
      renderList(Array.isArray(json.videos) ? json.videos : [], json.total, search);
      if (lastListError) announce(el.listStatus, 'Connected again. The list is up to date.');
      lastListError = '';
    } catch (error) {
      const message = `Could not load the list of videos: ${error.message}. Retrying every ${POLL_INTERVAL_MS / 1000} s.`;
      if (message !== lastListError) announce(el.listStatus, message);
      lastListError = message;
    } finally {
      listBusy = false;
      if (listAgain) {
        listAgain = false;
        refreshList();
      }
    }
  }

  function renderList(videos, total, search) {
    const seen = new Set();
    videos.forEach((video, index) => {
      const key = text(video.video_id || video.filename);
      seen.add(key);
      let row = listRows.get(key);
      if (!row) {
        row = createVideoRow();
        listRows.set(key, row);
      }
      fillVideoRow(row, video);
      // Only move a row when its place changed, so focus inside it survives a refresh.
      const current = el.tbody.children[index];
      if (current !== row.tr) el.tbody.insertBefore(row.tr, current || null);
    });
    for (const [key, row] of listRows) {
      if (!seen.has(key)) {
        row.tr.remove();
        listRows.delete(key);
      }
    }
    const count = typeof total === 'number' ? total : videos.length;
    el.empty.hidden = videos.length > 0;
    el.empty.textContent = search ? 'No stored video matches this search.' : 'No videos stored yet.';
    el.caption.textContent = count > videos.length
      ? `Newest first: showing ${videos.length} of ${count.toLocaleString()}`
      : `Newest first: ${count.toLocaleString()} ${count === 1 ? 'video' : 'videos'}`;
  }

  function createVideoRow() {
    const tr = document.createElement('tr');
    const cell = (label) => {
      const td = document.createElement('td');
      td.dataset.label = label;
      tr.append(td);
      return td;
    };
    const nameCell = cell('Name');
    const original = document.createElement('span');
    original.className = 'video-original';
    const stored = document.createElement('span');
    stored.className = 'video-stored';
    // One wrapper per cell keeps the narrow card layout at two columns (label, content).
    const names = document.createElement('div');
    names.append(original, stored);
    nameCell.append(names);
    const category = cell('Category');
    const size = cell('Size');
    const timeCell = cell('Uploaded');
    const time = document.createElement('time');
    timeCell.append(time);
    const stateCell = cell('Drive copy');
    const badge = document.createElement('span');
    badge.className = 'badge';
    const local = document.createElement('span');
    local.className = 'badge badge-missing';
    local.hidden = true;
    const badges = document.createElement('div');
    badges.append(badge, local);
    stateCell.append(badges);
    const actionsCell = cell('Actions');
    const actions = document.createElement('div');
    actions.className = 'video-actions';
    const play = document.createElement('button');
    play.type = 'button';
    play.className = 'button-small';
    play.textContent = 'Play';
    play.setAttribute('aria-controls', 'player-panel');
    const download = document.createElement('a');
    download.className = 'button-small';
    download.textContent = 'Download';
    // The server names the file (Content-Disposition: attachment with the original name); this only says "save it".
    download.setAttribute('download', '');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button-small';
    button.textContent = 'Details';
    button.setAttribute('aria-controls', 'details-panel');
    actions.append(play, download, button);
    actionsCell.append(actions);
    const row = { tr, original, stored, category, size, time, badge, local, play, download, button, video: null };
    play.addEventListener('click', () => playVideo(row));
    button.addEventListener('click', () => showDetails(row));
    return row;
  }

  function fillVideoRow(row, video) {
    row.video = video;
    const originalName = text(video.original_filename || video.filename);
    row.tr.dataset.videoId = text(video.video_id);
    row.original.textContent = originalName;
    row.stored.textContent = text(video.filename);
    row.category.textContent = text(video.category) || '—';
    row.size.textContent = formatBytes(video.size_bytes);
    row.time.dateTime = text(video.created_at);
    row.time.textContent = formatDate(video.created_at);
    const state = text(video.drive_status).toLowerCase() || 'disabled';
    const known = MIRROR_STATES[state];
    row.badge.className = `badge badge-${known ? state : 'unknown'}`;
    row.badge.textContent = known ? known.label : state;
    const lastError = text(video.mirror_last_error);
    row.badge.title = (known ? known.help : '') + (lastError ? ` Last error: ${lastError}` : '');
    const localState = text(video.local_state).toLowerCase();
    const local = LOCAL_STATES[localState];
    row.local.hidden = !local;
    row.local.className = `badge ${local ? local.badge : ''}`;
    row.local.textContent = local ? local.label : '';
    row.local.title = local ? local.help : '';
    // Only a video whose file is on this server can be played or downloaded from it.
    const here = !local;
    row.play.hidden = !here;
    row.download.hidden = !here;
    if (here) row.download.href = `${contentUrl(video)}?download=true`;
    else row.download.removeAttribute('href');
    row.play.setAttribute('aria-label', `Play ${originalName}`);
    row.download.setAttribute('aria-label', `Download ${originalName}`);
    row.button.setAttribute('aria-label', `Details of ${originalName}`);
  }

  async function refreshStats() {
    try {
      const stats = await getJson(api.stats);
      el.statCount.textContent = formatCount(stats.total_videos);
      el.statSize.textContent = formatBytes(stats.total_size_bytes);
      el.statFree.textContent = formatBytes(stats.disk_free_bytes);
      el.statBacklog.textContent = formatCount(stats.mirror_backlog);
      const byState = stats.by_drive_status && typeof stats.by_drive_status === 'object' ? stats.by_drive_status : {};
      renderStateCounts(byState);
      lastStatsError = '';
    } catch (error) {
      const message = `Could not load the storage totals: ${error.message}.`;
      if (message !== lastStatsError) announce(el.listStatus, message);
      lastStatsError = message;
    }
  }

  function renderStateCounts(byState) {
    const states = [...STATE_ORDER, ...Object.keys(byState).filter((s) => !STATE_ORDER.includes(s))];
    const items = [];
    for (const state of states) {
      const value = byState[state];
      if (typeof value !== 'number' || value <= 0) continue;
      const li = document.createElement('li');
      const badge = document.createElement('span');
      const known = MIRROR_STATES[state];
      badge.className = `badge badge-${known ? state : 'unknown'}`;
      badge.textContent = known ? known.label : state;
      const number = document.createElement('span');
      number.className = 'state-count';
      number.textContent = value.toLocaleString();
      li.append(badge, ' ', number);
      items.push(li);
    }
    if (items.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'No videos yet.';
      items.push(li);
    }
    el.statStates.replaceChildren(...items);
  }

  function refreshAll() {
    refreshList();
    refreshStats();
  }

  // ---------- player (content endpoint) ----------

  function contentUrl(video) {
    return api.content(text(video.video_id || video.filename));
  }

  let playingFor = null;

  function playVideo(row) {
    const video = row.video;
    if (!video) return;
    playingFor = row;
    const name = text(video.original_filename || video.filename);
    el.playerHeading.textContent = `Playing ${name}`;
    el.playerDownload.href = `${contentUrl(video)}?download=true`;
    el.playerDownload.textContent = `Download ${name}`;
    el.playerStatus.textContent = 'Loading…';
    el.playerPanel.hidden = false;
    el.player.setAttribute('aria-label', `Video player: ${name}`);
    el.player.src = contentUrl(video);
    el.playerPanel.focus();
    // Started by the click, so the browser lets it play with sound; a refusal leaves the controls to the user.
    const started = el.player.play();
    if (started && typeof started.catch === 'function') started.catch(() => {});
  }

  el.player.addEventListener('playing', () => { el.playerStatus.textContent = ''; });
  el.player.addEventListener('loadedmetadata', () => { el.playerStatus.textContent = ''; });
  el.player.addEventListener('error', () => {
    if (!el.player.getAttribute('src')) return;
    el.playerStatus.textContent = 'This video cannot be played here: the browser could not read it (it may be in a format '
      + 'this browser does not play, or no longer on the server). Try the download link.';
  });

  el.playerClose.addEventListener('click', () => {
    el.player.pause();
    // Dropping the source stops any range requests still in flight.
    el.player.removeAttribute('src');
    el.player.load();
    el.playerPanel.hidden = true;
    el.playerStatus.textContent = '';
    const row = playingFor;
    playingFor = null;
    if (row && row.tr.isConnected && !row.play.hidden) row.play.focus();
    else el.search.focus();
  });

  // ---------- details (video-info) ----------

  let detailsFor = null;

  async function showDetails(row) {
    const video = row.video;
    if (!video) return;
    detailsFor = row;
    const name = text(video.original_filename || video.filename);
    el.detailsHeading.textContent = `Details of ${name}`;
    el.detailsPanel.hidden = false;
    el.detailsList.replaceChildren();
    el.detailsStatus.textContent = 'Loading…';
    el.detailsPanel.focus();
    try {
      const info = await getJson(api.info + encodeURIComponent(text(video.filename || video.video_id)));
      if (detailsFor !== row) return;
      renderDetails(info);
      el.detailsStatus.textContent = '';
    } catch (error) {
      if (detailsFor === row) el.detailsStatus.textContent = `Could not load the details: ${error.message}.`;
    }
  }

  function renderDetails(video) {
    const entries = [];
    const add = (term, value) => {
      if (value === null || value === undefined || value === '') return;
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      if (value instanceof Node) dd.append(value);
      else dd.textContent = String(value);
      entries.push(dt, dd);
    };
    const state = text(video.drive_status).toLowerCase();
    add('Original name', text(video.original_filename));
    add('Stored as', text(video.filename));
    add('Category', text(video.category));
    add('Size', typeof video.size_bytes === 'number'
      ? `${formatBytes(video.size_bytes)} (${video.size_bytes.toLocaleString()} bytes)` : '');
    add('Uploaded', video.created_at ? formatDate(video.created_at) : '');
    add('Type', [text(video.mime_type), text(video.container)].filter(Boolean).join(' · '));
    add('Location in the store', text(video.local_backup));
    add('SHA-256', text(video.sha256));
    add('Drive copy', MIRROR_STATES[state] ? `${MIRROR_STATES[state].label} — ${MIRROR_STATES[state].help}` : state);
    add('Drive copy attempts', typeof video.mirror_attempts === 'number' && video.mirror_attempts > 0
      ? String(video.mirror_attempts) : '');
    add('Last Drive error', text(video.mirror_last_error));
    add('Next attempt', video.mirror_next_attempt_at ? formatDate(video.mirror_next_attempt_at) : '');
    add('Copied to Drive', video.mirrored_at ? formatDate(video.mirrored_at) : '');
    const link = safeHttpUrl(video.drive_link);
    if (link) {
      const a = document.createElement('a');
      a.href = link;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = 'Open on Google Drive';
      add('Drive link', a);
    }
    add('Video id', text(video.video_id));
    el.detailsList.replaceChildren(...entries);
  }

  el.detailsClose.addEventListener('click', () => {
    el.detailsPanel.hidden = true;
    const row = detailsFor;
    detailsFor = null;
    if (row && row.tr.isConnected) row.button.focus();
    else el.search.focus();
  });

  // ---------- wiring ----------

  let searchTimer = 0;
  el.search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(refreshList, 300);
  });
  el.refresh.addEventListener('click', refreshAll);

  window.setInterval(() => {
    if (!document.hidden) refreshAll();
  }, POLL_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refreshAll();
  });

  refreshAll();
  showInterruptedUploads();
})();
