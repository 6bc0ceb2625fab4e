import { composeInputSchema } from '@/lib/compose';
import { MAX_COMPOSE_JSON_BYTES, readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { saveDraft } from '@/server/send/drafts';

// POST /api/drafts – saves the compose in Drafts, replacing its previous version (draftId)
export const POST = withSession(async ({ req, session }) => {
  const input = composeInputSchema.parse(await readJson(req, MAX_COMPOSE_JSON_BYTES));
  return Response.json(await saveDraft(session, input));
});
