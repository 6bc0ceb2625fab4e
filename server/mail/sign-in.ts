import 'server-only';
import { validTimeZone } from '@/lib/i18n/config';
import type { LoginInput } from '@/lib/schemas';
import { closeSession, withClient } from '../imap/pool';
import { log } from '../log';
import { forgetPushOfSession } from './push';
import { destroySession, rememberLanguage, startSession, type Session } from '../session/session';
import { readSettings } from './settings';
import { runSignOutCleanups } from '../session/sign-out';
import { deviceOf, issueDeviceToken } from '../session/device';
import { assertMayTrySignIn, recordSignInFailure, recordSignInSuccess } from '../session/throttle';

/**
 * Signs in by logging in to IMAP with the user's credentials. The connection that proved
 * them stays in the pool for the session's next requests: sign-in costs one IMAP login.
 * `deviceToken` is the browser's device cookie, if any: a browser that signed in as this user
 * before is throttled on its own (throttle.ts). A success returns the device token to keep.
 */
export async function signIn(
  input: LoginInput,
  ip?: string,
  deviceToken?: string,
): Promise<{ session: Session; cookie: string; deviceToken: string }> {
  const device = deviceOf(deviceToken, input.username);
  const attempt = { username: input.username, ip, device };
  await assertMayTrySignIn(attempt);
  const started = startSession(input.username, input.password, ip, { timeZone: validTimeZone(input.timeZone) });
  const { session } = started;
  try {
    await started.stored;
    await withClient(session, async () => undefined, { retry: false });
  } catch (error) {
    await destroySession(session.id);
    await closeSession(session.id);
    const code = (error as { code?: string }).code;
    if (code === 'auth_failed') await recordSignInFailure(attempt);
    log.info('sign-in refused', { code });
    throw error;
  }
  await recordSignInSuccess(attempt);
  // The language the user chose follows them (settings on the mail server): read once here and
  // kept in the session, not on every request. Unreadable settings leave it to the browser's.
  await readSettings(session).then(
    (settings) => rememberLanguage(session, settings.ui.language),
    () => undefined,
  );
  log.info('signed in', { session: session.id.slice(0, 6), knownDevice: Boolean(device) });
  return { session, cookie: await started.cookie, deviceToken: device && deviceToken ? deviceToken : issueDeviceToken(input.username) };
}

/** Revokes the session on the server and logs its IMAP connection out. */
export async function signOut(session: Session): Promise<void> {
  await destroySession(session.id);
  // What Wren kept for the session (cached rows, searches, uploads) goes with it; files are
  // removed in the background.
  void runSignOutCleanups(session);
  // Revocation is the store entry going; the IMAP LOGOUT need not hold up the response. The
  // devices this sign-in subscribed to notifications go first: with the last one, the mail
  // server's hook entry is cleared on this connection, before it is logged out.
  void forgetPushOfSession(session).finally(() => closeSession(session.id));
}
