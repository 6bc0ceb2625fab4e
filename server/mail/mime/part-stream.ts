import 'server-only';
import type { Duplex, Writable } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../errors';
import { breakIdle } from '../../imap/commands/notify';
import { LiteralReader, type OwnLine } from '../../imap/literal-reader';
import { collectStreamGarbage } from '../../streams/collect-stream-garbage';

/**
 * What the response may hold for a reader that does not keep up before the IMAP socket is paused
 * (then the server waits on TCP): with the socket's own buffers, the most a download keeps in Wren.
 */
export const READ_AHEAD = 512 * 1024;
/** A stream running longer than this helps collect its garbage (collect-stream-garbage.ts). */
const LONG_STREAM_MS = 1000;

export interface PartStream {
  body: ReadableStream<Uint8Array>;
  /** The body's length in bytes, when known before it is sent. */
  size?: number;
  /** Settles when the body ended, failed, was cancelled or stopped and the connection is imapflow's again. */
  done: Promise<void>;
  /**
   * The client went away: fail the body, drop the rest of the part, settle `done` once the
   * command's answer is over. For a body that no one will read nor cancel: Next never touches the
   * body of a response whose client left before it was sent (server/mail/attachment.ts).
   */
  stop(): void;
}

/** The parts of imapflow's connection the stream borrows (not in its types; checked before use). */
interface Wire {
  socket?: Duplex;
  writeSocket?: Writable;
  streamer?: Writable & { state?: number; lineBuffer?: unknown[]; inputQueue?: unknown[]; processingInput?: boolean; activeInput?: unknown };
  currentRequest?: unknown;
  idling?: boolean;
  usable?: boolean;
}

/**
 * imapflow's socket and parser, when the connection is quiet: no command in flight, not idling,
 * nothing half-parsed or waiting to be. Null when anything is not as expected (another imapflow
 * version): the caller falls back to imapflow's own download.
 */
function quietWire(client: ImapFlow): { socket: Duplex; streamer: Writable } | null {
  const wire = client as unknown as Wire;
  const { socket, writeSocket, streamer } = wire;
  if (!socket || !streamer || writeSocket !== socket || socket.destroyed || !wire.usable) return null;
  if (wire.currentRequest || wire.idling) return null;
  const parser = streamer;
  if (parser.state !== 1 || !Array.isArray(parser.lineBuffer) || parser.lineBuffer.length) return null;
  if (!Array.isArray(parser.inputQueue) || parser.inputQueue.length || parser.processingInput || parser.activeInput) return null;
  return { socket, streamer };
}

/** Recognizes the untagged FETCH that carries `answer` (BINARY[2], BODY[]): its literal's size, or NIL. */
function ownFetch(answer: string): (line: string) => OwnLine {
  const escaped = answer.replace(/[.[\]]/g, '\\$&');
  const item = new RegExp(`^\\* \\d+ FETCH \\(.*\\b${escaped} (?:~?\\{(\\d+)\\}$|NIL\\b)`, 'i');
  return (line) => {
    const match = item.exec(line);
    if (!match) return null;
    return match[1] === undefined ? { nil: true } : { literal: Number(match[1]) };
  };
}

let tags = 0;

/** How long the rest of a part the reader no longer wants may take to be read and dropped. */
const DROP_WITHIN_MS = 2000;

interface LiteralOptions {
  /** DROP_WITHIN_MS, but for tests. */
  dropWithinMs?: number;
}

/**
 * Streams body part `part` of message `uid` (in the selected mailbox) with one
 * `UID FETCH uid (BINARY.PEEK[part])`: the server undoes the transfer encoding and sends the whole
 * part as one literal (openLiteral). Resolves null when the server will not send the part decoded
 * (no BINARY, Dovecot's UNKNOWN-CTE for an encoding it does not know): the caller then downloads
 * it through imapflow and decodes it itself.
 */
export async function openBinaryPart(client: ImapFlow, uid: number, part: string, options?: LiteralOptions): Promise<PartStream | null> {
  if (!client.capabilities.has('BINARY')) return null;
  return openLiteral(client, uid, `BINARY.PEEK[${part}]`, options);
}

/** Streams message `uid` whole, as stored (`BODY.PEEK[]`), as openLiteral does; null as there. */
export function openWholeMessage(client: ImapFlow, uid: number): Promise<PartStream | null> {
  return openLiteral(client, uid, 'BODY.PEEK[]');
}

/**
 * Streams `item` (BINARY.PEEK[2], BODY.PEEK[]) of message `uid` (in the selected mailbox) with one
 * `UID FETCH uid (item)`: the server sends it as one literal, whose bytes go to the response as
 * they come off the socket, never gathered. For that one command the connection's socket is taken
 * from imapflow's parser (LiteralReader reads the answer, and hands on anything else the server
 * says meanwhile), and given back when the tagged answer has been read. The socket is paused while
 * the response holds READ_AHEAD unread (a slow reader holds the server back through TCP, not
 * Wren's memory). Why not imapflow's download or FETCH windows: docs/PERFORMANCE.md, "#22
 * attachments".
 *
 * The caller holds the mailbox's lock for as long as `done` has not settled: no other command
 * may go out meanwhile. Resolves null on a NO (for BINARY, Dovecot's UNKNOWN-CTE) or when the
 * connection is not quiet: the caller then downloads through imapflow. A message gone meanwhile
 * is AppError not_found.
 */
