import 'server-only';
import { createClient } from '@redis/client';
import { AppError } from '../errors';
import { log } from '../log';
import type { SessionRecord, SessionStore } from './store';

const PREFIX = 'wren:session:';
const MARKER_PREFIX = 'wren:marker:';

/**
 * Sessions in Redis, for several Wren processes or sign-ins that survive a restart. The value
 * holds the password sealed under a key only the cookie carries, so the store alone reveals
 * nothing. Redis expires each record with the session.
 */
const REDIS_STORE = Symbol.for('wren.redis-session-store');

/**
 * Whether `store` keeps the sessions in Redis (so other shared state may live beside them). Not
 * `instanceof`: a production build bundles this class more than once (instrumentation.ts, which
 * starts the scheduler, is a module graph apart from the routes), and a process shares the one
 * store made by whichever came first: the check by class then failed in the routes, which kept
 * attachments on the process's disk where another process could not send them.
 */
export function isRedisStore(store: unknown): store is RedisSessionStore {
  return typeof store === 'object' && store !== null && (store as { [REDIS_STORE]?: boolean })[REDIS_STORE] === true;
}

export class RedisSessionStore implements SessionStore {
  readonly [REDIS_STORE] = true;
  private readonly client: ReturnType<typeof createClient>;
  private ready: Promise<unknown> | null = null;

  constructor(url: string) {
    this.client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(retries * 200, 2000) } });
    this.client.on('error', (err: Error) => log.warn('redis error', { message: err.message }));
  }

  /**
   * The connected client, for other kinds of shared state that live beside the sessions (the
   * attachments waiting to be sent: server/send/upload-store/redis.ts).
   */
  connection(): Promise<ReturnType<typeof createClient>> {
    return this.connected();
  }

  private async connected() {
    this.ready ??= this.client.connect().catch((error) => {
      this.ready = null;
      throw new AppError('internal', { key: 'sessionStoreUnavailable' }, { cause: error });
    });
    await this.ready;
    return this.client;
  }

  async get(id: string): Promise<SessionRecord | null> {
    const raw = await (await this.connected()).get(PREFIX + id);
    if (!raw) return null;
    const record = JSON.parse(raw) as SessionRecord;
    return record.expiresAt > Date.now() ? record : null;
  }

  async set(record: SessionRecord): Promise<void> {
    const ttl = Math.max(1, Math.ceil((record.expiresAt - Date.now()) / 1000));
    await (await this.connected()).set(PREFIX + record.id, JSON.stringify(record), { EX: ttl });
  }

  async delete(id: string): Promise<void> {
    await (await this.connected()).del(PREFIX + id);
  }

  async putIfAbsent(key: string, value: string, ttlSeconds: number): Promise<string | null> {
    const client = await this.connected();
    // SET NX is atomic across every Wren process sharing this Redis.
    if ((await client.set(MARKER_PREFIX + key, value, { NX: true, EX: ttlSeconds })) === 'OK') return null;
    return (await client.get(MARKER_PREFIX + key)) ?? '';
  }

  async put(key: string, value: string, ttlSeconds: number): Promise<void> {
    await (await this.connected()).set(MARKER_PREFIX + key, value, { EX: ttlSeconds });
  }

  async remove(key: string): Promise<void> {
    await (await this.connected()).del(MARKER_PREFIX + key);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const client = await this.connected();
    const count = await client.incr(MARKER_PREFIX + key);
    if (count === 1) await client.expire(MARKER_PREFIX + key, ttlSeconds);
    return count;
  }

  async read(key: string): Promise<string | null> {
    return (await this.connected()).get(MARKER_PREFIX + key);
  }

  async close(): Promise<void> {
    if (this.ready) await this.client.close();
  }
}
