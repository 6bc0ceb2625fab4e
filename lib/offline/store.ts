import type { OfflineKeyDto } from '../types';

/*
 * The browser's encrypted copy of mail for reading offline (#19), and the changes waiting for the
 * network. One IndexedDB database per user, named by the server (an opaque HMAC of the username:
 * `wren-offline-<hex>`), holding:
 *
 *   meta     'key'     the session's keys as non-extractable CryptoKeys (AES-GCM for the records,
 *                      HMAC for their names), the key's id and when the session ends
 *            'account' whose mail it is (sealed)
 *            'limit'   how many bytes of mail to keep (0: none)
 *   records  {id, iv, data}: one kept answer (the folder list, a folder's first page, an opened
 *            message, the composer's config), sealed; `id` is an HMAC of what it is ("message:<id>"), never the name itself
 *   index    {id, kind, at, size}: what eviction reads without loading the records
 *   queue    {seq, iv, data}: a change made offline (sealed), replayed in `seq` order
 *
 * Sealed: AES-256-GCM, a random 96-bit IV per record, the record's id as additional data (a record
 * cannot be passed off as another). A record that does not open (another session's key) is absent.
 *
 * Shared by the service worker, which keeps what the pages post to it (lib/offline/worker.ts), and
 * the pages, which read it offline and queue changes (lib/offline/fallback.ts): the worker's script
 * is put together with Function.prototype.toString (server/service-worker.ts), so `offlineStore`
 * must stay self-contained: no imports but types, no module-level names.
 */

/** A store opened under its key. Close `db` when done. */
export interface OpenedStore {
  db: IDBDatabase;
  name: string;
  enc: CryptoKey;
  mac: CryptoKey;
  keyId: string;
  expiresAt: number;
}

/**
 * `folders` and `config` (the composer's senders) are small and always kept; lists, messages and
 * the attachments the user kept offline give way, longest unused first.
 */
export type RecordKind = 'folders' | 'config' | 'list' | 'message' | 'attachment';

