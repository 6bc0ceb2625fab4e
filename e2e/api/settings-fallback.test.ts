import { createClient } from '@redis/client';
import { afterAll, describe, expect, it } from 'vitest';
import * as settingsRoute from '@/app/api/settings/route';
import type { Settings } from '@/lib/schemas';
import type { SettingsDto } from '@/lib/types';
import { rawImap, rawImapSession } from '../support/dovecot';
import { call } from './call';
import { setOrganizeServer, signIn, USER } from './move-fixtures';

// A server without METADATA: the organize suite's NOMOVE Dovecot leaves it out of what it
// announces (scripts/test-stack.sh), though it would still answer it. Wren then keeps the
// settings in its own store (here Redis, as the integration config sets REDIS_URL) and says so.
setOrganizeServer('NOMOVE');

const ENTRY = '/private/vendor/wren/settings';
const redis = createClient({ url: process.env.REDIS_URL! });

afterAll(async () => {
  if (redis.isOpen) await redis.close();
});

const SAVED: Settings = {
  displayName: `Mover ${Date.now()}`,
  ui: { density: 'compact', markReadDelayMs: 0, undoSeconds: 5, undoSendSeconds: 0, swipeLeft: 'delete', readingPane: 'off', language: 'auto', theme: 'light', conversations: false },
  signaturePosition: 'above',
  identities: [{ id: 'main', name: 'Mover', address: 'mover@example.com', isDefault: true }],
};

describe('settings on a server without METADATA', () => {
  it('PUT then GET /api/settings – kept in Wren\'s store, said so, and nothing written to the server', async () => {
    const raw = await rawImap(USER);
    try {
      expect(raw.capabilities.has('METADATA')).toBe(false);
      expect(raw.capabilities.has('METADATA-SERVER')).toBe(false);
    } finally {
      await raw.logout();
    }

    const res = await call(settingsRoute.PUT, '/api/settings', { method: 'PUT', body: SAVED, cookie: await signIn() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ settings: SAVED, storage: 'wren-store' });

    // Another session reads them back from the store.
    const again = await call(settingsRoute.GET, '/api/settings', { cookie: await signIn() });
    expect(again.status).toBe(200);
    expect((await again.json()) as SettingsDto).toEqual({ settings: SAVED, storage: 'wren-store' });

    // In Redis, beside the sessions, where every Wren process finds them.
    await redis.connect();
    const keys = await redis.keys('wren:marker:settings:*');
    const values = await Promise.all(keys.map((key) => redis.get(key)));
    expect(values.map((v) => JSON.parse(v ?? 'null'))).toContainEqual(SAVED);

    // The server's entry was never set (Dovecot still answers METADATA when asked directly).
    const out = await rawImapSession(USER, [`GETMETADATA "" (${ENTRY})`], Number(process.env.IMAP_PORT));
    expect(out).toMatch(/^c0 OK/m);
    expect(out).not.toContain(SAVED.displayName);
  });
});
