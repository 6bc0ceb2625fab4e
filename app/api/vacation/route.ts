import { vacationInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { getVacation, saveVacation } from '@/server/mail/filters';

// GET /api/vacation – the vacation reply (off when none), whose Sieve script is active, or why there is no ManageSieve
export const GET = withSession(async ({ session }) => Response.json(await getVacation(session)));

// PUT /api/vacation – replaces the vacation reply in Wren's Sieve script (409 while another script is active, unless replaceActive)
export const PUT = withSession(async ({ req, session }) => {
  const input = vacationInputSchema.parse(await readJson(req));
  return Response.json(await saveVacation(session, input));
});
