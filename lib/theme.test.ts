import { afterEach, describe, expect, it } from 'vitest';
import { bootTheme, THEME_KEY, themeScript } from './theme';

/** A page as the inline script sees it: <html>'s attributes, the address, localStorage. */
function fakePage(path: string, theme: string | null, stored: string | null) {
  const attrs = new Map<string, string>(theme ? [['data-theme', theme]] : []);
  const storage = new Map<string, string>(stored ? [[THEME_KEY, stored]] : []);
  Object.assign(globalThis, {
    document: { documentElement: { getAttribute: (n: string) => attrs.get(n) ?? null, setAttribute: (n: string, v: string) => attrs.set(n, v) } },
    location: { pathname: path },
    localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) },
  });
  return { theme: () => attrs.get('data-theme') ?? null, stored: () => storage.get(THEME_KEY) ?? null };
}

afterEach(() => {
  for (const name of ['document', 'location', 'localStorage']) delete (globalThis as Record<string, unknown>)[name];
});

describe('bootTheme (the inline script of every page)', () => {
  it('a page rendered with the user\'s theme keeps a copy of it', () => {
    const page = fakePage('/mail', 'dark', 'light');
    bootTheme(THEME_KEY);
    expect(page.theme()).toBe('dark');
    expect(page.stored()).toBe('dark');
  });

  it('a page rendered without it (the offline shell) takes the copy; a choice of System leaves the system to decide', () => {
    const page = fakePage('/mail/INBOX', null, 'dark');
    bootTheme(THEME_KEY);
    expect(page.theme()).toBe('dark');
    const system = fakePage('/offline', null, 'system');
    bootTheme(THEME_KEY);
    expect(system.theme()).toBeNull();
  });

  it('the sign-in page forgets the copy and follows the system', () => {
    const page = fakePage('/login', null, 'dark');
    bootTheme(THEME_KEY);
    expect(page.theme()).toBeNull();
    expect(page.stored()).toBeNull();
  });

  it('runs as a script of its own: the function\'s source, called with the key', () => {
    expect(themeScript()).toMatch(/^\(function bootTheme\(key\) \{[\s\S]*\}\)\("wren-theme"\);$/);
  });
});
