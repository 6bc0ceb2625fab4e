// The attachment's lowest floor (#22): one `UID FETCH uid BINARY.PEEK[part]` of the whole part on
// a plain TCP (or TLS) connection of its own, no imapflow, the literal's bytes counted as they
// arrive and never kept. Built so that it cannot hang the bench:
// - a reader that parses lines and literals (`{N}` and BINARY's `~{N}`) and consumes exactly N
//   bytes of a literal, so the tagged answer is looked for in lines only, never in literal bytes,
//   and is never lost when it arrives in the same chunk as the literal's end;
// - a deadline on every step (connect, greeting, each command): past it the socket is destroyed,
//   which fails whatever waits;
// - the socket destroyed on every way out (close(), any failure).
// The first version (taken out in e648be0) matched the tagged line in the last 256 bytes of the
// stream: Dovecot's LOGIN answer carries its CAPABILITY list (300+ bytes), so the tag had been
// cut off before the line was complete and `LOGIN` waited for ever.
import net from 'node:net';
import tls from 'node:tls';

const STEP_MS = 15_000;
const MAX_LINE = 64 * 1024;

class RawImap {
  constructor(socket) {
    this.socket = socket;
    this.chunks = [];
    this.buffered = 0;
    this.failure = null;
    this.wake = null;
    this.tags = 0;
    socket.on('data', (chunk) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.notify();
    });
    const fail = (error) => {
      this.failure ??= error;
      this.notify();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('raw IMAP: the connection closed')));
  }

  notify() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Waits for more bytes (or the connection's end). */
  more() {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => (this.wake = resolve)).then(() => {
      if (this.failure && !this.buffered) throw this.failure;
    });
  }

  /** One line, without its CRLF, as latin1. */
  async line() {
    for (;;) {
      let seen = 0;
      for (let i = 0; i < this.chunks.length; i++) {
        const at = this.chunks[i].indexOf(10);
        if (at >= 0) {
          const all = Buffer.concat(this.chunks.slice(0, i + 1));
          const end = seen + at;
          const text = all.toString('latin1', 0, end > 0 && all[end - 1] === 13 ? end - 1 : end);
          this.take(end + 1);
          return text;
        }
        seen += this.chunks[i].length;
      }
      if (this.buffered > MAX_LINE) throw new Error('raw IMAP: a line longer than 64 KiB');
      await this.more();
    }
  }

  /** Drops the first `n` bytes of what is buffered. */
  take(n) {
    let whole = 0;
    let length = 0;
    while (whole < this.chunks.length && length + this.chunks[whole].length <= n) length += this.chunks[whole++].length;
    const rest = n - length;
    const tail = this.chunks.slice(whole);
    if (rest > 0) tail[0] = tail[0].subarray(rest);
    this.chunks = tail;
    this.buffered -= n;
  }

  /** Consumes exactly `n` bytes (a literal), counting them only. */
  async skip(n) {
    let left = n;
    while (left > 0) {
      if (!this.buffered) {
        await this.more();
        continue;
      }
      const head = this.chunks[0];
      if (head.length <= left) {
        this.chunks.shift();
        this.buffered -= head.length;
        left -= head.length;
      } else {
        this.chunks[0] = head.subarray(left);
        this.buffered -= left;
        left = 0;
      }
    }
  }

  /**
   * Sends `text` with a fresh tag and reads the answer: untagged lines, each literal in them
   * (`{N}` or `~{N}` at a line's end, the line going on after its N bytes), up to the tagged
   * line, which must be OK. Returns the sizes of the literals, in order.
   */
  async command(text) {
    const tag = `r${++this.tags}`;
    this.socket.write(`${tag} ${text}\r\n`);
    const literals = [];
    for (;;) {
      const line = await this.line();
      if (line.startsWith(`${tag} `)) {
        if (!/^\S+ OK\b/i.test(line)) throw new Error(`raw IMAP ${text.split(' ')[0]}: ${line.slice(0, 200)}`);
        return literals;
      }
      const literal = /~?\{(\d+)\+?\}$/.exec(line);
      if (literal) {
        const size = Number(literal[1]);
        literals.push(size);
        await this.skip(size);
      }
    }
  }
}

/** `promise`, or a failure after `ms` (then `onTimeout` runs: it destroys the socket). */
function deadline(promise, ms, what, onTimeout) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`raw IMAP: ${what} took over ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const quote = (s) => `"${String(s).replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * A raw IMAP session of `user` with `path` selected. `fetchPart(uid, part)` answers the bytes of
 * the BINARY literal once the tagged OK has arrived; `close()` logs out and destroys the socket
 * (always, also when the LOGOUT gets no answer).
 */
export async function openRawSession({ imapHost = '127.0.0.1', imapPort, user, pass, imapTls = false }, path, { stepMs = STEP_MS } = {}) {
  const socket = imapTls ? tls.connect({ host: imapHost, port: imapPort, rejectUnauthorized: false }) : net.connect(imapPort, imapHost);
  const destroy = () => socket.destroy();
  const imap = new RawImap(socket);
  const step = (promise, what) => deadline(promise, stepMs, what, destroy);
  try {
    await step(new Promise((resolve, reject) => socket.once(imapTls ? 'secureConnect' : 'connect', resolve).once('error', reject)), 'connect');
    socket.setNoDelay(true);
    const greeting = await step(imap.line(), 'greeting');
    if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new Error(`raw IMAP greeting: ${greeting.slice(0, 200)}`);
    await step(imap.command(`LOGIN ${quote(user)} ${quote(pass)}`), 'LOGIN');
    await step(imap.command(`SELECT ${quote(path)}`), 'SELECT');
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    async fetchPart(uid, part) {
      try {
        const literals = await step(imap.command(`UID FETCH ${uid} (BINARY.PEEK[${part}])`), 'UID FETCH BINARY');
        if (literals.length !== 1) throw new Error(`raw IMAP: ${literals.length} literals in the FETCH answer, expected 1`);
        return literals[0];
      } catch (error) {
        destroy();
        throw error;
      }
    },
    async close() {
      try {
        await deadline(imap.command('LOGOUT').catch(() => undefined), 2000, 'LOGOUT', destroy).catch(() => undefined);
      } finally {
        destroy();
      }
    },
  };
}
