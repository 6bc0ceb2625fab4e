import 'server-only';

/** What the server keeps per sign-in. The password is sealed under a key only the cookie holds. */
export interface SessionRecord {
  id: string;
  username: string;
  sealedPassword: string;
  createdAt: number;
  /** The address the user signed in from, passed on to the IMAP server (ID x-originating-ip). */
  ip?: string;
  expiresAt: number;
  /**
   * The user's language setting (lib/i18n/config.ts: 'auto' or a language), kept here so no
   * request reads the settings on the mail server to know it: set at sign-in and when saved.
   */
  language?: string;
  /** The browser's time zone (IANA name) as sent at sign-in: server-side dates (the quote line) use it. */
  timeZone?: string;
}

export interface SessionStore {
  get(id: string): Promise<SessionRecord | null>;
  set(record: SessionRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Small markers beside the sessions (a send in progress): stores `value` under `key` unless
   * the key is held, atomically; returns the value already there, or null when stored.
   */
  putIfAbsent(key: string, value: string, ttlSeconds: number): Promise<string | null>;
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
  remove(key: string): Promise<void>;
  /** Adds one to a counter that lives `ttlSeconds` from its first increment; returns the new count. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  read(key: string): Promise<string | null>;
}

/** The default store: one process, lost on restart (users sign in again). */
export class MemorySessionStore implements SessionStore {
  private readonly records = new Map<string, SessionRecord>();

  async get(id: string) {
    const record = this.records.get(id);
    if (!record) return null;
    if (record.expiresAt <= Date.now()) {
      this.records.delete(id);
      return null;
    }
    return record;
  }

  async set(record: SessionRecord) {
    this.records.set(record.id, record);
    this.sweep();
  }

  async delete(id: string) {
    this.records.delete(id);
  }

  private readonly markers = new Map<string, { value: string; expiresAt: number }>();

  async putIfAbsent(key: string, value: string, ttlSeconds: number) {
    const held = this.markers.get(key);
    if (held && held.expiresAt > Date.now()) return held.value;
    await this.put(key, value, ttlSeconds);
    return null;
  }

  async put(key: string, value: string, ttlSeconds: number) {
    this.markers.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async remove(key: string) {
    this.markers.delete(key);
  }

  async increment(key: string, ttlSeconds: number) {
    const held = this.markers.get(key);
    const live = held && held.expiresAt > Date.now() ? held : { value: '0', expiresAt: Date.now() + ttlSeconds * 1000 };
    const count = Number(live.value) + 1;
    this.markers.set(key, { value: String(count), expiresAt: live.expiresAt });
    return count;
  }

  async read(key: string) {
    const held = this.markers.get(key);
    return held && held.expiresAt > Date.now() ? held.value : null;
  }

  private sweep() {
    if (this.records.size % 256 !== 0) return;
    const now = Date.now();
    for (const [id, record] of this.records) if (record.expiresAt <= now) this.records.delete(id);
  }
}
