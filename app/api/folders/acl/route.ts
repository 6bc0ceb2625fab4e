import { folderAclDeleteQuerySchema, folderAclInputSchema, folderPathQuerySchema } from '@/lib/schemas';
import { readJson, readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { getFolderAcl, shareFolder, unshareFolder } from '@/server/mail/folder-sharing';

// GET /api/folders/acl?path=… – who the folder is shared with, and their rights (GETACL)
export const GET = withSession(async ({ req, session }) => {
  const { path } = folderPathQuerySchema.parse(readQuery(req));
  return Response.json(await getFolderAcl(session, path));
});

// PUT /api/folders/acl – share a folder with a user: exactly these rights, in plain words (SETACL)
export const PUT = withSession(async ({ req, session }) => {
  const input = folderAclInputSchema.parse(await readJson(req));
  return Response.json(await shareFolder(session, input));
});

// DELETE /api/folders/acl?path=…&identifier=… – stop sharing a folder with a user (DELETEACL)
export const DELETE = withSession(async ({ req, session }) => {
  const input = folderAclDeleteQuerySchema.parse(readQuery(req));
  return Response.json(await unshareFolder(session, input));
});
