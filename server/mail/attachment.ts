import 'server-only';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import type { Session } from '../session/session';
import { toWebStream } from '../streams/web-stream';
import { withMessage, type ReachedMessage } from './access/message-access';
import { openBinaryPart, openWholeMessage, type PartStream } from './mime/part-stream';
import { DOWNLOAD_CHUNK } from './mime/read-part';
import { emlFilename } from './mime/eml-filename';
import { findPart, partFilename } from './mime/structure';

export interface AttachmentStream {
  body: ReadableStream<Uint8Array>;
  /** The body's length, when the server said it before sending it (Content-Length). */
  size?: number;
  filename: string;
  contentType: string;
}

/**
 * A Node stream from imapflow's download, as a response body that settles when it ends.
 * Destroying it (stop) ends the download after the FETCH in flight (imapflow checks).
 */
function fromDownload(content: Readable): PartStream {
  return { body: toWebStream(content), done: finished(content).then(() => undefined, () => undefined), stop: () => content.destroy() };
}

/**
 * Streams from the message named by `id` with its mailbox lock held until the stream ends or the
 * client goes away (the session's other requests queue behind it): `open` starts the stream,
 * and the promise resolves as soon as it has.
 *
 * `signal` is the request's: the client going away must end the stream, because nothing else
 * may. Next reads or cancels a response body only while its client is there: a client that left
 * before the response was sent (an image request the browser dropped while it waited here behind
 * the session's other requests) leaves the body untouched, `done` would never settle, and the
 * session's every later request would wait for the lock until imapflow's socket timeout.
 * A request dropped while it waited for the lock gives its turn away before fetching (`dropped`).
 */
function streamFromMessage(
  session: Session,
  id: string,
  query: { bodyStructure?: true; envelope?: true },
  signal: AbortSignal,
  open: (message: ReachedMessage) => Promise<PartStream & Omit<AttachmentStream, 'body'>>,
): Promise<AttachmentStream> {
  return new Promise<AttachmentStream>((resolve, reject) => {
    withMessage(session, id, query, async (message) => {
      const { body, size, done, stop, filename, contentType } = await open(message);
      signal.addEventListener('abort', stop, { once: true });
      if (signal.aborted) stop();
      resolve({ body, size, filename, contentType });
      try {
        await done;
      } finally {
        signal.removeEventListener('abort', stop);
      }
    }, { dropped: signal }).catch(reject);
  });
}

/**
 * Streams one body part, decoded from its transfer encoding, chunk by chunk from IMAP with
 * backpressure: never buffered whole.
 */
export function openAttachment(session: Session, id: string, part: string, signal: AbortSignal): Promise<AttachmentStream> {
  return streamFromMessage(session, id, { bodyStructure: true }, signal, async ({ client, ref, msg }) => {
    const node = msg.bodyStructure && findPart(msg.bodyStructure, part);
    if (!node) throw new AppError('not_found', { key: 'attachmentDoesNotExist' });
    // Bytes as sent, never re-encoded to UTF-8: the hash must match the original file. FETCH
    // BINARY has the server undo the transfer encoding (a quarter fewer bytes on the wire, no
    // base64 decoding here) and say the decoded size first. A server that will not decode a part
    // (Dovecot: UNKNOWN-CTE) gets imapflow's plain download, decoded here.
    let stream = await openBinaryPart(client, ref.uid, part);
    if (!stream) {
      const download = await client.download(String(ref.uid), part, { uid: true, chunkSize: DOWNLOAD_CHUNK, decodeText: false });
      if (!download.content) throw new AppError('not_found', { key: 'attachmentDoesNotExist' });
      stream = fromDownload(download.content);
    }
    return { ...stream, filename: partFilename(node) ?? `attachment-${part}`, contentType: node.type.toLowerCase() };
  });
}

/** Streams the whole message as sent (for a message too complex to display), as an opaque download. */
export function openRawMessage(session: Session, id: string, signal: AbortSignal): Promise<AttachmentStream> {
  return streamFromMessage(session, id, { envelope: true }, signal, async ({ client, ref, msg }) => {
    let stream = await openWholeMessage(client, ref.uid);
    if (!stream) {
      const download = await client.download(String(ref.uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK });
      if (!download.content) throw new AppError('not_found', { key: 'messageDoesNotExist' });
      stream = fromDownload(download.content);
    }
    return { ...stream, filename: emlFilename(msg.envelope?.subject), contentType: 'message/rfc822' };
  });
}