async function openLiteral(client: ImapFlow, uid: number, item: string, { dropWithinMs = DROP_WITHIN_MS }: LiteralOptions = {}): Promise<PartStream | null> {
  await breakIdle(client);
  // The parser lets go of the last answer's chunk once imapflow has handled the answer, a few
  // ticks after the command that waited for it went on.
  let wire = quietWire(client);
  for (let tick = 0; !wire && tick < 3; tick++) {
    await new Promise((resolve) => setImmediate(resolve));
    wire = quietWire(client);
  }
  if (!wire) return null;
  const { socket, streamer } = wire;
  const tag = `W${(++tags).toString(36)}`;
  const startedAt = performance.now();

  return new Promise<PartStream | null>((resolve, reject) => {
    let started = false;
    let over = false;
    let dropping = false;
    let paused = false;
    let control!: ReadableStreamDefaultController<Uint8Array>;
    let settle!: () => void;
    const done = new Promise<void>((resolveDone) => (settle = resolveDone));

    const resume = () => {
      if (!paused) return;
      paused = false;
      socket.resume();
    };
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          control = controller;
        },
        pull: resume,
        cancel() {
          drop();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD }),
    );
    // What the reader no longer wants is read and dropped, so that the connection stays usable;
    // a server too slow to send the rest within `dropWithinMs` loses the connection instead (the
    // pool connects again on the session's next request), or it would hold up the session's
    // other requests for as long as the rest takes to come.
    let dropTimer: NodeJS.Timeout | undefined;
    const drop = () => {
      if (dropping) return;
      dropping = true;
      // Over already (the tagged answer was read, or the connection closed): the socket is not
      // this stream's any more, and nothing is left to drop.
      if (over) return;
      resume();
      dropTimer = setTimeout(() => {
        if (over) return;
        fail(new Error('The rest of the part took too long to drop'));
        socket.destroy();
      }, dropWithinMs);
    };
    const stop = () => {
      if (dropping) return;
      // Nothing erred on an ended stream: error() is a no-op there.
      control.error(new Error('The client went away'));
      drop();
    };

    const detach = () => {
      over = true;
      clearTimeout(dropTimer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      resume();
    };
    const fail = (error: Error) => {
      if (over) return;
      detach();
      if (started) control.error(error);
      else reject(error);
      settle();
    };
    // Settles once imapflow has handled the last of what the server said meanwhile (the parser
    // calls a write back when its items have been read): the lock's next holder must find the
    // connection's state (EXISTS, VANISHED) up to date.
    let heard = Promise.resolve();
    const reader = new LiteralReader(tag, ownFetch(item.replace('.PEEK', '')), {
      foreign: (bytes) => {
        heard = new Promise((resolveHeard) => streamer.write(bytes, () => resolveHeard()));
      },
      start(size) {
        if (size < 0) return;
        started = true;
        resolve({ body, size, done, stop });
      },
      literal(bytes) {
        if (dropping) return;
        control.enqueue(bytes);
        if (performance.now() - startedAt > LONG_STREAM_MS) collectStreamGarbage(bytes.length);
        if ((control.desiredSize ?? 0) <= 0 && !paused) {
          paused = true;
          socket.pause();
        }
      },
      end(status, line) {
        // The connection is imapflow's again: whatever follows in this chunk and on the socket is
        // its to read, after the foreign bytes handed on before.
        detach();
        socket.pipe(streamer);
        void heard.then(() => {
          if (started) {
            if (dropping) {
              // cancelled or stopped: the stream is over already
            } else if (status === 'OK') control.close();
            else control.error(new Error(`The server stopped sending the part: ${line.slice(0, 200)}`));
          } else if (status === 'OK') {
            reject(new AppError('not_found', { key: 'messageDoesNotExist' }));
          } else {
            resolve(null);
          }
          settle();
        });
      },
    });
    function onData(chunk: Buffer) {
      try {
        reader.push(chunk);
      } catch (error) {
        // The connection's bytes can no longer be told apart: it cannot be used again.
        fail(error instanceof Error ? error : new Error(String(error)));
        socket.destroy();
      }
    }
    function onClose() {
      fail(new Error('The IMAP connection closed'));
    }

    socket.unpipe(streamer);
    socket.on('data', onData);
    socket.once('close', onClose);
    // unpipe() paused the socket, and a 'data' listener does not resume a paused stream.
    socket.resume();
    socket.write(`${tag} UID FETCH ${uid} (${item})\r\n`);
  });
}
