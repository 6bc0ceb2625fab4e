import { createECDH, createPublicKey, hkdfSync, createDecipheriv, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A push service on loopback, the one stand-in of the push tests (the internet is not reachable
 * here, as with the image proxy's public internet). It checks every request as a real one
 * would: the VAPID JWT (ES256 under the key in `k=`, which must be Wren's, `aud` its own origin,
 * `exp` in the future and within a day, `sub` a contact) and `Content-Encoding: aes128gcm`; and it
 * decrypts the payload with the keys the "browser" made (RFC 8291 on RFC 8188), written here
 * with node:crypto alone: web-push's own code is not used to check web-push.
 */

/** A browser's side of a subscription: what it gives the server, and the private half it keeps. */
export interface TestDevice {
  name: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface ReceivedPush {
  device: string;
  payload: unknown;
  claims: { aud: string; exp: number; sub: string };
  ttl: string | null;
  urgency: string | null;
}

export interface PushServiceOptions {
  /** The host name endpoints carry (resolved to loopback by the test's network). */
  host: string;
  /** The VAPID public key Wren must sign with. */
  vapidPublicKey: string;
}

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** RFC 8188 aes128gcm, with RFC 8291's key derivation, for one device. */
export function decryptPush(body: Buffer, device: Pick<TestDevice, 'ecdh' | 'authSecret'>): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const senderPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid must be the sender's 65-byte public key, not ${idLength} bytes`);
  if (records.length > recordSize) throw new Error('more than one record: Wren sends one');
  const ecdhSecret = device.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), device.ecdh.getPublicKey(), senderPublic]);
  const ikm = hkdf(ecdhSecret, device.authSecret, keyInfo, 32);
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the last record lacks its 0x02 delimiter');
  return padded.subarray(0, end);
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>`; answers the JWT's claims or throws why not. */
export function checkVapid(header: string | undefined, wantedKey: string, origin: string): ReceivedPush['claims'] {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no vapid Authorization: ${header}`);
  const [, jwt, key] = match;
  if (key !== wantedKey) throw new Error('signed with another key than Wren\'s');
  const [head, body, signature] = jwt.split('.');
  const header64 = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: string; typ?: string };
  if (header64.alg !== 'ES256') throw new Error(`alg ${header64.alg}`);
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const valid = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('bad JWT signature');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as ReceivedPush['claims'];
  const now = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud}, not ${origin}`);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`exp ${claims.exp} not within the next 24 h`);
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return claims;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export class TestPushService {
  readonly received: ReceivedPush[] = [];
  /** Requests refused by the checks, with the reason: a test expects none. */
  readonly rejected: string[] = [];
  private readonly devices = new Map<string, TestDevice>();
  /** Device name -> the status the service answers (201 unless set). */
  readonly answers = new Map<string, number>();
  private server!: Server;
  port = 0;

  constructor(private readonly options: PushServiceOptions) {}

  get origin(): string {
    return `http://${this.options.host}:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        (status) => {
          res.writeHead(status);
          res.end();
        },
        (error: Error) => {
          this.rejected.push(error.message);
          res.writeHead(400);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A new browser subscription on this service, as PushManager would make it. */
  device(name: string): TestDevice {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const device = {
      name,
      endpoint: `${this.origin}/push/${name}-${randomBytes(8).toString('hex')}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
      ecdh,
      authSecret,
    };
    this.devices.set(new URL(device.endpoint).pathname, device);
    return device;
  }

  pushesTo(device: TestDevice): ReceivedPush[] {
    return this.received.filter((p) => p.device === device.name);
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const body = await readBody(req);
    const device = this.devices.get(req.url ?? '');
    if (req.method !== 'POST' || !device) return 404;
    const claims = checkVapid(req.headers.authorization, this.options.vapidPublicKey, this.origin);
    if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${req.headers['content-encoding']}`);
    if (!req.headers.ttl) throw new Error('no TTL');
    const answer = this.answers.get(device.name) ?? 201;
    if (answer !== 201) return answer;
    const payload: unknown = JSON.parse(decryptPush(body, device).toString('utf8'));
    this.received.push({ device: device.name, payload, claims, ttl: req.headers.ttl as string, urgency: (req.headers.urgency as string) ?? null });
    return 201;
  }
}

/** Polls `check` until it returns a value (not undefined) or `ms` pass; no fixed sleeps. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 15_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
