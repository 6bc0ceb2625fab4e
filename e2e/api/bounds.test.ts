import { beforeAll, describe, expect, it } from 'vitest';
import * as sessionRoute from '@/app/api/session/route';
import * as messageRoute from '@/app/api/messages/[id]/route';
import * as rawRoute from '@/app/api/messages/[id]/raw/route';
import type { MessageDto } from '@/lib/types';
import { FIFTY_MB, generatedCorpus } from '../corpus/generated';
import * as attachmentRoute from '@/app/api/messages/[id]/attachments/[part]/route';
import { appendAs } from '../support/dovecot';
import { call, cookieFrom } from './call';

// counter's INBOX (nobody counts it) gets messages past Wren's bounds.

let cookie: string;
beforeAll(async () => {
  cookie = cookieFrom(await call(sessionRoute.POST, '/api/session', { method: 'POST', body: { username: 'counter', password: 'secret' } }));
});

function store(raw: string | Buffer): Promise<string> {
  return appendAs('counter', 'INBOX', raw);
}

const open = async (id: string): Promise<MessageDto> => (await call(messageRoute.GET, `/api/messages/${id}`, { cookie, params: { id } })).json();

describe('messages past the bounds', () => {
  it('1,100 parts: "too complex to display", no attachment list, and the raw message downloads as sent', async () => {
    const raw = `Subject: Many parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('')}--b--\r\n`;
    const id = await store(raw);
    const message = await open(id);
    expect(message.body).toEqual({ kind: 'too_complex', reason: 'it has more than 1000 parts' });
    expect(message.attachments).toEqual([]);
    const download = await call(rawRoute.GET, `/api/messages/${id}/raw`, { cookie, params: { id } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Many parts.eml"/);
    expect((await download.text()).replace(/\r\n/g, '\n')).toBe(raw.replace(/\r\n/g, '\n'));
  });

  it('a text body over 5 MB is not displayed', async () => {
    const id = await store(`Subject: Huge text\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(76) + '\r\n'}`.repeat(1) + `${('y'.repeat(76) + '\r\n').repeat(70_000)}`);
    const message = await open(id);
    expect(message.body).toEqual({ kind: 'too_complex', reason: 'its text is larger than 5 MB' });
  });

  it('a header over 256 KB is "too complex"; one just under it is shown', async () => {
    const header = (bytes: number) => Array.from({ length: Math.ceil(bytes / 80) }, (_, i) => `X-Filler-${i}: ${'h'.repeat(60)}\r\n`).join('');
    const big = await open(await store(`Subject: Huge header\r\n${header(300 * 1024)}Content-Type: text/plain\r\n\r\nbody\r\n`));
    expect(big.body).toEqual({ kind: 'too_complex', reason: 'its header is larger than 256 KB' });
    expect(big.subject).toBe('Huge header');
    const fine = await open(await store(`Subject: Big header\r\n${header(200 * 1024)}Content-Type: text/plain\r\n\r\nstill shown\r\n`));
    expect(fine.body).toEqual({ kind: 'text', text: 'still shown\r\n' });
  });

  it('10,000 nested parts and a 50 MB attachment: each opens quickly; the attachment streams whole, the nesting is "too complex"', async () => {
    const [nested, big] = generatedCorpus();
    const nestedId = await store(nested.raw);
    let started = performance.now();
    const deep = await open(nestedId);
    expect(performance.now() - started).toBeLessThan(5000);
    // Dovecot cuts the nesting at 100 levels; what it answers past that imapflow cannot parse.
    expect(deep.body).toEqual({ kind: 'too_complex', reason: 'its structure cannot be read' });

    const bigId = await store(big.raw);
    started = performance.now();
    const message = await open(bigId);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(message.body).toEqual({ kind: 'text', text: 'The archive is attached.' });
    expect(message.attachments.map((a) => a.filename)).toEqual(['archive.zip']);
    const part = message.attachments[0].part;
    const res = await call(attachmentRoute.GET, `/api/messages/${bigId}/attachments/${part}`, { cookie, params: { id: bigId, part } });
    expect(res.status).toBe(200);
    let bytes = 0;
    const reader = res.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.length;
    expect(bytes).toBe(FIFTY_MB);
  });
});

describe('an attachment the server will not decode', () => {
  it('an unknown Content-Transfer-Encoding (Dovecot refuses FETCH BINARY): downloads as sent', async () => {
    const id = await store(
      'Subject: Odd encoding\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n' +
        '--b\r\nContent-Type: application/octet-stream; name="odd.bin"\r\nContent-Disposition: attachment; filename="odd.bin"\r\nContent-Transfer-Encoding: x-made-up\r\n\r\nRAW BYTES AS SENT\r\n--b--\r\n',
    );
    const res = await call(attachmentRoute.GET, `/api/messages/${id}/attachments/2`, { cookie, params: { id, part: '2' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('RAW BYTES AS SENT');
  });
});
