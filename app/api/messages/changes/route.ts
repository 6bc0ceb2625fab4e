import { folderChangesQuerySchema } from '@/lib/schemas';
import { readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { listChanges } from '@/server/mail/changes';

// GET /api/messages/changes?folder=&uidValidity=&modseq= – what changed since a sync point (CONDSTORE/QRESYNC)
export const GET = withSession(async ({ req, session }) => {
  const query = folderChangesQuerySchema.parse(readQuery(req));
  return Response.json(await listChanges(session, query));
});
