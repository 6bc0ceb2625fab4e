import { withSession } from '@/server/http/with-session';
import { listFolders } from '@/server/mail/folders';

// GET /api/folders – the folder tree with roles and unread counts
export const GET = withSession(async ({ session }) => Response.json({ folders: await listFolders(session) }));
