import 'server-only';
import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import type { MessageRef } from '@/lib/message-id';
import type { MessageBodyDto, MessageDto, UnsubscribeDto } from '@/lib/types';
import type { Session } from '../session/session';
import { AppError } from '../errors';
import { parseMessageIdOrThrow, withMessageFolder } from './access/message-access';
import { flagsDto, toMessageDto } from './dto/mappers';
import { sanitizeWithinBudget } from './html/sanitize-pool';
import { imageProxyKey } from './image-proxy';
import { cachedMessage, rememberMessage } from './message-cache';
import { isImageSenderAllowed } from './image-senders';
import { complexityProblem, MAX_DISPLAY_BYTES, MAX_HEADER_BYTES, SANITIZE_BUDGET_MS } from './mime/bounds';
import { bodySection, decodeShownPart, downloadBodyPart } from './mime/read-part';
import { knownRows } from './rows/row-cache';
import { contentIdParts, findBodyPart, findPart, listAttachments } from './mime/structure';
import { fetchOpen } from '../imap/commands/fetch-open';
import { UNSUBSCRIBE_FIELDS, unsubscribeFrom } from './unsubscribe';

const tooComplex = (reason: string): MessageBodyDto => ({ kind: 'too_complex', reason });

// The header's byte just past the bound, in the same FETCH: an answer means the header is too big.
const OPEN_QUERY = { headerByteAt: MAX_HEADER_BYTES, fields: UNSUBSCRIBE_FIELDS };

/*
 * A re-open is this one UID FETCH, without the NOOP other requests send first (withMailbox's
 * catchUp: false): the message was opened on this connection before (or the connection is new
 * and its SELECT saw everything), so it is in the connection's view, and the server sends what
 * changed meanwhile with the answer. It asks FLAGS and one byte of the body. The byte makes the
 * server read the message itself, not only its index:
 * - a message expunged by another client since this connection's last sync is still answered
 *   by Dovecot, from its index, with the body NIL (`* 2 FETCH (UID 2 FLAGS (\Deleted) BODY[TEXT]<0>
 *   NIL)`, then VANISHED and `OK [EXPUNGEISSUED]`): no byte is gone (reopenedFlags);
 * - Dovecot answers FLAGS of a folder deleted and made again under the selected connection from
 *   the old index (NOOP says only "NO Internal error"), and notices the deletion only when it
 *   reads a message ("BYE Mailbox was deleted under us"): the pool then connects again, selects
 *   the new folder and its new UIDVALIDITY answers 404.
 * Flags changed by another client are in the answer (Dovecot reads them afresh, and sends them
 * again as an update after it; the last answer is taken).
 */
const REOPEN_QUERY = { uid: true, flags: true, bodyParts: [{ key: 'TEXT', start: 0, maxLength: 1 }] };

/**
 * A first open's FETCH with its List-Unsubscribe fields in the same command (imapflow would file
 * both HEADER sections under one key: imap/commands/fetch-open.ts), without a NOOP before
 * (withMailbox's catchUp: false; the server sends what changed with the answer). A message this connection has not been told about
 * (delivered since its last sync, listed through another connection) gets no answer: the
 * connection catches up (NOOP) and asks again, and a message gone for good answers 404 then. One
 * expunged since the last sync is answered by Dovecot from its index with its sections NIL
 * (`BODY[HEADER]<262144> NIL`; an existing header's byte past 256 KB is an empty string): 404.
 */
async function fetchToOpen(client: ImapFlow, uid: number, section: string | undefined): Promise<[FetchMessageObject, UnsubscribeDto | undefined, Planned | undefined]> {
  const answers = await askCaughtUp(client, () => fetchOpen(client, uid, { ...OPEN_QUERY, section }), (found) => found.length > 0);
  // The answer with the sections (a flag change the server sends after it has none).
  const answer = answers.find((a) => a.message.headers !== undefined);
  if (!answer || !Buffer.isBuffer(answer.message.headers)) throw new AppError('not_found', { key: 'messageDoesNotExist' });
  // Flags changed by another client come again after the answer: the last word is taken.
  const flags = answers.at(-1)!.message.flags ?? answer.message.flags;
  const planned = section && answer.body ? { section, raw: answer.body } : undefined;
  return [{ ...answer.message, flags }, unsubscribeFrom(answer.fields), planned];
}

