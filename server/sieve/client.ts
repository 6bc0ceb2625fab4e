import 'server-only';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { encodeCommand, parseCapabilities, parseLine, toResponse, MAX_LITERAL_BYTES, SieveProtocolError, type Capabilities, type Response, type Token } from './protocol';

/*
 * A small ManageSieve client (RFC 5804), written here because no maintained npm package speaks
 * it: the greeting's capabilities, STARTTLS, AUTHENTICATE PLAIN, and the script commands Wren
 * uses. One command at a time, each within a deadline; one connection per request (a few ms on
 * a LAN), logged out when done. Nothing it throws carries a command's text: AUTHENTICATE's
 * holds the password.
 */

export type SieveErrorKind =
  /** No connection: refused, no route, unknown host, or no greeting in time. */
  | 'unreachable'
  /** TLS failed (the certificate, the handshake): `cause` is Node's error, for describeTlsFailure. */
  | 'tls'
  /** STARTTLS is required (not a loopback host) and the server does not offer it. */
  | 'no_starttls'
  /** The server refused the credentials, or offers no mechanism Wren speaks. */
  | 'auth'
  /** The server answered NO: `responseCode` and `serverText` say why. */
  | 'no'
  /** The server said BYE, or closed the connection. */
  | 'closed'
  /** No answer within the deadline. */
  | 'timeout'
  /** The server sent something that is not ManageSieve. */
  | 'protocol';

export class SieveError extends Error {
  readonly kind: SieveErrorKind;
  /** NONEXISTENT, ACTIVE, QUOTA/MAXSIZE...: the response code of a NO, upper case. */
  readonly responseCode: string | null;
  /** What the server said (a NO's text: for CHECKSCRIPT, the script's errors). */
  readonly serverText: string;
  /** Node's code for the log and describeTlsFailure (NO_STARTTLS for a missing STARTTLS). */
  readonly code: string | undefined;
  constructor(kind: SieveErrorKind, message: string, opts: { responseCode?: string | null; serverText?: string; cause?: unknown; code?: string } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'SieveError';
    this.kind = kind;
    this.responseCode = opts.responseCode ?? null;
    this.serverText = opts.serverText ?? '';
    this.code = opts.code ?? (opts.cause as { code?: string } | undefined)?.code;
  }
}

export interface SieveTarget {
  host: string;
  port: number;
  /** Certificates trusted for STARTTLS (server/tls.mjs); undefined: Node's roots. */
  ca?: string[];
  /** Refuse a server that does not offer STARTTLS (any host that is not this machine). */
  requireTls: boolean;
  /** Milliseconds for connecting and for each command's answer. */
  timeoutMs?: number;
}

