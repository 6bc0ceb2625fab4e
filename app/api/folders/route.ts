import {
  createFolderInputSchema,
  folderListQuerySchema,
  folderPathQuerySchema,
  renameFolderInputSchema,
} from '@/lib/schemas';
import { readJson, readQuery } from '@/server/http/request';
import { withSession } from '@/server/http/with-session';
import { createFolder, deleteFolder, renameFolder } from '@/server/mail/folder-admin';
import { listFolders } from '@/server/mail/folders';

// GET /api/folders – the folder tree with roles and unread counts: subscribed folders, or all with ?all=1
export const GET = withSession(async ({ req, session }) => {
  const { all } = folderListQuerySchema.parse(readQuery(req));
  return Response.json({ folders: await listFolders(session, { all }) });
});

// POST /api/folders – create a folder (inside `parent` when given) and subscribe to it
export const POST = withSession(async ({ req, session }) => {
  const input = createFolderInputSchema.parse(await readJson(req));
  return Response.json({ folder: await createFolder(session, input) }, { status: 201 });
});

// PATCH /api/folders – rename a folder's last segment; its subfolders move with it
export const PATCH = withSession(async ({ req, session }) => {
  const input = renameFolderInputSchema.parse(await readJson(req));
  return Response.json({ folder: await renameFolder(session, input) });
});

// DELETE /api/folders?path=… – delete a folder and its messages
export const DELETE = withSession(async ({ req, session }) => {
  const { path } = folderPathQuerySchema.parse(readQuery(req));
  return Response.json(await deleteFolder(session, path));
});
