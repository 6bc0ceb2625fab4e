import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';

/** How many times Postfix took in the message with this Message-ID (its cleanup daemon logs each once). */
export function postfixAccepted(messageId: string): number {
  const log = readFileSync(join(process.env.POSTFIX_DIR!, 'postfix.log'), 'utf8');
  return log.split('\n').filter((line) => line.includes('postfix/cleanup') && line.includes(`message-id=${messageId}`)).length;
}

/** The messages of `folder` (UID, flags, subject, the header lines asked for); [] when the folder does not exist. */
export async function folderMessages(client: ImapFlow, folder: string, headers: string[] = []) {
  const exists = (await client.list()).some((f) => f.path === folder);
  if (!exists) return [];
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop(); // a folder selected before: hear what changed since

    const out: Array<{ uid: number; flags: Set<string>; subject: string; messageId: string; headers: string }> = [];
    if (!client.mailbox || !client.mailbox.exists) return out;
    for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true, ...(headers.length ? { headers } : {}) }, { uid: true })) {
      out.push({ uid: m.uid, flags: m.flags ?? new Set(), subject: m.envelope?.subject ?? '', messageId: m.envelope?.messageId ?? '', headers: m.headers?.toString() ?? '' });
    }
    return out;
  } finally {
    lock.release();
  }
}

/** Polls `probe` until it answers true, every 100 ms, failing with `what` after `ms`. */
export async function until(what: string, probe: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
