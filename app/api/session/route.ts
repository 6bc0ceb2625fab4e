import { ZodError } from 'zod';
import { safeNextPath } from '@/lib/mail-url';
import { loginInputSchema } from '@/lib/schemas';
import { AppError } from '@/server/errors';
import { readForm, readJson } from '@/server/http/request';
import { clientIp } from '@/server/http/client-ip';
import { isSecureRequest } from '@/server/http/origin';
import { withRequest, withSession } from '@/server/http/with-session';
import { DEVICE_COOKIE, deviceCookieHeader } from '@/server/session/device';
import { clearedSessionCookieHeader, readCookie, sessionCookieHeader } from '@/server/session/session';
import { signIn, signOut } from '@/server/mail/sign-in';

const isForm = (req: Request) => (req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/**
 * POST /api/session – sign in with IMAP credentials; sets the sealed session cookie and the
 * device cookie (server/session/device.ts). The form posts here too when its JavaScript has
 * not loaded (progressive enhancement): then the answer is a redirect, to the page asked for or
 * back to the form with an error code, so no credential ever travels in a URL.
 */
export const POST = withRequest(async ({ req }) => {
  const form = isForm(req);
  const fields = form ? await readForm(req) : null;
  const next = safeNextPath(fields?.get('next'));
  try {
    const input = loginInputSchema.parse(fields ? { username: fields.get('username') ?? '', password: fields.get('password') ?? '' } : await readJson(req));
    const { session, cookie, deviceToken } = await signIn(input, clientIp(req), readCookie(req.headers.get('cookie'), DEVICE_COOKIE));
    const secure = isSecureRequest(req);
    const headers = new Headers();
    headers.append('Set-Cookie', sessionCookieHeader(cookie, secure));
    headers.append('Set-Cookie', deviceCookieHeader(deviceToken, secure));
    if (!form) return Response.json({ username: session.username }, { headers });
    headers.set('Location', next);
    return new Response(null, { status: 303, headers });
  } catch (error) {
    if (!form) throw error;
    const code = error instanceof AppError ? error.code : error instanceof ZodError ? 'invalid_input' : 'internal';
    const back = `/login?error=${code}${next === '/mail' ? '' : `&next=${encodeURIComponent(next)}`}`;
    return new Response(null, { status: 303, headers: { Location: back } });
  }
});

// GET /api/session – who is signed in
export const GET = withSession(async ({ session }) => Response.json({ username: session.username }));

// DELETE /api/session – sign out: revokes the session on the server
export const DELETE = withSession(async ({ req, session }) => {
  await signOut(session);
  return new Response(null, {
    status: 204,
    headers: { 'Set-Cookie': clearedSessionCookieHeader(isSecureRequest(req)) },
  });
});
