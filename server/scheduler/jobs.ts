import 'server-only';
import type { SchedulerJobsDto, ScheduledJobDto } from '@/lib/scheduler';
import { encodeMessageId } from '@/lib/message-id';
import { withClient, withMailbox } from '../imap/pool';
import type { Session } from '../session/session';
import { jobFolderPath, readJobs, SEND_FAILED, SEND_UNKNOWN, SENDING, type JobFolder } from './folders';

/** The user's scheduled and snoozed messages with their times, soonest first (the Scheduled and Snoozed panels). */
export async function listJobs(session: Session): Promise<SchedulerJobsDto> {
  const of = async (kind: JobFolder): Promise<ScheduledJobDto[]> => {
    const path = await withClient(session, async (client) => jobFolderPath(client, kind));
    const exists = await withClient(session, async (client) => (await client.list()).some((f) => f.path === path));
    if (!exists) return [];
    return withMailbox(session, path, async (client, mailbox) =>
      (await readJobs(client, kind))
        .filter((job) => !job.flags.has('\\Deleted'))
        .map((job) => ({
          id: encodeMessageId({ path, uidValidity: mailbox.uidValidity.toString(), uid: job.uid }),
          subject: job.subject,
          people: kind === 'scheduled' ? job.to : job.from,
          dueAt: job.dueAt,
          state: job.flags.has(SEND_UNKNOWN) ? 'unknown' : job.flags.has(SEND_FAILED) ? 'failed' : job.flags.has(SENDING) ? 'sending' : 'waiting',
        } satisfies ScheduledJobDto))
        .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity)),
    );
  };
  return { scheduled: await of('scheduled'), snoozed: await of('snoozed') };
}
