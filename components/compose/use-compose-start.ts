'use client';

import { useEffect, useState } from 'react';
import { toRecipientInputs, type RecipientInput } from '@/lib/address-input';
import { apiRequest } from '@/lib/api-client';
import type { ComposeConfigDto, ComposeDraftDto } from '@/lib/compose';
import { mailtoOfUrl, parseMailto } from '@/lib/mailto';
import { textToParagraphs } from '@/lib/plain-text';
import type { ComposeRequest } from './compose-request';

/** A compose as the form starts it: recipients already checked, body ready for the editor. */
export interface InitialCompose extends Omit<ComposeDraftDto, 'to' | 'cc' | 'bcc'> {
  to: RecipientInput[];
  cc: RecipientInput[];
  bcc: RecipientInput[];
}

type Start = { config: ComposeConfigDto; initial: InitialCompose } | { error: string } | null;

// The sender and the limit change only with the server's configuration: asked once per page.
let configRequest: Promise<ComposeConfigDto> | null = null;
function loadConfig(): Promise<ComposeConfigDto> {
  configRequest ??= apiRequest<ComposeConfigDto>('/api/compose/config').catch((error: unknown) => {
    configRequest = null;
    throw error;
  });
  return configRequest;
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
      : `/api/messages/${encodeURIComponent(request.id)}/compose?mode=${request.mode}`;
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
