#!/usr/bin/python3
"""Uploads one file with tuspy (Debian's python3-tuspy, a tus client nobody on the VideoVault team wrote).

It creates the upload and sends --stop-after-chunks chunks, drops that uploader, then resumes as a fresh process
would: a NEW uploader given only the upload URL, which asks the server for its offset (HEAD) and sends the rest.

    /usr/bin/python3 tuspy_upload.py --endpoint http://127.0.0.1:5000/api/uploads --file video.mp4 \
        [--chunk-size 1048576] [--stop-after-chunks 2] [--category Sample] [--checksum]

Run it with Debian's /usr/bin/python3: python3-tuspy is installed for that interpreter only.
Prints one JSON line on success (exit code 0): upload_url, bytes, stopped_at (the offset after the first uploader),
resumed_at (the offset the server reported to the second uploader), chunks and final_headers (the headers of the last
PATCH response). Any failure prints a message on stderr and exits with code 1.
"""

import argparse
import json
import os
import sys

from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError, TusUploadFailed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--chunk-size", type=int, default=1024 * 1024)
    parser.add_argument("--stop-after-chunks", type=int, default=0)
    parser.add_argument("--category")
    parser.add_argument("--checksum", action="store_true", help="send Upload-Checksum (sha1) with every PATCH")
    args = parser.parse_args()

    size = os.path.getsize(args.file)
    metadata = {"filename": os.path.basename(args.file), "filetype": "video/mp4"}
    if args.category:
        metadata["content_type"] = args.category

    client = tus_client.TusClient(args.endpoint)
    chunks = 0

    # The first uploader: creates the upload (POST), then sends a few chunks and is dropped.
    first = client.uploader(
        file_path=args.file, chunk_size=args.chunk_size, metadata=metadata, upload_checksum=args.checksum)
    stopped_at = None
    while first.offset < size and (args.stop_after_chunks <= 0 or chunks < args.stop_after_chunks):
        first.upload_chunk()
        chunks += 1

    upload_url = first.url
    last = first
    resumed_at = None
    if first.offset < size:
        stopped_at = first.offset
        # The second uploader knows only the URL: its constructor asks the server for the offset (HEAD).
        second = client.uploader(
            file_path=args.file, url=upload_url, chunk_size=args.chunk_size, upload_checksum=args.checksum)
        resumed_at = second.offset
        while second.offset < size:
            second.upload_chunk()
            chunks += 1

        if second.url != upload_url:
            raise RuntimeError(f"the resumed upload went to {second.url}, not to {upload_url}")
        last = second

    print(json.dumps({
        "upload_url": upload_url,
        "bytes": size,
        "stopped_at": stopped_at,
        "resumed_at": resumed_at,
        "chunks": chunks,
        "final_headers": {key.lower(): value for key, value in last.request.response_headers.items()},
    }))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (TusCommunicationError, TusUploadFailed) as error:
        print(f"tuspy upload failed: {error!r} (status {error.status_code}, body {error.response_content!r})",
              file=sys.stderr)
        sys.exit(1)
