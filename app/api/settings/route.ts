import { SETTINGS_MAX_BYTES, settingsSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { getSettings, saveSettings } from '@/server/mail/settings';

// GET /api/settings – the user's settings (defaults when none saved) and where they are kept
export const GET = withSession(async ({ session }) => Response.json(await getSettings(session)));

// PUT /api/settings – replaces the user's settings; stored on the mail server where it can
export const PUT = withSession(async ({ req, session }) => {
  // Read with room to spare, so a body just over the limit gets the operation's message, which
  // names the limit, rather than the generic one.
  const settings = settingsSchema.parse(await readJson(req, 4 * SETTINGS_MAX_BYTES));
  return Response.json(await saveSettings(session, settings));
});
