import { filterRulesInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { getFilters, saveFilters } from '@/server/mail/filters';

// GET /api/filters – the filter rules in order, whose Sieve script is active, or why there is no ManageSieve
export const GET = withSession(async ({ session }) => Response.json(await getFilters(session)));

// PUT /api/filters – replaces the rules in Wren's Sieve script (409 while another script is active, unless replaceActive)
export const PUT = withSession(async ({ req, session }) => {
  // 200 rules with long values and folder paths fit in 512 KB.
  const input = filterRulesInputSchema.parse(await readJson(req, 512 * 1024));
  return Response.json(await saveFilters(session, input));
});
