import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as settingsRoute from '@/app/api/settings/route';
import type { Settings } from '@/lib/schemas';
import type { SettingsDto } from '@/lib/types';
import { closeAllConnections } from '@/server/imap/pool';
import { resetEnv } from '@/server/env';
import { store } from '@/server/session/session';
import { RedisSessionStore } from '@/server/session/redis-store';
import { rawImapSession, serverMetadataEntry } from '../support/dovecot';
import { call, cookieFrom } from './call';

// Settings that follow the user, on the test Dovecot, which has METADATA (scripts/dovecot.sh).
// User shard: its only other test (shared-state) keeps nothing in METADATA.
const USER = 'shard';
const ENTRY = '/private/vendor/wren/settings';

async function signIn(): Promise<string> {
  const res = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: USER, password: 'secret' } });
  expect(res.status).toBe(200);
  return cookieFrom(res);
}

const put = (cookie: string, body: unknown, origin?: string) => call(settingsRoute.PUT, '/api/settings', { method: 'PUT', body, cookie, origin });

async function get(cookie: string): Promise<SettingsDto> {
  const res = await call(settingsRoute.GET, '/api/settings', { cookie });
  expect(res.status).toBe(200);
  return res.json();
}

/** The settings entry as the server holds it, read over a plain socket: null when not set. */
const serverEntry = () => serverMetadataEntry(USER, ENTRY);

const forgetProcessState = (...names: string[]) => {
  for (const name of names) delete (globalThis as Record<symbol, unknown>)[Symbol.for(`wren.${name}`)];
};

const SAVED: Settings = {
  displayName: 'Shard Ödegaard',
  ui: { density: 'compact', markReadDelayMs: 1500, undoSeconds: 20, undoSendSeconds: 10, swipeLeft: 'delete', readingPane: 'bottom', language: 'auto', theme: 'dark', conversations: false },
  signaturePosition: 'below',
  identities: [
    { id: 'work', name: 'Shard at work', address: 'shard@example.com', replyTo: 'team@example.com', signatureHtml: '<p>— Shard</p>', signatureText: '-- \nShard', isDefault: true },
    { id: 'support', name: 'Support', address: 'support@example.com', isDefault: false },
  ],
};

beforeAll(async () => {
  // From a clean server entry, whatever an earlier run left.
  const out = await rawImapSession(USER, [`SETMETADATA "" (${ENTRY} NIL)`]);
  expect(out).toMatch(/^c0 OK/m);
});

describe('settings on the mail server (IMAP METADATA)', () => {
  it('GET /api/settings – the defaults before anything was saved, kept on the mail server', async () => {
    const cookie = await signIn();
    expect(await get(cookie)).toEqual({
      storage: 'imap-metadata',
      settings: {
        displayName: '',
        ui: { density: 'comfortable', markReadDelayMs: 0, undoSeconds: 10, undoSendSeconds: 5, swipeLeft: 'archive', readingPane: 'right', language: 'auto', theme: 'system', conversations: true },
        signaturePosition: 'above',
        identities: [],
      },
    });
  });

  it('PUT /api/settings – another session reads the same settings, and the server holds them as JSON', async () => {
    const res = await put(await signIn(), SAVED);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ settings: SAVED, storage: 'imap-metadata' });

    // Another device: a new session with its own cookie (and its own IMAP connection).
    expect(await get(await signIn())).toEqual({ settings: SAVED, storage: 'imap-metadata' });
    expect(JSON.parse((await serverEntry()) ?? 'null')).toEqual(SAVED);
  });

  it('PUT /api/settings – invalid input is refused (400) and nothing changes', async () => {
    const cookie = await signIn();
    const bad = [
      { ...SAVED, ui: { ...SAVED.ui, density: 'huge' } },
      { ...SAVED, ui: { ...SAVED.ui, markReadDelayMs: 20_000 } },
      { ...SAVED, ui: { ...SAVED.ui, undoSeconds: 2 } },
      { ...SAVED, ui: { ...SAVED.ui, readingPane: 'left' } },
      { ...SAVED, ui: { ...SAVED.ui, theme: 'blue' } },
      { ...SAVED, signaturePosition: 'middle' },
      { ...SAVED, displayName: 'Shard\r\nBcc: x@example.com' },
      { ...SAVED, displayName: 'x'.repeat(201) },
      { ...SAVED, identities: [{ ...SAVED.identities[0], address: 'not an address' }] },
      { ...SAVED, identities: SAVED.identities.map((i) => ({ ...i, isDefault: true })) },
      { ...SAVED, identities: [SAVED.identities[0], SAVED.identities[0]] },
      'just a string',
    ];
    for (const body of bad) {
      const res = await put(cookie, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_input');
    }
    expect((await get(cookie)).settings).toEqual(SAVED);
  });

  it('PUT /api/settings – settings over 64 KB are refused (413) with a message naming the limit', async () => {
    const cookie = await signIn();
    const identities = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, name: '', address: `a${i}@example.com`, signatureHtml: 'x'.repeat(9000), isDefault: false }));
    const res = await put(cookie, { ...SAVED, identities });
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/at most 64 KB/);
    expect(JSON.parse((await serverEntry()) ?? 'null')).toEqual(SAVED);
  });

  it('PUT /api/settings – refused from another origin (403) and without a session (401)', async () => {
    const cookie = await signIn();
    expect((await put(cookie, { ...SAVED, displayName: 'Evil' }, 'http://evil.test')).status).toBe(403);
    expect((await put('', { ...SAVED, displayName: 'Evil' })).status).toBe(401);
    expect((await get(cookie)).settings.displayName).toBe(SAVED.displayName);
  });

  describe('a Wren restart without Redis', () => {
    afterAll(() => {
      forgetProcessState('sessions');
      process.env.REDIS_URL = process.env.WREN_TEST_REDIS_URL;
      resetEnv();
    });

    it('GET /api/settings – a fresh process state on the memory store still reads the saved settings', async () => {
      // What a restart leaves: no IMAP connection, no process state, and here no Redis either.
      await closeAllConnections();
      const current = store();
      if (current instanceof RedisSessionStore) await current.close();
      // A new process's pool and store (processGlobal keeps each under Symbol.for('wren.<name>')).
      forgetProcessState('imap', 'sessions', 'unsealed-cookies', 'imapFolderMarks');
      delete process.env.REDIS_URL;
      resetEnv();
      expect(store()).not.toBeInstanceOf(RedisSessionStore);

      expect(await get(await signIn())).toEqual({ settings: SAVED, storage: 'imap-metadata' });
    });
  });
});
