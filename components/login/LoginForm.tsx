'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import { offlineStore } from '@/lib/offline/store';
import { whenIdle } from '@/lib/when-idle';

/** The browser's time zone: dates the server writes (a reply's quote line) use it. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The sign-in form. It is a real form that posts to /api/session, so before its JavaScript has
 * loaded (or without any) the browser posts it and the server answers with a redirect: the
 * credentials never go into a URL. Once loaded, it signs in with fetch and keeps the username
 * on a refusal.
 */
export function LoginForm({ next, initialError }: { next: string; initialError: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const t = useTranslations('login');
  const timeZone = useRef<string | null>(null);
  // Signed out (or never signed in): no offline copy of anyone's mail stays in this browser
  // (lib/offline/). Imported, not fetched on demand: every script of this page carries its nonce.
  useEffect(() => {
    offlineStore().wipe().catch(() => undefined);
    // Read while the user types, not on submit: the page's first Intl call starts ICU (about
    // 25 ms on a desktop, four times that on a phone), which held up the sign-in's POST (#22).
    return whenIdle(() => {
      timeZone.current ??= browserTimeZone();
    });
  }, []);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await apiRequest('/api/session', { method: 'POST', body: { username, password, timeZone: timeZone.current ?? browserTimeZone() } });
      // A whole page load, not the router's: the root layout renders again, with the user's
      // settings on <html> (the theme: lib/theme.ts; the language and direction), which a
      // client-side navigation keeps as this signed-out page had them.
      window.location.replace(next);
    } catch (err) {
      // Keep the username; clear only the password the server refused.
      if (err instanceof ApiError && err.code === 'auth_failed') setPassword('');
      setError(err instanceof ApiError ? err.message : t('failed'));
      setPending(false);
    }
  }

  return (
    <form method="post" action="/api/session" onSubmit={onSubmit} className="w-full max-w-sm space-y-4 rounded-xl bg-white p-8 shadow" aria-label={t('signIn')}>
      <h1 className="text-2xl font-semibold">{t('heading')}</h1>
      <input type="hidden" name="next" value={next} />
      <label className="block text-sm font-medium">
        {t('username')}
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm font-medium">
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {pending ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
