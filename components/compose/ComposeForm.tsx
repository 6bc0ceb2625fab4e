'use client';

import { EditorContent } from '@tiptap/react';
import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RecipientInput } from '@/lib/address-input';
import { ApiError, apiRequest } from '@/lib/api-client';
import type { ComposeConfigDto, ComposeDraftDto, ComposeInput, SenderDto } from '@/lib/compose';
import { textToParagraphs } from '@/lib/plain-text';
import { sendProblem } from '@/lib/send-check';
import { AttachmentList } from './AttachmentList';
import type { ComposeOutcome, SendUndo } from './compose-request';
import { ComposeFooter } from './ComposeFooter';
import { FromLine } from './FromLine';
import { RecipientField } from './RecipientField';
import { useAttachments } from './use-attachments';
import { focusEditor, useComposeEditor } from './use-compose-editor';
import type { InitialCompose } from './use-compose-start';
import { useDraftAutosave } from './use-draft-autosave';
import { useFileDrop } from './use-file-drop';
import { useSend } from './use-send';
import { swapTextSignature, swapSignature, withSignature } from './signature';

interface Props {
  title: string;
  config: ComposeConfigDto;
  initial: InitialCompose;
  onClose: (outcome: ComposeOutcome) => void;
  onDraftSaved: (draftId: string) => void;
}

interface Fields {
  to: RecipientInput[];
  cc: RecipientInput[];
  bcc: RecipientInput[];
  subject: string;
  /** The sender chosen (SenderDto id): the account's address or an identity. */
  senderId: string;
  fromName: string;
  format: 'html' | 'text';
  /** The body while in plain-text mode (the editor holds it otherwise). */
  text: string;
}

// The server accepts only addresses; an invalid chip stays on screen but not in the draft.
const toAddresses = (list: RecipientInput[]) => list.filter((r) => r.valid).map(({ name, address }) => ({ name, address }));

/**
 * Who the compose starts from: a draft's or a reply's From (the address the original was sent
 * to, chosen by the server), when it is still one of the user's; else the default sender.
 */
function firstSender(config: ComposeConfigDto, initial: InitialCompose): SenderDto {
  const address = initial.from?.address.toLowerCase();
  const byDefault = config.senders.find((s) => s.id === config.defaultSenderId) ?? config.senders[0];
  return (address && config.senders.find((s) => s.address.toLowerCase() === address)) || byDefault;
}

