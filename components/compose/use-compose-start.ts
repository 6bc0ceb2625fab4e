'use client';

import { useEffect, useState } from 'react';
import { toRecipientInputs, type RecipientInput } from '@/lib/address-input';
import { apiRequest } from '@/lib/api-client';
import type { ComposeConfigDto, ComposeDraftDto } from '@/lib/compose';
import { mailtoOfUrl, parseMailto } from '@/lib/mailto';
import { textToParagraphs } from '@/lib/plain-text';
import type { ComposeRequest } from './compose-request';
import { withLegacyDisplayName } from './display-name';

/** A compose as the form starts it: recipients already checked, body ready for the editor. */
export interface InitialCompose extends Omit<ComposeDraftDto, 'to' | 'cc' | 'bcc'> {
  to: RecipientInput[];
  cc: RecipientInput[];
  bcc: RecipientInput[];
}

type Start = { config: ComposeConfigDto; initial: InitialCompose } | { error: string } | null;

// Asked at every open, beside the compose itself: the identities may have changed in Settings.
function loadConfig(): Promise<ComposeConfigDto> {
  return apiRequest<ComposeConfigDto>('/api/compose/config').then(withLegacyDisplayName);
}

function emptyCompose(request: Extract<ComposeRequest, { kind: 'new' }>): InitialCompose {
  // A link clicked in a message comes with the request; one another program handed to Wren (the
  // mailto: protocol handler) is in the URL the mail view was opened with. Read here, not in the
  // mail view, which the composer's code stays out of.
  const mailto = request.mailto ?? mailtoOfUrl(new URLSearchParams(window.location.search));
  const prefill = mailto ? parseMailto(mailto) : null;
  return {
    composeId: crypto.randomUUID(),
    to: prefill?.to ?? [],
    cc: prefill?.cc ?? [],
    bcc: prefill?.bcc ?? [],
    subject: prefill?.subject ?? '',
    format: 'html',
    html: prefill?.body ? textToParagraphs(prefill.body) : '',
    text: '',
    references: [],
    attachments: [],
  };
}

function loadCompose(request: ComposeRequest): Promise<InitialCompose> {
  if (request.kind === 'new') return Promise.resolve(emptyCompose(request));
  const path =
    request.kind === 'draft'
      ? `/api/drafts/${encodeURIComponent(request.id)}`
      : `/api/messages/${encodeURIComponent(request.id)}/compose?mode=${request.mode}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`;
  return apiRequest<ComposeDraftDto>(path).then((draft) => ({
    ...draft,
    to: toRecipientInputs(draft.to),
    cc: toRecipientInputs(draft.cc),
    bcc: toRecipientInputs(draft.bcc),
  }));
}

/** Loads what the composer needs before the form can show: the sender and the compose itself. */
export function useComposeStart(request: ComposeRequest): Start {
  const [start, setStart] = useState<Start>(null);
  useEffect(() => {
    let live = true;
    Promise.all([loadConfig(), loadCompose(request)]).then(
      ([config, initial]) => live && setStart({ config, initial }),
      (error: Error) => live && setStart({ error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [request]);
  return start;
}
