import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP proxy between the browser and Wren, so a browser test can lose its event
 * stream for real: `cut()` resets every connection on the browser's side (the EventSource sees
 * a network error, as when a laptop sleeps or a NAT forgets it) and refuses new ones until
 * `restore()`. Chromium's offline emulation cannot do this: it keeps an open EventSource alive.
 *
 * Wren's side of a cut event stream is kept open meanwhile and read into a buffer: what Wren
 * sent on it after the cut (`lostAfterCut`) is what the browser never got, so a test can wait
 * until the live events of a change went nowhere before it lets the browser reconnect.
 */

interface Pair {
  browser: Socket;
  wren: Socket;
  /** The request line of the event stream this connection carries, if it carries one. */
  events: string | null;
  /** Whether Wren answered that event stream (its open completed: it is subscribed). */
  answered: boolean;
}

export interface TcpProxy {
  url: string;
  /** Event streams (GET /api/events) of `folder` the browser opened through the proxy so far. */
  streamsOpened(folder: string): number;
  /** Resolves once Wren has answered an event stream of `folder`: it is subscribed. */
  waitForStream(folder: string): Promise<void>;
  cut(): void;
  /** What Wren wrote on the cut event streams since the cut: lost, the browser never saw it. */
  lostAfterCut(): string;
  restore(): void;
  /** New connections go to 127.0.0.1:`port` from now on (open ones stay where they are), as a load balancer moves to another process. */
  retarget(port: number): void;
  close(): Promise<void>;
}

const eventsLine = (folder: string) => `GET /api/events?folder=${encodeURIComponent(folder)} `;

/** Starts a proxy on a free loopback port that forwards to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  const requestLines: string[] = [];
  const waiters: Array<{ folder: string; resolve: () => void }> = [];
  let down = false;
  let lost: Socket[] = [];
  let lostText = '';
  let target = targetPort;

  const settleWaiters = () => {
    for (const w of [...waiters]) {
      if ([...pairs].some((p) => p.answered && p.events?.startsWith(eventsLine(w.folder)))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server = createServer((browser) => {
    if (down) return void browser.resetAndDestroy();
    const wren = createConnection({ host: '127.0.0.1', port: target });
    const pair: Pair = { browser, wren, events: null, answered: false };
    pairs.add(pair);
    browser.on('data', (chunk: Buffer) => {
      const line = chunk.toString('latin1').split('\r\n', 1)[0];
      if (/^[A-Z]+ \/\S* HTTP\/1\.1$/.test(line)) {
        requestLines.push(line);
        pair.events = line.startsWith('GET /api/events?') ? line : null;
        pair.answered = false;
      }
      wren.write(chunk);
    });
    wren.on('data', (chunk: Buffer) => {
      if (pair.events && !pair.answered && chunk.toString('latin1').startsWith('HTTP/1.1 200')) {
        pair.answered = true;
        settleWaiters();
      }
      browser.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      browser.destroy();
      wren.destroy();
    };
    browser.on('error', end).on('close', end);
    wren.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    streamsOpened: (folder) => requestLines.filter((l) => l.startsWith(eventsLine(folder))).length,
    waitForStream: (folder) =>
      new Promise<void>((resolve) => {
        waiters.push({ folder, resolve });
        settleWaiters();
      }),
    cut() {
      down = true;
      lostText = '';
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.browser.removeAllListeners('data').removeAllListeners('close').on('error', () => undefined);
        pair.browser.resetAndDestroy();
        if (!pair.events) {
          pair.wren.destroy();
          continue;
        }
        // Wren does not know yet: whatever it sends on this stream now is lost.
        pair.wren.removeAllListeners('data').removeAllListeners('close');
        pair.wren.on('data', (chunk: Buffer) => void (lostText += chunk.toString('utf8')));
        lost.push(pair.wren);
      }
    },
    lostAfterCut: () => lostText,
    restore() {
      for (const socket of lost) socket.destroy();
      lost = [];
      down = false;
    },
    retarget(port) {
      target = port;
    },
    async close() {
      for (const pair of pairs) {
        pair.browser.destroy();
        pair.wren.destroy();
      }
      for (const socket of lost) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
