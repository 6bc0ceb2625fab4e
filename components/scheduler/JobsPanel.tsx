'use client';

import { useTranslations, useFormat } from '@/lib/i18n/client';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { SchedulerJobsDto, ScheduledJobDto } from '@/lib/scheduler';
import type { ComposeRequest } from '../compose/compose-request';

interface Props {
  /** Scheduled or Snoozed. */
  folder: string;
  /** Opens a draft in the composer (Edit). */
  compose: (request: ComposeRequest) => void;
  /** The list, fetched again after a change. */
  pages: { refresh: () => void };
  refreshFolders: () => void;
  showToast: (toast: { text: string; kind: 'info' | 'error' }) => void;
}

/**
 * Above the list of Scheduled or Snoozed: each message with when it is sent or comes back, and
 * what can be done until then (Edit and Cancel a send, Unsnooze). Fetched when such a folder
 * is first shown.
 */
export function JobsPanel({ folder, compose, pages, refreshFolders, showToast }: Props) {
  const kind = folder === 'Scheduled' ? 'scheduled' : 'snoozed';
  const notify = (text: string, tone: 'info' | 'error') => showToast({ text, kind: tone });
  const t = useTranslations('mail.scheduler');
  const format = useFormat();
  const [jobs, setJobs] = useState<ScheduledJobDto[] | null>(null);
  const load = useCallback(() => {
    apiRequest<SchedulerJobsDto>('/api/scheduled').then((all) => setJobs(all[kind]), () => setJobs([]));
  }, [kind]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [load]);

  const act = async (job: ScheduledJobDto, what: 'edit' | 'cancel' | 'wake') => {
    try {
      if (what === 'wake') {
        await apiRequest('/api/snooze/wake', { method: 'POST', body: { id: job.id } });
        notify(t('woke'), 'info');
      } else {
        const { draftId } = await apiRequest<{ draftId: string }>('/api/scheduled/cancel', { method: 'POST', body: { id: job.id } });
        if (what === 'edit') compose({ kind: 'draft', id: draftId });
        else notify(t('cancelled'), 'info');
      }
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), 'error');
    }
    load();
    pages.refresh();
    refreshFolders();
  };

  if (!jobs) return null;
  const button = 'rounded px-2 py-0.5 text-sky-800 hover:bg-sky-100';
  return (
    <section aria-label={kind === 'scheduled' ? t('scheduledTitle') : t('snoozedTitle')} className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="jobs-panel">
      <h2 className="mb-1 font-semibold">{kind === 'scheduled' ? t('scheduledTitle') : t('snoozedTitle')}</h2>
      {!jobs.length && <p className="text-slate-600">{t('empty')}</p>}
      <ul className="flex flex-col gap-1">
        {jobs.map((job) => {
          const when = job.dueAt === null ? '' : format.fullDate(new Date(job.dueAt).toISOString());
          return (
            <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="job">
              <span className="min-w-0 flex-1 truncate">
                <span className="font-medium">{job.subject || t('noSubject')}</span>
                <span className="text-slate-600"> · {job.people.join(', ')}</span>
              </span>
              <span className={job.state === 'failed' || job.state === 'unknown' ? 'text-red-700' : 'text-slate-700'}>
                {job.state === 'failed' ? t('failed') : job.state === 'unknown' ? t('unknown') : job.state === 'sending' ? t('sending') : kind === 'scheduled' ? t('sendsAt', { time: when }) : t('backAt', { time: when })}
              </span>
              {kind === 'scheduled' && job.state !== 'sending' && (
                <>
                  <button type="button" className={button} onClick={() => void act(job, 'edit')}>
                    {t('edit')}
                  </button>
                  <button type="button" className={button} onClick={() => void act(job, 'cancel')}>
                    {t('cancelSend')}
                  </button>
                </>
              )}
              {kind === 'snoozed' && (
                <button type="button" className={button} onClick={() => void act(job, 'wake')}>
                  {t('unsnooze')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
