import { folderSortInputSchema } from '@/lib/schemas';
import { readJson } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { saveFolderSort } from '@/server/mail/folder-sort';

// PUT /api/settings/sort – keeps one folder's list order in the user's settings
export const PUT = withSession(async ({ req, session }) => {
  const { folder, sort } = folderSortInputSchema.parse(await readJson(req));
  return Response.json(await saveFolderSort(session, folder, sort));
});
