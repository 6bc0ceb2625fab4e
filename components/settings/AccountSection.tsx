'use client';

import { QuotaMeter } from '@/components/folders/QuotaMeter';
import type { SectionProps } from './sections';

/** Who is signed in, where the settings are kept, and how full the mailbox is. */
export function AccountSection({ username, storage }: SectionProps) {
  return (
    <div className="flex max-w-xl flex-col gap-4 text-sm">
      <p>
        Signed in as <strong>{username}</strong>.
      </p>
      <p data-testid="settings-storage">
        {storage === 'imap-metadata'
          ? 'Your settings are kept on your mail server, so every device you sign in from sees them.'
          : 'Your mail server cannot keep settings (it lacks IMAP METADATA), so Wren keeps them for you. They follow you to every device, but only as long as Wren’s store keeps them.'}
      </p>
      <div className="flex max-w-xs flex-col">
        <QuotaMeter refreshKey={null} />
      </div>
    </div>
  );
}
