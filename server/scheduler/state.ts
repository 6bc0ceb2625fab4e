import 'server-only';
import { randomBytes } from 'node:crypto';
import { processGlobal } from '../process-global';
import { isRedisStore, type RedisSessionStore } from '../session/redis-store';
import { store } from '../session/session';

/**
 * What the scheduler shares between Wren processes (Redis, with `REDIS_URL`) or keeps in this
 * process (without): the lease that makes one process act, the index of who has work due when,
 * each user's sealed credential (grant.ts) and short locks. None of it is the truth: the jobs
 * themselves are messages in the user's Snoozed and Scheduled folders on the IMAP server, and
 * the index is rebuilt from them when a user signs in.
 */
export interface SchedulerState {
  /** Takes or keeps the lease for `ms`; true while this process holds it. */
  holdLease(token: string, ms: number): Promise<boolean>;
  releaseLease(token: string): Promise<void>;
  /** Work of `user` is due at `at` (ms): the earlier of this and what the index has. */
  dueAtMost(user: string, at: number): Promise<void>;
  /** Sets the user's next due time whatever it was (the scheduler, before it scans a user). */
  setDue(user: string, at: number): Promise<void>;
  /** Forgets the user unless their entry changed since it was set to `at` (a new job meanwhile). */
  forgetIf(user: string, at: number): Promise<void>;
  /** Users whose work is due by `now`, earliest first. */
  due(now: number, limit: number): Promise<string[]>;
  /** The user's next due time, or null when the index has none. */
  dueOf(user: string): Promise<number | null>;
  putGrant(user: string, sealed: string, ttlSeconds: number): Promise<void>;
  grant(user: string): Promise<string | null>;
  grantTtl(user: string): Promise<number>;
}

const LEASE = 'wren:sched:lease';
const DUE = 'wren:sched:due';
const GRANT = 'wren:sched:grant:';

// Compare-and-renew: only the holder extends the lease; anyone takes it when it is free.
const HOLD = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const FORGET_IF = `if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('ZREM', KEYS[1], ARGV[1]) end return 0`;

class RedisSchedulerState implements SchedulerState {
  constructor(private readonly sessions: RedisSessionStore) {}
  private client() {
    return this.sessions.connection();
  }
  async holdLease(token: string, ms: number) {
    return Number(await (await this.client()).eval(HOLD, { keys: [LEASE], arguments: [token, String(ms)] })) === 1;
  }
  async releaseLease(token: string) {
    await (await this.client()).eval(RELEASE, { keys: [LEASE], arguments: [token] });
  }
  async dueAtMost(user: string, at: number) {
    await (await this.client()).zAdd(DUE, { score: at, value: user }, { comparison: 'LT' });
  }
  async setDue(user: string, at: number) {
    await (await this.client()).zAdd(DUE, { score: at, value: user });
  }
  async forgetIf(user: string, at: number) {
    await (await this.client()).eval(FORGET_IF, { keys: [DUE], arguments: [user, String(at)] });
  }
  async due(now: number, limit: number) {
    return (await this.client()).zRangeByScore(DUE, '-inf', now, { LIMIT: { offset: 0, count: limit } });
  }
  async dueOf(user: string) {
    const score = await (await this.client()).zScore(DUE, user);
    return score === null ? null : Number(score);
  }
  async putGrant(user: string, sealed: string, ttlSeconds: number) {
    await (await this.client()).set(GRANT + user, sealed, { EX: ttlSeconds });
  }
  async grant(user: string) {
    return (await this.client()).get(GRANT + user);
  }
  async grantTtl(user: string) {
    return Math.max(0, Number(await (await this.client()).ttl(GRANT + user)));
  }
}

/** One process, no Redis: the process is always the one that acts; a restart forgets the index and grants. */
class MemorySchedulerState implements SchedulerState {
  private readonly index = new Map<string, number>();
  private readonly grants = new Map<string, { sealed: string; until: number }>();
  async holdLease() {
    return true;
  }
  async releaseLease() {}
  async dueAtMost(user: string, at: number) {
    const held = this.index.get(user);
    if (held === undefined || at < held) this.index.set(user, at);
  }
  async setDue(user: string, at: number) {
    this.index.set(user, at);
  }
  async forgetIf(user: string, at: number) {
    if (this.index.get(user) === at) this.index.delete(user);
  }
  async due(now: number, limit: number) {
    return [...this.index].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([user]) => user);
  }
  async dueOf(user: string) {
    return this.index.get(user) ?? null;
  }
  async putGrant(user: string, sealed: string, ttlSeconds: number) {
    this.grants.set(user, { sealed, until: Date.now() + ttlSeconds * 1000 });
  }
  async grant(user: string) {
    const held = this.grants.get(user);
    return held && held.until > Date.now() ? held.sealed : null;
  }
  async grantTtl(user: string) {
    const held = this.grants.get(user);
    return held ? Math.max(0, Math.floor((held.until - Date.now()) / 1000)) : 0;
  }
}

export function schedulerState(): SchedulerState {
  return processGlobal<SchedulerState>('scheduler-state', () => {
    const sessions = store();
    return isRedisStore(sessions) ? new RedisSchedulerState(sessions) : new MemorySchedulerState();
  });
}

/** This process's name in the lease (random per start: a restarted process is another holder). */
export const processToken = processGlobal('scheduler-token', () => randomBytes(12).toString('base64url'));
