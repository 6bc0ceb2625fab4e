import { loginInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { clientIp } from '@/server/http/client-ip';
import { isSecureRequest } from '@/server/http/origin';
import { withRequest, withSession } from '@/server/http/with-session';
import { clearedSessionCookieHeader, sessionCookieHeader } from '@/server/session/session';
import { signIn, signOut } from '@/server/mail/sign-in';

// POST /api/session – sign in with IMAP credentials; sets the sealed session cookie
export const POST = withRequest(async ({ req }) => {
  const input = loginInputSchema.parse(await readJson(req));
  const { session, cookie } = await signIn(input, clientIp(req));
  return Response.json(
    { username: session.username },
    { headers: { 'Set-Cookie': sessionCookieHeader(cookie, isSecureRequest(req)) } },
  );
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
