import { z } from 'zod';
import { composeInputSchema } from './compose';

/** What the scheduler's routes take and answer (server/scheduler/). Times are ms since the epoch. */
export const snoozeInputSchema = z.object({ ids: z.array(z.string().max(2000)).min(1).max(100), until: z.number().int().positive() });
export const jobIdSchema = z.object({ id: z.string().max(2000) });
export const scheduleInputSchema = z.object({ compose: composeInputSchema, sendAt: z.number().int().positive() });

export interface ScheduledJobDto {
  id: string;
  subject: string;
  /** Recipients (scheduled) or senders (snoozed), as shown. */
  people: string[];
  /** When it is sent or comes back. */
  dueAt: number | null;
  state: 'waiting' | 'sending' | 'failed' | 'unknown';
}

export interface SchedulerJobsDto {
  scheduled: ScheduledJobDto[];
  snoozed: ScheduledJobDto[];
}

/** The snooze menu's choices, in the user's time zone as the browser has it: later today (+3 h), tomorrow 8:00, next Monday 8:00. */
export function snoozeChoices(now: Date): Array<{ key: 'laterToday' | 'tomorrow' | 'nextWeek'; at: number }> {
  const at8 = (days: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(8, 0, 0, 0);
    return d.getTime();
  };
  const toMonday = ((8 - now.getDay()) % 7) || 7;
  const choices: Array<{ key: 'laterToday' | 'tomorrow' | 'nextWeek'; at: number }> = [];
  const later = new Date(now.getTime() + 3 * 3600_000);
  if (later.getDate() === now.getDate()) choices.push({ key: 'laterToday', at: later.setMinutes(0, 0, 0) });
  choices.push({ key: 'tomorrow', at: at8(1) }, { key: 'nextWeek', at: at8(toMonday) });
  return choices;
}

/** A `datetime-local` input's value as a time in the browser's zone; NaN when empty or invalid. */
export function fromLocalInput(value: string): number {
  return value ? new Date(value).getTime() : NaN;
}

/** A time as a `datetime-local` value in the browser's zone (minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
