import { randomBytes } from 'node:crypto';

/**
 * Corpus messages too big to keep in the repository, built when the test runs: 10,000 nested
 * multiparts (about 1 MB) and a 50 MB attachment (about 68 MB as sent).
 */
export interface GeneratedMessage {
  name: string;
  raw: Buffer;
}

function tenThousandNested(): Buffer {
  const depth = 10_000;
  const head = ['From: Nesting <nest@example.org>', 'Subject: Ten thousand nested parts', 'MIME-Version: 1.0'];
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    open.push(`Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`);
    close.push(`\r\n--n${i}--\r\n`);
  }
  const inner = 'Content-Type: text/plain\r\n\r\nThe innermost part.\r\n';
  return Buffer.from(`${head.join('\r\n')}\r\n${open.join('')}${inner}${close.reverse().join('')}`);
}

export const FIFTY_MB = 50 * 1024 * 1024;

function fiftyMegabytes(): Buffer {
  const data = randomBytes(FIFTY_MB).toString('base64').replace(/.{76}/g, '$&\r\n');
  const head = [
    'From: Big Files <big@example.org>',
    'Subject: A 50 MB attachment',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="big"',
    '',
    '--big',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The archive is attached.',
    '--big',
    'Content-Type: application/zip; name="archive.zip"',
    'Content-Disposition: attachment; filename="archive.zip"',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), Buffer.from(data), Buffer.from('\r\n--big--\r\n')]);
}

export function generatedCorpus(): GeneratedMessage[] {
  return [
    { name: 'generated: 10,000 nested parts', raw: tenThousandNested() },
    { name: 'generated: 50 MB attachment', raw: fiftyMegabytes() },
  ];
}
