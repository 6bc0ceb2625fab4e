import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the seed fixtures contain, decoded: the expectations of the mail tests. */
export interface FixtureAttachment {
  part: string;
  filename: string;
  contentType: string;
  disposition: string;
  size: number;
  sha256: string;
  contentId?: string;
}

export interface FixtureMessage {
  folder: string;
  file: string;
  uid: number;
  date: string;
  subject: string;
  from: { name: string; address: string };
  flags: string[];
  charset?: string;
  textContains: string[];
  htmlContains?: string[];
  attachments: FixtureAttachment[];
  hostile?: { pwnedGlobal: string; remoteUrls: string[]; links: Array<{ text: string; href: string }> };
}

export interface Manifest {
  folders: Record<string, number>;
  messages: FixtureMessage[];
}

export const manifest: Manifest = JSON.parse(readFileSync(join(process.cwd(), 'e2e/seed/manifest.json'), 'utf8'));

export function fixture(folder: string, subject: string): FixtureMessage {
  const found = manifest.messages.find((m) => m.folder === folder && m.subject === subject);
  if (!found) throw new Error(`no fixture "${subject}" in ${folder}`);
  return found;
}