/** The shown part's section as the list planned it, and its bytes as stored, fetched with the open. */
interface Planned {
  section: string;
  raw: Buffer;
}

/** The flags of a re-opened message (REOPEN_QUERY), or 404 when it is gone: no answer even after a NOOP, or its byte NIL. */
async function reopenedFlags(client: ImapFlow, uid: number): Promise<FetchMessageObject['flags']> {
  const ask = async () => (await client.fetchAll(String(uid), REOPEN_QUERY, { uid: true })).filter((m) => m.uid === uid);
  const answers = await askCaughtUp(client, ask, (found) => found.length > 0);
  // imapflow makes a NIL section `false`; an empty body is an empty Buffer.
  const read = answers.some((m) => Buffer.isBuffer(m.bodyParts?.get('text')));
  if (!read) throw new AppError('not_found', { key: 'messageDoesNotExist' });
  return answers.at(-1)!.flags;
}

/**
 * `ask`, and once more after a NOOP when its answer has not `answered`: a message this connection
 * has not been told about (delivered since its last sync) gets no answer until it catches up.
 */
async function askCaughtUp<T>(client: ImapFlow, ask: () => Promise<T>, answered: (answer: T) => boolean): Promise<T> {
  const answer = await ask();
  if (answered(answer)) return answer;
  await client.noop();
  return ask();
}

interface HtmlSource {
  text: string;
  /** Content-ID -> Wren's URL of that inline part. */
  cidUrls: Record<string, string>;
}

/**
 * Headers, the one body part to show (chosen from BODYSTRUCTURE, decoded to UTF-8 by imapflow)
 * and the attachment list. Never fetches the whole message. A message this session opened
 * before comes from the cache of shown messages (message-cache.ts) with its flags read again:
 * no body FETCH, no sanitizer.
 *
 * `dropped` is the request's signal: a message its client no longer wants (one fetched ahead and
 * then passed over, components/message/prefetch.ts) is not read while the user's next request
 * waits behind it, if the client left before its turn came.
 */
export async function getMessage(session: Session, id: string, dropped?: AbortSignal): Promise<MessageDto> {
  const named = parseMessageIdOrThrow(id);
  const cached = cachedMessage(session, named.path, named.uidValidity, named.uid);
  // HTML is made safe after the mailbox is let go: the session's other requests need not wait
  // for the sanitizer (up to its 2 s budget).
  const opened = await withMessageFolder(session, id, async (client, mailbox, ref): Promise<Opened> => {
    if (cached) {
      // The sender's image setting is asked right behind (imapflow sends commands one after another).
      const imagesAlways = hasRemoteContent(cached.message.body) ? askImagesAlways(session, cached.message.from[0]?.address) : null;
      // Still there (404 when expunged), with the flags of now.
      const flags = await reopenedFlags(client, ref.uid);
      return { message: { ...cached.message, ...flagsDto(flags) }, html: null, part: cached.part, cached: true, ref, imagesAlways };
    }
    // The part the list planned for this message (rows/row-cache.ts) comes with the open's own
    // FETCH: one round trip. A message not listed by this user before (a link, a search not yet
    // shown) reads its part after, as before.
    const section = knownRows(session.username, ref.path, mailbox.uidValidity)?.get(ref.uid)?.shown;
    const [msg, unsubscribe, planned] = await fetchToOpen(client, ref.uid, section);
    const shown = await readShown(client, id, ref, msg, planned);
    shown.message.unsubscribe = unsubscribe;
    // Whether the sender's images are always shown is asked while the sanitizer works, when the
    // HTML looks like it loads something remote (the sanitizer says for sure; asked after if missed).
    const imagesAlways = shown.html && MAY_LOAD_REMOTE.test(shown.html.text) ? askImagesAlways(session, shown.message.from[0]?.address) : null;
    return { ...shown, cached: false, ref, imagesAlways };
  }, { catchUp: false, dropped });
  const { message, html, ref } = opened;
  if (html) {
    const body = await renderHtml(session, html);
    message.body = body;
    // Past the budget is not kept: on a busy machine the same message may make it next time.
    if (body.kind === 'html') rememberMessage(session, ref.path, ref.uidValidity, ref.uid, message, opened.part);
  } else if (!opened.cached) rememberMessage(session, ref.path, ref.uidValidity, ref.uid, message, opened.part);
  if (message.body.kind === 'html' && message.body.hasRemoteContent) {
    const always = await (opened.imagesAlways ?? isImageSenderAllowed(session, message.from[0]?.address));
    message.body = { ...message.body, imagesAlways: always };
  }
  return message;
}

