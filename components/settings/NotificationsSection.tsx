'use client';

import { useTranslations, useFormat } from '@/lib/i18n/client';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { PushConfigDto, PushDeviceDto } from '@/lib/types';
import { currentSubscription, pushDeviceIdOf, pushSupported, removeDevice, setPreviews, subscribeThisDevice } from './push-client';
import type { SectionProps } from './sections';
import { TabNotice } from './TabNotice';

const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError || error instanceof Error ? error.message : fallback);

/** Notifications of new mail: from an open tab (this browser), and with no tab open (Web Push). */
export function NotificationsSection(props: SectionProps) {
  const t = useTranslations('settings.notifications');
    return (
    <div className="flex max-w-xl flex-col gap-6 text-sm">
      <TabNotice />
      <section aria-labelledby="push-notices" className="flex flex-col gap-2">
        <h3 id="push-notices" className="font-semibold">
          {t('noTabTitle')}
        </h3>
        <PushNotifications {...props} />
      </section>
    </div>
  );
}

/**
 * Notifications of new mail with no tab open (Web Push): this device on or off, whether it shows
 * the sender and subject, and every device of the user's that receives them.
 */
function PushNotifications({ username }: SectionProps) {
  const t = useTranslations('settings.notifications');
  const format = useFormat();
  const [config, setConfig] = useState<PushConfigDto | null>(null);
  const [devices, setDevices] = useState<PushDeviceDto[]>([]);
  const [thisId, setThisId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supported = pushSupported();

  const load = useCallback(() => {
    Promise.all([
      apiRequest<PushConfigDto>('/api/push/config'),
      apiRequest<{ devices: PushDeviceDto[] }>('/api/push/subscription'),
      currentSubscription()
        .then((subscription) => (subscription ? pushDeviceIdOf(subscription.endpoint) : null))
        .catch(() => null),
    ]).then(
      ([cfg, list, id]) => {
        setConfig(cfg);
        setDevices(list.devices);
        setThisId(id);
      },
      (e: unknown) => setError(messageOf(e, t('failed'))),
    );
  }, [t]);

  useEffect(() => {
    load();
  }, [load]);

  const mine = devices.find((d) => d.id === thisId) ?? null;

  async function run(work: () => Promise<PushDeviceDto[]>) {
    setBusy(true);
    setError(null);
    try {
      setDevices(await work());
      const subscription = await currentSubscription().catch(() => null);
      setThisId(subscription ? await pushDeviceIdOf(subscription.endpoint) : null);
    } catch (e) {
      setError(messageOf(e, t('failed')));
    } finally {
      setBusy(false);
    }
  }

  if (!config) return <p className="text-sm text-slate-500">{error ?? t('loading')}</p>;
  if (!config.enabled || !config.publicKey) {
    return <p className="max-w-xl text-sm">{t('notSetUp')}</p>;
  }
  const publicKey = config.publicKey;

  return (
    <div className="flex max-w-xl flex-col gap-4 text-sm">
      {!supported ? (
        <p>{t('unsupported')}</p>
      ) : (
        <fieldset className="flex flex-col gap-3" disabled={busy}>
          <label className="flex min-h-11 items-center gap-3">
            <input
              type="checkbox"
              role="switch"
              className="h-5 w-5"
              checked={!!mine}
              onChange={(e) => void run(() => (e.target.checked ? subscribeThisDevice(publicKey, false, username) : removeDevice(mine!.id, true)))}
            />
            {t('thisDevice')}
          </label>
          <label className="flex min-h-11 items-center gap-3">
            <input type="checkbox" role="switch" className="h-5 w-5" disabled={!mine} checked={!!mine?.previews} onChange={(e) => void run(() => setPreviews(e.target.checked, username))} />
            {t('previews')}
          </label>
          <p className="text-slate-600">
            {mine?.previews
              ? t('previewsOn')
              : t('previewsOff')}
          </p>
        </fieldset>
      )}
      <p role="alert" className="min-h-5 text-red-700">
        {error}
      </p>
      <p className="text-slate-600" data-testid="push-source">
        {config.source === 'idle'
          ? t('sourceIdle')
          : t('sourceServer')}
      </p>
      <section aria-labelledby="push-devices">
        <h3 id="push-devices" className="mb-2 font-semibold">
          {t('devices')}
        </h3>
        {devices.length === 0 ? (
          <p className="text-slate-600">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {devices.map((d) => (
              <li key={d.id} className="flex min-h-11 items-center justify-between gap-3 rounded border border-slate-200 bg-white px-3 py-2">
                <span>
                  <span className="font-medium">{d.label}</span>
                  {d.id === thisId && <span className="ms-2 text-slate-600">{t('thisDeviceMark')}</span>}
                  <span className="block text-xs text-slate-500">
                    {t('since', { date: format.listDate(new Date(d.createdAt).toISOString()) })} · {d.previews ? t('withPreviews') : t('withoutPreviews')}
                  </span>
                </span>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={d.id === thisId ? t('removeThis', { label: d.label }) : t('remove', { label: d.label })}
                  className="min-h-11 rounded px-3 text-sky-800 hover:bg-slate-100"
                  onClick={() => void run(() => removeDevice(d.id, d.id === thisId))}
                >
                  {t('removeButton')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
