import { z } from 'zod';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { findContacts } from '@/server/mail/contacts';

const querySchema = z.object({ q: z.string().max(200).default('') });

// GET /api/contacts?q= – addresses the user wrote to or heard from, for autocomplete
export const GET = withSession(async ({ req, session }) => {
  const { q } = querySchema.parse(readQuery(req));
  return Response.json({ contacts: await findContacts(session, q) });
});
