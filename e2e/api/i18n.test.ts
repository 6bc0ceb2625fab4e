import { afterAll, describe, expect, it } from 'vitest';
import * as foldersRoute from '@/app/api/folders/route';
import * as messagesRoute from '@/app/api/messages/route';
import * as sessionRoute from '@/app/api/session/route';
import * as settingsRoute from '@/app/api/settings/route';
import type { SettingsDto } from '@/lib/types';
import { closeAllConnections } from '@/server/imap/pool';
import { call, cookieFrom } from './call';

// Server errors in the request's language: a stable code, the message translated (server/errors.ts,
// lib/i18n/messages). User lux (not seeded): her settings entry is hers alone.
const GERMAN = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };

afterAll(async () => {
  await closeAllConnections();
});

async function unknownFolder(cookie: string, headers: Record<string, string> = {}) {
  const res = await call(messagesRoute.GET, '/api/messages?folder=Nirgendwo', { cookie, headers });
  expect(res.status).toBe(404);
  return (await res.json()) as { error: { code: string; message: string } };
}

describe('server errors in the request language', () => {
  it('a refused sign-in says so in German for a German browser, in English otherwise, with the same code', async () => {
    const body = { username: 'nobody-i18n', password: 'wrong' };
    const german = await call(sessionRoute.POST, '/api/session', { method: 'POST', body, headers: GERMAN });
    expect(german.status).toBe(401);
    expect(await german.json()).toEqual({ error: { code: 'auth_failed', message: 'Falscher Benutzername oder falsches Passwort' } });
    const english = await call(sessionRoute.POST, '/api/session', { method: 'POST', body });
    expect(await english.json()).toEqual({ error: { code: 'auth_failed', message: 'Wrong username or password' } });
  });

  it('an unknown folder in German; the language setting, once saved, wins over Accept-Language', async () => {
    const signIn = await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'lux', password: 'secret' }, headers: GERMAN });
    expect(signIn.status).toBe(200);
    const cookie = cookieFrom(signIn);
    expect(await unknownFolder(cookie, GERMAN)).toEqual({ error: { code: 'not_found', message: 'Der Ordner existiert nicht' } });

    const current = (await (await call(settingsRoute.GET, '/api/settings', { cookie })).json()) as SettingsDto;
    const save = (language: string) => call(settingsRoute.PUT, '/api/settings', { method: 'PUT', cookie, body: { ...current.settings, ui: { ...current.settings.ui, language } } });
    try {
      expect((await save('en')).status).toBe(200);
      expect((await unknownFolder(cookie, GERMAN)).error.message).toBe('Folder does not exist');
      expect((await save('de')).status).toBe(200);
      expect((await unknownFolder(cookie)).error.message).toBe('Der Ordner existiert nicht');
    } finally {
      await save('auto');
    }
    // Back to the browser's language.
    expect((await unknownFolder(cookie)).error.message).toBe('Folder does not exist');
  });

  it('a search the parser refuses is explained in German, the problem too, with its position', async () => {
    const cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'lux', password: 'secret' }, headers: GERMAN }));
    const bad = (headers: Record<string, string>) => call(messagesRoute.GET, `/api/messages?folder=INBOX&q=${encodeURIComponent('from:olivia foo:bar')}`, { cookie, headers });
    expect(await (await bad(GERMAN)).json()).toEqual({
      error: { code: 'invalid_input', message: 'Unbekannter Operator "foo:" (den Text in Anführungszeichen setzen, um danach zu suchen) (bei Zeichen 13)' },
    });
    expect((await (await bad({})).json()).error.message).toBe('Unknown operator "foo:" (put the text in quotes to search for it) (at character 13)');
  });

  it('a folder name Wren refuses is explained in German, by the schema and with the server\'s delimiter', async () => {
    const cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'lux', password: 'secret' }, headers: GERMAN }));
    const create = async (name: string) => (await (await call(foldersRoute.POST, '/api/folders', { method: 'POST', cookie, headers: GERMAN, body: { parent: null, name } })).json()) as unknown;
    expect(await create('  ')).toEqual({ error: { code: 'invalid_input', message: 'Ein Ordnername ist erforderlich' } });
    expect(await create('a%')).toEqual({ error: { code: 'invalid_input', message: 'Der Ordnername darf weder * noch % enthalten' } });
    expect(await create('Alt/Neu')).toEqual({
      error: { code: 'invalid_input', message: 'Der Ordnername darf "/" nicht enthalten: wählen Sie einen übergeordneten Ordner, um ihn darin anzulegen' },
    });
  });

  it('a new sign-in takes the saved language from the mail server', async () => {
    const first = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'lux', password: 'secret' } }));
    const current = (await (await call(settingsRoute.GET, '/api/settings', { cookie: first })).json()) as SettingsDto;
    const put = (language: string) => call(settingsRoute.PUT, '/api/settings', { method: 'PUT', cookie: first, body: { ...current.settings, ui: { ...current.settings.ui, language } } });
    expect((await put('de')).status).toBe(200);
    try {
      const second = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'lux', password: 'secret' } }));
      expect((await unknownFolder(second)).error.message).toBe('Der Ordner existiert nicht');
    } finally {
      await put('auto');
    }
  });
});
