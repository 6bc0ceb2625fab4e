import 'server-only';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { ImapResponse } from 'imapflow/lib/handler/types.js';
import { formatMessageResponse } from 'imapflow/lib/tools.js';
import { breakIdle } from './notify';

/**
 * What opening a message asks of one UID, in one command: FLAGS, ENVELOPE, INTERNALDATE,
 * BODYSTRUCTURE, one byte of its header at `headerByteAt` (an answer means the header is that
 * big) and the header fields `fields` (List-Unsubscribe). imapflow files every HEADER section,
 * partial or HEADER.FIELDS, under the one `headers` key, so fetchOne() cannot ask for both and
 * they were two FETCHes, the second sent when the first's answer had been read. Here the command
 * goes through exec(), which fetch() is built on; the HEADER.FIELDS section is taken out of each
 * reply and the rest is read by imapflow's own formatMessageResponse (the message object is the
 * one fetchOne() makes):
 *
 *   C: 12 UID FETCH 7 (UID FLAGS BODYSTRUCTURE ENVELOPE INTERNALDATE MODSEQ BODY.PEEK[HEADER]<262144.1>
 *         BODY.PEEK[HEADER.FIELDS (list-unsubscribe list-unsubscribe-post)])
 *   S: * 3 FETCH (UID 7 FLAGS (\Seen) ... BODY[HEADER]<262144> "" BODY[HEADER.FIELDS (LIST-UNSUBSCRIBE
 *         LIST-UNSUBSCRIBE-POST)] {64}
 *      List-Unsubscribe: <https://example.com/u>
 *      ...)
 *
 * With `section` (the part a first open shows, known from the list's BODYSTRUCTURE: rows/row-cache.ts),
 * that body section comes in the same command too, whole and as stored (`BODY.PEEK[2]`, no
 * partial: the list only plans parts within the display bound), so a first open is one round
 * trip; it is taken out of the reply as `body`.
 *
 * Every reply for the UID is returned (a flag change may follow the answer): none when the
 * connection has not heard of the message. Dovecot answers one expunged since the connection's
 * last sync from its index, with its sections NIL (imapflow makes them `false`; `fields` is then
 * undefined).
 */
export interface OpenFetched {
  message: FetchMessageObject;
  fields: Buffer | undefined;
  /** The bytes of `section`, as stored; undefined when not asked or NIL. */
  body: Buffer | undefined;
}

interface ExecClient {
  exec(command: string, attributes: unknown[], options?: { untagged?: Record<string, (untagged: ImapResponse) => Promise<void>> }): Promise<{ next(): void }>;
  idHashAlgorithm?: string;
}

interface Attribute {
  type?: string;
  value?: unknown;
  section?: Attribute[];
}

const atom = (value: string) => ({ type: 'ATOM', value });

/** Whether a reply's item key is `BODY[<section>...]` (the section's first word, any case). */
const isSection = (key: Attribute | undefined, section: string) =>
  key?.type === 'ATOM' && String(key.value).toUpperCase() === 'BODY' && String(key.section?.[0]?.value ?? '').toUpperCase() === section.toUpperCase();

/**
 * A body section's bytes, taken out of the reply's items: imapflow would file HEADER.FIELDS under
 * `headers` (with the header's byte), and a body part under `bodyParts`, where it is not needed.
 */
function takeSection(untagged: ImapResponse, section: string): Buffer | undefined {
  const items = untagged.attributes?.[1] as unknown;
  if (!Array.isArray(items)) return undefined;
  for (let i = 0; i + 1 < items.length; i += 2) {
    if (!isSection(items[i] as Attribute, section)) continue;
    const value = (items[i + 1] as Attribute | null)?.value;
    items.splice(i, 2);
    return Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value) : undefined;
  }
  return undefined;
}

export async function fetchOpen(
  client: ImapFlow,
  uid: number,
  { headerByteAt, fields, section }: { headerByteAt: number; fields: readonly string[]; section?: string },
): Promise<OpenFetched[]> {
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error('FETCH needs a selected mailbox');
  const modseq = client.enabled.has('CONDSTORE') && !mailbox.noModseq;
  const items = [
    ...['UID', 'FLAGS', 'BODYSTRUCTURE', 'ENVELOPE', 'INTERNALDATE', ...(modseq ? ['MODSEQ'] : [])].map(atom),
    { type: 'ATOM', value: 'BODY.PEEK', section: [atom('HEADER')], partial: [headerByteAt, 1] },
    { type: 'ATOM', value: 'BODY.PEEK', section: [atom('HEADER.FIELDS'), fields.map(atom)] },
    ...(section ? [{ type: 'ATOM', value: 'BODY.PEEK', section: [atom(section)] }] : []),
  ];
  const exec = client as unknown as ExecClient;
  const answers: OpenFetched[] = [];
  await breakIdle(client);
  const response = await exec.exec('UID FETCH', [{ type: 'SEQUENCE', value: String(uid) }, items], {
    untagged: {
      FETCH: async (untagged) => {
        const taken = takeSection(untagged, 'HEADER.FIELDS');
        const body = section ? takeSection(untagged, section) : undefined;
        const message: FetchMessageObject = await formatMessageResponse(untagged, mailbox, exec.idHashAlgorithm, client);
        if (message.uid === uid) answers.push({ message, fields: taken, body });
      },
    },
  });
  response.next();
  return answers;
}
