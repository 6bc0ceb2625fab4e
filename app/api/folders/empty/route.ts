import { emptyFolderInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { emptyFolder } from '@/server/mail/delete';

// POST /api/folders/empty – permanently delete everything in Trash or Junk
export const POST = withSession(async ({ req, session }) => {
  const input = emptyFolderInputSchema.parse(await readJson(req));
  return Response.json(await emptyFolder(session, input));
});