export function offlineStore() {
  const PREFIX = 'wren-offline-';
  const DEFAULT_LIMIT = 50 * 1024 * 1024;
  const utf8 = new TextEncoder();

  const ask = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const finished = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  const bytes = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const hex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

  /** The offline databases of this origin: at most one once `setup` has run. */
  async function names(): Promise<string[]> {
    // Firefox before 126 has no databases(): nothing can be found, so nothing is read offline there.
    const all = indexedDB.databases ? await indexedDB.databases() : [];
    return all.map((d) => d.name ?? '').filter((name) => name.startsWith(PREFIX));
  }

  function open(name: string): Promise<IDBDatabase> {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('meta');
      db.createObjectStore('records', { keyPath: 'id' });
      db.createObjectStore('index', { keyPath: 'id' }).createIndex('at', 'at');
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
    };
    return ask(request).then((db) => {
      // Another tab or the worker deletes it (sign-out, another user): let go at once.
      db.onversionchange = () => db.close();
      return db;
    });
  }

  function remove(name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  }

  /** Deletes every offline database of this origin: sign-out, another user, the session over. */
  async function wipe(): Promise<void> {
    await Promise.all((await names()).map(remove));
  }

  async function nameOf(store: OpenedStore, key: string): Promise<string> {
    return hex(await crypto.subtle.sign('HMAC', store.mac, utf8.encode(key)));
  }

  async function seal(store: OpenedStore, id: string, value: unknown): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(id) }, store.enc, utf8.encode(JSON.stringify(value)));
    return { iv, data };
  }

  async function unseal<T>(store: OpenedStore, id: string, sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } | undefined): Promise<T | null> {
    if (!sealed) return null;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: utf8.encode(id) }, store.enc, sealed.data);
      return JSON.parse(new TextDecoder().decode(plain)) as T;
    } catch {
      return null;
    }
  }

  /** The user's store, opened, when there is one whose session has not ended (an ended one is deleted). */
  async function current(): Promise<OpenedStore | null> {
    const [name] = await names();
    if (!name) return null;
    const db = await open(name);
    const key = (await ask(db.transaction('meta').objectStore('meta').get('key'))) as Omit<OpenedStore, 'db' | 'name'> | undefined;
    if (!key || key.expiresAt <= Date.now()) {
      db.close();
      await wipe();
      return null;
    }
    return { db, name, ...key };
  }

  /** `fn` over the user's store, closed after; `otherwise` when there is none (or it cannot be opened). */
  async function withCurrent<T, U>(fn: (store: OpenedStore) => Promise<T>, otherwise: U): Promise<T | U> {
    const opened = await current().catch(() => null);
    if (!opened) return otherwise;
    try {
      return await fn(opened);
    } finally {
      opened.db.close();
    }
  }

  /**
   * The store for the key the server gave this session: the current one when it is that store
   * under that key; otherwise every other offline database is deleted first (another user's,
   * another session's) and a new one made.
   */
  async function setup(answer: OfflineKeyDto): Promise<OpenedStore> {
    const existing = await current();
    if (existing && existing.name === answer.store && existing.keyId === answer.keyId) return existing;
    existing?.db.close();
    await wipe();
    const db = await open(answer.store);
    const importKey = (raw: string, algorithm: AesKeyAlgorithm | HmacImportParams, usages: KeyUsage[]) =>
      crypto.subtle.importKey('raw', bytes(raw), algorithm, false, usages);
    const key = {
      enc: await importKey(answer.enc, { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
      mac: await importKey(answer.mac, { name: 'HMAC', hash: 'SHA-256' }, ['sign']),
      keyId: answer.keyId,
      expiresAt: answer.expiresAt,
    };
    const store: OpenedStore = { db, name: answer.store, ...key };
    const account = await seal(store, 'account', answer.user);
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put(key, 'key');
    tx.objectStore('meta').put(account, 'account');
    await finished(tx);
    return store;
  }

  /** Whose mail the store holds. */
  async function account(store: OpenedStore): Promise<string | null> {
    return unseal<string>(store, 'account', await ask(store.db.transaction('meta').objectStore('meta').get('account')));
  }

  async function limit(store: OpenedStore): Promise<number> {
    const value = (await ask(store.db.transaction('meta').objectStore('meta').get('limit'))) as number | undefined;
    return value ?? DEFAULT_LIMIT;
  }

  /** Keeps `value` as `key` (oldest first out of the limit; the folder list and the composer's config always stay). */
  async function put(store: OpenedStore, kind: RecordKind, key: string, value: unknown): Promise<void> {
    const max = await limit(store);
    if (max === 0) return;
    const id = await nameOf(store, key);
    const sealed = await seal(store, id, value);
    const tx = store.db.transaction(['records', 'index'], 'readwrite');
    tx.objectStore('records').put({ id, ...sealed });
    tx.objectStore('index').put({ id, kind, at: Date.now(), size: sealed.data.byteLength + 64 });
    await finished(tx);
    await evict(store, max);
  }

  async function get<T>(store: OpenedStore, key: string): Promise<T | null> {
    const id = await nameOf(store, key);
    return unseal<T>(store, id, await ask(store.db.transaction('records').objectStore('records').get(id)));
  }

  type IndexEntry = { id: string; kind: RecordKind; at: number; size: number };

  /** Whether `key` is kept, without decrypting it. */
  async function has(store: OpenedStore, key: string): Promise<boolean> {
    const id = await nameOf(store, key);
    return (await ask(store.db.transaction('index').objectStore('index').count(id))) > 0;
  }

  /** Drops the records used longest ago until the kept mail fits in `max` bytes. */
  async function evict(store: OpenedStore, max: number): Promise<void> {
    const entries = (await ask(store.db.transaction('index').objectStore('index').index('at').getAll())) as IndexEntry[];
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    const out: string[] = [];
    for (const entry of entries) {
      if (total <= max) break;
      if (entry.kind === 'folders' || entry.kind === 'config') continue;
      total -= entry.size;
      out.push(entry.id);
    }
    if (!out.length) return;
    const tx = store.db.transaction(['records', 'index'], 'readwrite');
    for (const id of out) {
      tx.objectStore('records').delete(id);
      tx.objectStore('index').delete(id);
    }
    await finished(tx);
  }

  /** Bytes kept, and how many of each kind. */
  async function usage(store: OpenedStore): Promise<{ bytes: number; limit: number; messages: number; lists: number; attachments: number; queued: number }> {
    const entries = (await ask(store.db.transaction('index').objectStore('index').getAll())) as IndexEntry[];
    return {
      bytes: entries.reduce((sum, e) => sum + e.size, 0),
      limit: await limit(store),
      messages: entries.filter((e) => e.kind === 'message').length,
      lists: entries.filter((e) => e.kind === 'list').length,
      attachments: entries.filter((e) => e.kind === 'attachment').length,
      queued: await ask(store.db.transaction('queue').objectStore('queue').count()),
    };
  }

  /** Forgets the kept mail (not the changes waiting to be sent); `max` 0 keeps none from now on. */
  async function clear(store: OpenedStore, max?: number): Promise<void> {
    const tx = store.db.transaction(['records', 'index', 'meta'], 'readwrite');
    tx.objectStore('records').clear();
    tx.objectStore('index').clear();
    if (max !== undefined) tx.objectStore('meta').put(max, 'limit');
    await finished(tx);
  }

  async function setLimit(store: OpenedStore, max: number): Promise<void> {
    if (max === 0) return clear(store, 0);
    const tx = store.db.transaction('meta', 'readwrite');
    tx.objectStore('meta').put(max, 'limit');
    await finished(tx);
    await evict(store, max);
  }

  /** Adds a change to the end of the queue. */
  async function enqueue(store: OpenedStore, change: unknown): Promise<void> {
    const tx = store.db.transaction('queue', 'readwrite');
    tx.objectStore('queue').add(await seal(store, 'queue', change));
    await finished(tx);
  }

  /** The changes waiting, oldest first. */
  async function queued<T>(store: OpenedStore): Promise<Array<{ seq: number; change: T }>> {
    const rows = (await ask(store.db.transaction('queue').objectStore('queue').getAll())) as Array<{ seq: number; iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }>;
    const out: Array<{ seq: number; change: T }> = [];
    for (const row of rows) {
      const change = await unseal<T>(store, 'queue', row);
      if (change !== null) out.push({ seq: row.seq, change });
    }
    return out;
  }

  async function dequeue(store: OpenedStore, seq: number): Promise<void> {
    const tx = store.db.transaction('queue', 'readwrite');
    tx.objectStore('queue').delete(seq);
    await finished(tx);
  }

  return { names, current, withCurrent, setup, wipe, account, put, get, has, usage, clear, setLimit, enqueue, queued, dequeue };
}

export type OfflineStore = ReturnType<typeof offlineStore>;