/** What in raw HTML may load from elsewhere: an attribute or a CSS url() with a remote URL. */
const MAY_LOAD_REMOTE = /(?:src|background|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(/i;

const hasRemoteContent = (body: MessageBodyDto) => body.kind === 'html' && body.hasRemoteContent;

/** isImageSenderAllowed, started ahead; a failure surfaces only where it is awaited. */
function askImagesAlways(session: Session, sender: string | undefined): Promise<boolean> {
  const asked = isImageSenderAllowed(session, sender);
  asked.catch(() => {});
  return asked;
}

interface Opened {
  message: MessageDto;
  html: HtmlSource | null;
  part: string | null;
  cached: boolean;
  ref: MessageRef;
  /** Asked ahead, when the body may load remote content. */
  imagesAlways: Promise<boolean> | null;
}

/** The DTO of a message fetched with OPEN_QUERY: its shown part read, HTML not yet made safe. */
async function readShown(client: ImapFlow, id: string, ref: MessageRef, msg: FetchMessageObject, planned?: Planned): Promise<Pick<Opened, 'message' | 'html' | 'part'>> {
  const structure = msg.bodyStructure;
  // imapflow files any HEADER section (partial too) under `headers`.
  const headerTooBig = (msg.headers?.length ?? 0) > 0;
  // No BODYSTRUCTURE at all: imapflow could not parse it (Dovecot cuts nesting at 100 levels and
  // the answer past that is beyond imapflow's parser): as hostile as too deep.
  const problem = headerTooBig ? 'its header is larger than 256 KB' : structure ? complexityProblem(structure) : 'its structure cannot be read';
  const shown = structure && !problem ? findBodyPart(structure) : null;
  let body: MessageBodyDto = problem ? tooComplex(problem) : { kind: 'none' };
  let html: HtmlSource | null = null;
  const shownNode = shown ? findPart(structure!, shown.part) : null;
  if (shown && (shownNode?.size ?? 0) > MAX_DISPLAY_BYTES) body = tooComplex('its text is larger than 5 MB');
  else if (shown) {
    const text = (await readShownPart(client, ref.uid, structure!, shown.part, shownNode, planned)).toString('utf8');
    if (shown.type === 'text/html') {
      const cidUrls: Record<string, string> = {};
      for (const [cid, part] of contentIdParts(structure!)) cidUrls[cid] = `/api/messages/${encodeURIComponent(id)}/attachments/${part}?inline=1`;
      html = { text, cidUrls };
    } else {
      body = { kind: 'text', text };
    }
  }
  const attachments = structure && !problem ? listAttachments(structure, shown?.part ?? null) : [];
  const message = toMessageDto(id, ref.path, msg, body, attachments);
  return { message, html, part: shown?.part ?? null };
}

/**
 * The shown part decoded to UTF-8: from the bytes fetched with the open when they are that part
 * (the list's plan agrees with the BODYSTRUCTURE just fetched), else downloaded through imapflow.
 */
async function readShownPart(
  client: ImapFlow,
  uid: number,
  structure: MessageStructureObject,
  part: string,
  node: MessageStructureObject | null,
  planned: Planned | undefined,
): Promise<Buffer> {
  if (planned && node && planned.section === bodySection(structure, part)) {
    try {
      return await decodeShownPart(planned.raw, node, MAX_DISPLAY_BYTES);
    } catch {
      // a decoder that failed on these bytes: imapflow's download decides, as without the plan
    }
  }
  return downloadBodyPart(client, uid, structure, part, { maxBytes: MAX_DISPLAY_BYTES });
}

/** Mail HTML made safe on a sanitizer thread, or "too complex" past its budget; `imagesAlways` is set by the caller. */
async function renderHtml(session: Session, html: HtmlSource): Promise<MessageBodyDto> {
  const outcome = await sanitizeWithinBudget({ kind: 'display', html: html.text, cidUrls: html.cidUrls, proxyKey: imageProxyKey(session) }, SANITIZE_BUDGET_MS);
  if (outcome.kind === 'over_budget') return tooComplex('its HTML takes too long to make safe');
  return { kind: 'html', ...outcome.result, imagesAlways: false };
}
