'use client';

import { useTranslations } from '@/lib/i18n/client';
import type { SenderDto } from '@/lib/compose';

/**
 * "From: [name] [address]": the name is the user's to type for this message (their display name,
 * or the identity's, to begin with); the address is the account's or an identity's, picked from
 * the list when there is more than one.
 */
export function FromLine({
  senders,
  senderId,
  name,
  onName,
  onSender,
}: {
  senders: SenderDto[];
  senderId: string;
  name: string;
  onName: (name: string) => void;
  onSender: (id: string) => void;
}) {
  const t = useTranslations('compose');
  const sender = senders.find((s) => s.id === senderId) ?? senders[0];
  return (
    <div className="flex items-center gap-2 border-b border-slate-100 px-4 py-1.5 text-sm">
      <span className="w-10 shrink-0 text-slate-500">{t('from')}</span>
      <input
        aria-label={t('yourName')}
        placeholder={t('yourName')}
        value={name}
        maxLength={200}
        onChange={(e) => onName(e.target.value)}
        className="min-w-0 flex-1 rounded px-1 py-0.5 outline-none hover:bg-slate-50 focus:bg-slate-50 sm:max-w-48"
      />
      {senders.length > 1 ? (
        <select
          aria-label={t('fromAddress')}
          data-testid="from-address"
          value={sender.id}
          onChange={(e) => onSender(e.target.value)}
          className="min-w-0 flex-1 truncate rounded bg-transparent px-1 py-0.5 text-slate-600 hover:bg-slate-50"
        >
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name ? `${s.name} <${s.address}>` : s.address}
            </option>
          ))}
        </select>
      ) : (
        <span className="truncate text-slate-600" data-testid="from-address">
          &lt;{sender.address}&gt;
        </span>
      )}
    </div>
  );
}