/** The compose itself: fields, editor, attachments; autosaved as a draft, sent once. */
export function ComposeForm({ title, config, initial, onClose, onDraftSaved }: Props) {
  const t = useTranslations('compose');
  const [start] = useState(() => {
    const sender = firstSender(config, initial);
    // A draft has its signature (or the user took it out); anything else gets the sender's.
    const html = initial.draftId ? initial.html : withSignature(initial.html, sender, config.signaturePosition, Boolean(initial.original));
    return { sender, html, name: initial.draftId && initial.from ? initial.from.name : sender.name };
  });
  const [fields, setFields] = useState<Fields>(() => ({
    to: initial.to,
    cc: initial.cc,
    bcc: initial.bcc,
    subject: initial.subject,
    senderId: start.sender.id,
    fromName: start.name,
    format: initial.format,
    text: initial.text,
  }));
  // The fields as of now, for saves and sends started between renders.
  const current = useRef(fields);
  const [version, setVersion] = useState(0);
  const touch = useCallback(() => setVersion((v) => v + 1), []);
  const change = useCallback(
    (patch: Partial<Fields>) => {
      current.current = { ...current.current, ...patch };
      setFields(current.current);
      touch();
    },
    [touch],
  );
  const [showCc, setShowCc] = useState(initial.cc.length > 0);
  const [showBcc, setShowBcc] = useState(initial.bcc.length > 0);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const editor = useComposeEditor(start.html, initial.attachments, touch, t('body'));
  const attachments = useAttachments({ initial: initial.attachments, limit: config.maxAttachmentBytes, onChange: touch });
  const { refs, followDraft } = attachments;

  const buildInput = useCallback((): ComposeInput => {
    const f = current.current;
    const rich = f.format === 'html';
    return {
      composeId: initial.composeId,
      fromName: f.fromName.trim(),
      fromAddress: (config.senders.find((s) => s.id === f.senderId) ?? start.sender).address,
      to: toAddresses(f.to),
      cc: toAddresses(f.cc),
      bcc: toAddresses(f.bcc),
      subject: f.subject,
      format: f.format,
      html: rich && editor ? editor.getHTML() : '',
      text: rich ? (editor?.getText({ blockSeparator: '\n\n' }) ?? '') : f.text,
      inReplyTo: initial.inReplyTo,
      references: initial.references,
      original: initial.original,
      attachments: refs(),
    };
  }, [editor, initial, refs, config.senders, start.sender]);

  const afterSave = useCallback(
    async (draftId: string, previousId: string | undefined) => {
      onDraftSaved(draftId);
      // Parts of the replaced draft are gone with it: read them from the new one from now on.
      if (!previousId || !refs().some((r) => r.kind === 'part' && r.messageId === previousId)) return;
      followDraft(previousId, (await apiRequest<ComposeDraftDto>(`/api/drafts/${encodeURIComponent(draftId)}`)).attachments);
    },
    [onDraftSaved, refs, followDraft],
  );
  const autosave = useDraftAutosave({ version, buildInput, initialDraftId: initial.draftId, afterSave });

  const { release } = attachments;
  const send = useSend({
    buildInput,
    check: useCallback(
      () => sendProblem(current.current, attachments.uploading, { invalid: (address) => t('invalidAddress', { address }), noRecipient: t('noRecipient'), uploading: t('waitUploads') }),
      [attachments.uploading, t],
    ),
    stopSaving: autosave.stop,
    resumeSaving: autosave.resume,
    onSent: useCallback(
      (notice: ReactNode, warnings: string[], undo?: SendUndo) => {
        release();
        onClose({ kind: 'sent', notice, warnings, undo });
      },
      [release, onClose],
    ),
    undoSendSeconds: config.undoSendSeconds ?? 0,
  });

  useEffect(() => {
    // A reply starts in the body, above the quote; a new message in To.
    if (editor && initial.to.length) focusEditor(editor, true);
  }, [editor, initial.to.length]);

  async function close() {
    setClosing(true);
    setCloseError(null);
    try {
      await autosave.save();
      onClose({ kind: 'closed', savedDraft: Boolean(autosave.draftId()) });
    } catch (error) {
      setCloseError(t('notClosed', { reason: (error as Error).message }));
      setClosing(false);
    }
  }

  async function discard() {
    setClosing(true);
    const draftId = await autosave.stop();
    try {
      if (draftId) await apiRequest(`/api/drafts/${encodeURIComponent(draftId)}`, { method: 'DELETE' });
    } catch (error) {
      // Already gone (deleted elsewhere) is what Discard wanted.
      if (!(error instanceof ApiError && error.status === 404)) {
          setCloseError(t('notDiscarded', { reason: (error as Error).message }));
        autosave.resume();
        setClosing(false);
        return;
      }
    }
    release();
    onClose({ kind: 'discarded' });
  }

  /** Another From: its name, and its signature in place of the last one unless the user changed that. */
  function chooseSender(id: string) {
    const f = current.current;
    const previous = config.senders.find((s) => s.id === f.senderId);
    const next = config.senders.find((s) => s.id === id);
    if (!next || !editor) return;
    // The typed name follows the sender unless the user typed one of their own.
    const fromName = f.fromName.trim() === (previous?.name ?? '') ? next.name : f.fromName;
    if (f.format === 'html') {
      swapSignature(editor, previous, next);
      return change({ senderId: id, fromName });
    }
    const text = swapTextSignature(editor, f.text, previous, next, initial.original ? config.signaturePosition : 'below');
    change({ senderId: id, fromName, ...(text === null ? {} : { text }) });
  }

  function setFormat(format: 'html' | 'text') {
    if (!editor || format === current.current.format) return;
    if (format === 'text') return change({ format, text: editor.getText({ blockSeparator: '\n\n' }) });
    editor.commands.setContent(textToParagraphs(current.current.text), { emitUpdate: false });
    change({ format });
  }

  const drop = useFileDrop(attachments.add);
  const errors = [send.error, attachments.error, closeError].filter(Boolean);

  return (
    <div
      className="relative flex min-h-0 flex-1 flex-col"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send.send();
        else if (e.key === 'Escape' && !e.defaultPrevented && !closing && !send.sending) void close();
      }}
      {...drop.handlers}
    >
      <header className="flex items-center gap-2 bg-slate-800 px-4 py-2 text-sm text-white md:rounded-t-xl">
        <h2 className="min-w-0 flex-1 truncate font-semibold">{fields.subject || title}</h2>
        <button type="button" aria-label={t('saveAndClose')} title={t('saveAndClose')} disabled={closing || send.sending} onClick={() => void close()} className="rounded px-2 text-lg leading-none hover:bg-slate-700">
          ×
        </button>
      </header>
      <FromLine senders={config.senders} senderId={fields.senderId} name={fields.fromName} onName={(fromName) => change({ fromName })} onSender={chooseSender} />
      <RecipientField label="To" recipients={fields.to} onChange={(to) => change({ to })} autoFocus={!initial.to.length}>
        <div className="flex gap-1 pt-0.5 text-sm">
          {!showCc && (
            <button type="button" className="rounded px-1.5 text-slate-600 hover:bg-slate-100" onClick={() => setShowCc(true)}>
              Cc
            </button>
          )}
          {!showBcc && (
            <button type="button" className="rounded px-1.5 text-slate-600 hover:bg-slate-100" onClick={() => setShowBcc(true)}>
              Bcc
            </button>
          )}
        </div>
      </RecipientField>
      {showCc && <RecipientField label="Cc" recipients={fields.cc} onChange={(cc) => change({ cc })} />}
      {showBcc && <RecipientField label="Bcc" recipients={fields.bcc} onChange={(bcc) => change({ bcc })} />}
      <input
        aria-label={t('subject')}
        placeholder={t('subject')}
        value={fields.subject}
        maxLength={998}
        onChange={(e) => change({ subject: e.target.value })}
        className="border-b border-slate-100 px-4 py-2 text-sm outline-none"
      />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {/* Hidden, not unmounted, in plain-text mode: switching back keeps the editor's history. */}
        <EditorContent editor={editor} hidden={fields.format !== 'html'} />
        {fields.format === 'text' && (
          <textarea
            aria-label={t('body')}
            value={fields.text}
            onChange={(e) => change({ text: e.target.value })}
            className="h-full min-h-40 w-full resize-none px-4 py-3 font-mono text-sm outline-none"
          />
        )}
      </div>
      <AttachmentList items={attachments.items} onRemove={attachments.remove} />
      {errors.map((error) => (
        <p key={error} role="alert" className="mx-4 my-1 rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ))}
      <ComposeFooter
        editor={fields.format === 'html' ? editor : null}
        format={fields.format}
        onFormat={setFormat}
        sending={send.sending}
        uploading={attachments.uploading}
        disabled={closing}
        saveStatus={autosave.status}
        onSend={() => void send.send()}
        onSendAt={(at) => void send.send(at)}
        onAttach={attachments.add}
        onDiscard={() => void discard()}
      />
      {drop.dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-xl border-2 border-dashed border-sky-500 bg-sky-50/80 text-sm font-medium text-sky-900">
          {t('dropFiles')}
        </div>
      )}
    </div>
  );
}