export interface ScriptInfo {
  name: string;
  active: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class ManageSieveClient {
  private socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly timeoutMs: number;
  capabilities: Capabilities = parseCapabilities([]);

  private constructor(socket: Socket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    this.attach(socket);
  }

  /** Connects, reads the greeting, upgrades with STARTTLS when offered (required unless `requireTls` is false). */
  static async connect(target: SieveTarget): Promise<ManageSieveClient> {
    const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const socket = await openSocket(target.host, target.port, timeoutMs);
    const client = new ManageSieveClient(socket, timeoutMs);
    try {
      client.capabilities = parseCapabilities((await client.readResponse('the greeting', true)).lines);
      if (client.capabilities.starttls) await client.startTls(target);
      else if (target.requireTls) throw new SieveError('no_starttls', 'The ManageSieve server does not offer STARTTLS', { code: 'NO_STARTTLS' });
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** AUTHENTICATE "PLAIN" with an initial response (RFC 4616): the IMAP credentials. */
  async authenticate(user: string, pass: string): Promise<void> {
    if (!this.capabilities.sasl.includes('PLAIN')) {
      throw new SieveError('auth', `The ManageSieve server offers no PLAIN sign-in (it offers: ${this.capabilities.sasl.join(' ') || 'none'})`);
    }
    const initial = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
    const { response } = await this.send(encodeCommand('AUTHENTICATE', 'PLAIN', initial), 'AUTHENTICATE', false);
    if (response.type !== 'OK') throw new SieveError('auth', 'The ManageSieve server refused the sign-in', { responseCode: response.code, serverText: response.text });
  }

  /** LISTSCRIPTS: every script of the user, and which one is active. */
  async listScripts(): Promise<ScriptInfo[]> {
    const { lines } = await this.send(encodeCommand('LISTSCRIPTS'), 'LISTSCRIPTS');
    return lines
      .filter((tokens) => tokens[0]?.kind === 'string')
      .map((tokens) => ({
        name: (tokens[0] as { value: string }).value,
        active: tokens[1]?.kind === 'atom' && tokens[1].value.toUpperCase() === 'ACTIVE',
      }));
  }

  /** GETSCRIPT: the script's text; a SieveError with responseCode NONEXISTENT when there is none. */
  async getScript(name: string): Promise<string> {
    const { lines } = await this.send(encodeCommand('GETSCRIPT', name), 'GETSCRIPT');
    const token = lines.find((tokens) => tokens[0]?.kind === 'string')?.[0];
    if (token?.kind !== 'string') throw new SieveError('protocol', 'GETSCRIPT answered no script');
    return token.value;
  }

  /** PUTSCRIPT: stores (and compiles: a NO names the errors) the script; answers the server's warnings. */
  async putScript(name: string, script: string): Promise<string> {
    const { response } = await this.send(encodeCommand('PUTSCRIPT', name, { literal: script }), 'PUTSCRIPT');
    return response.code === 'WARNINGS' ? response.text : '';
  }

  /** CHECKSCRIPT: compiles the script without storing it; a NO names the errors; answers the warnings. */
  async checkScript(script: string): Promise<string> {
    const { response } = await this.send(encodeCommand('CHECKSCRIPT', { literal: script }), 'CHECKSCRIPT');
    return response.code === 'WARNINGS' ? response.text : '';
  }

  /** SETACTIVE: makes the script the one run at delivery; '' leaves none active. */
  async setActive(name: string): Promise<void> {
    await this.send(encodeCommand('SETACTIVE', name), 'SETACTIVE');
  }

  /** DELETESCRIPT (the active script cannot be deleted: responseCode ACTIVE). */
  async deleteScript(name: string): Promise<void> {
    await this.send(encodeCommand('DELETESCRIPT', name), 'DELETESCRIPT');
  }

  /** LOGOUT, then the connection is closed; never throws. */
  async logout(): Promise<void> {
    try {
      if (!this.failure) await this.send(encodeCommand('LOGOUT'), 'LOGOUT', false);
    } catch {
      // Closing anyway.
    } finally {
      this.close();
    }
  }

  close(): void {
    this.fail(new SieveError('closed', 'The ManageSieve connection was closed'));
    this.socket.destroy();
  }

  private attach(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.wake?.();
    });
    socket.on('error', (error) => this.fail(new SieveError('closed', 'The ManageSieve connection failed', { cause: error })));
    socket.on('close', () => this.fail(new SieveError('closed', 'The ManageSieve server closed the connection')));
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.wake?.();
  }

  private async startTls(target: SieveTarget): Promise<void> {
    await this.send(encodeCommand('STARTTLS'), 'STARTTLS');
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.on('error', () => {});
    this.buffer = Buffer.alloc(0);
    const secure = await new Promise<Socket>((resolve, reject) => {
      const timer = setTimeout(() => {
        tls.destroy();
        reject(new SieveError('timeout', 'The TLS handshake with the ManageSieve server took too long', { code: 'ERR_TLS_HANDSHAKE_TIMEOUT' }));
      }, this.timeoutMs);
      const tls = tlsConnect({
        socket: plain,
        host: target.host,
        // SNI takes a name, never an address; the certificate is checked against `host` either way.
        servername: isIP(target.host) ? undefined : target.host,
        ca: target.ca,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      });
      tls.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(tls);
      });
      tls.once('error', (error) => {
        clearTimeout(timer);
        tls.destroy();
        reject(new SieveError('tls', 'TLS with the ManageSieve server failed', { cause: error }));
      });
    });
    this.socket = secure;
    this.attach(secure);
    // RFC 5804 2.2: after the handshake the server sends its capabilities again.
    this.capabilities = parseCapabilities((await this.readResponse('the capabilities after STARTTLS', true)).lines);
  }

  /** Sends a command and reads its answer; a NO throws unless `throwOnNo` is false; BYE always throws. */
  private async send(command: Buffer, name: string, throwOnNo = true): Promise<{ lines: Token[][]; response: Response }> {
    if (this.failure) throw this.failure;
    this.socket.write(command);
    const answer = await this.readResponse(name, throwOnNo);
    return answer;
  }

  private async readResponse(what: string, throwOnNo: boolean): Promise<{ lines: Token[][]; response: Response }> {
    const timer = setTimeout(() => {
      this.fail(new SieveError('timeout', `The ManageSieve server did not answer ${what} in time`));
      this.socket.destroy();
    }, this.timeoutMs);
    try {
      const lines: Token[][] = [];
      for (;;) {
        const tokens = await this.readLine();
        const response = toResponse(tokens);
        if (!response) {
          lines.push(tokens);
          continue;
        }
        if (response.type === 'BYE') {
          this.close();
          throw new SieveError('closed', `The ManageSieve server ended the connection (${what})`, { responseCode: response.code, serverText: response.text });
        }
        if (response.type === 'NO' && throwOnNo) {
          throw new SieveError('no', `The ManageSieve server refused ${what}`, { responseCode: response.code, serverText: response.text });
        }
        return { lines, response };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async readLine(): Promise<Token[]> {
    for (;;) {
      let parsed;
      try {
        parsed = parseLine(this.buffer);
      } catch (error) {
        this.close();
        throw new SieveError('protocol', `The ManageSieve server's answer does not parse: ${(error as SieveProtocolError).message}`);
      }
      if (parsed) {
        this.buffer = this.buffer.subarray(parsed.length);
        return parsed.tokens;
      }
      if (this.failure) throw this.failure;
      if (this.buffer.length > MAX_LITERAL_BYTES + 65_536) {
        this.close();
        throw new SieveError('protocol', 'The ManageSieve server sent an answer that is too large');
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}

function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SieveError('unreachable', `No connection to the ManageSieve server ${host}:${port} in time`, { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new SieveError('unreachable', `No connection to the ManageSieve server ${host}:${port}`, { cause: error }));
    });
  });
}
