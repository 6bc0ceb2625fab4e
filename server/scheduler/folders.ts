import 'server-only';
import type { ImapFlow } from 'imapflow';

/**
 * The scheduler's folders. Each job is a message in one of them, its due time in a header of
 * its own (a keyword per time would not do: Maildir keeps 26 keywords per folder, Cyrus 128).
 * They are plain folders named Snoozed and Scheduled at the top of the user's namespace, made
 * on first use and subscribed, so every client shows them.
 */
export type JobFolder = 'snoozed' | 'scheduled';

const NAMES: Record<JobFolder, string> = { snoozed: 'Snoozed', scheduled: 'Scheduled' };
export const DUE_HEADER: Record<JobFolder, string> = { snoozed: 'X-Wren-Snoozed-Until', scheduled: 'X-Wren-Send-At' };

/** Keywords (fixed names) of a job's state: set before acting, so a restart knows what happened. */
export const SENDING = '$WrenSending';
export const SEND_FAILED = '$WrenSendFailed';
export const SEND_UNKNOWN = '$WrenSendUnknown';
export const WAKING = '$WrenWaking';

export function jobFolderPath(client: ImapFlow, kind: JobFolder): string {
  return `${client.namespace?.prefix ?? ''}${NAMES[kind]}`;
}

/** Creates and subscribes the folder unless it exists. */
export async function ensureJobFolder(client: ImapFlow, kind: JobFolder): Promise<string> {
  const path = jobFolderPath(client, kind);
  const exists = (await client.list()).some((f) => f.path === path);
  if (!exists) {
    await client.mailboxCreate(path).catch(async (error) => {
      // Made meanwhile by another request: fine.
      if (!(await client.list()).some((f) => f.path === path)) throw error;
    });
    await client.mailboxSubscribe(path);
  }
  return path;
}

/** The messages of a job folder in the selected mailbox with their due time (ms), flags and summary. */
export interface Job {
  uid: number;
  dueAt: number | null;
  flags: Set<string>;
  messageId?: string;
  subject: string;
  to: string[];
  from: string[];
}

export async function readJobs(client: ImapFlow, kind: JobFolder): Promise<Job[]> {
  const jobs: Job[] = [];
  if (!client.mailbox || !(client.mailbox as { exists?: number }).exists) return jobs;
  for await (const msg of client.fetch('1:*', { uid: true, flags: true, envelope: true, headers: [DUE_HEADER[kind]] }, { uid: true })) {
    const header = msg.headers ? msg.headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' ') : '';
    const value = /:\s*(.+)/.exec(header.split(/\r?\n/)[0] ?? '')?.[1]?.trim();
    const at = value ? Date.parse(value) : NaN;
    jobs.push({
      uid: msg.uid,
      dueAt: Number.isFinite(at) ? at : null,
      flags: msg.flags ?? new Set(),
      messageId: msg.envelope?.messageId,
      subject: msg.envelope?.subject ?? '',
      to: (msg.envelope?.to ?? []).map((a) => a.address ?? a.name ?? '').filter(Boolean),
      from: (msg.envelope?.from ?? []).map((a) => a.name || a.address || '').filter(Boolean),
    });
  }
  return jobs;
}

/** Whether a job is waiting for its time (not being sent, not failed). */
export function isWaiting(job: Job): boolean {
  return job.dueAt !== null && !job.flags.has(SENDING) && !job.flags.has(SEND_FAILED) && !job.flags.has(SEND_UNKNOWN) && !job.flags.has('\\Deleted');
}

/** The message with the snooze header taken off again (Wren put it first). */
export function withoutSnoozeHeader(raw: Buffer): Buffer {
  const prefix = `${DUE_HEADER.snoozed}:`;
  if (raw.subarray(0, prefix.length).toString('latin1').toLowerCase() !== prefix.toLowerCase()) return raw;
  const end = raw.indexOf('\n');
  return end < 0 ? raw : raw.subarray(end + 1);
}

export function withSnoozeHeader(raw: Buffer, until: number): Buffer {
  return Buffer.concat([Buffer.from(`${DUE_HEADER.snoozed}: ${new Date(until).toISOString()}\r\n`, 'latin1'), withoutSnoozeHeader(raw)]);
}
