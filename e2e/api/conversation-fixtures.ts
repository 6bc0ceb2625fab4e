import type { ImapFlow } from 'imapflow';

/**
 * A conversation spread over INBOX, Sent and Archive (#21), appended by the conversation tests:
 * Ann writes, the user answers (Sent), Bob answers (Archive), Ann answers twice more (INBOX).
 * In INBOX besides: a message on another subject, and one with the same subject that replies to
 * nothing (never grouped by subject).
 */
export interface Piece {
  folder: 'inbox' | 'sent' | 'archive';
  subject: string;
  from: string;
  id: string;
  parents: string[];
  day: number;
  flags?: string[];
}

export function conversationPieces(tag: string, user: string): Piece[] {
  const id = (n: string) => `<${tag}-${n}@conv.test>`;
  const a = id('a'), b = id('b'), d = id('d'), c = id('c');
  return [
    { folder: 'inbox', subject: `Offsite ${tag}`, from: 'Ann Root <ann@conv.test>', id: a, parents: [], day: 1 },
    { folder: 'inbox', subject: `Lunch ${tag}`, from: 'Zed Other <zed@conv.test>', id: id('x'), parents: [], day: 2, flags: ['\\Seen'] },
    { folder: 'sent', subject: `Re: Offsite ${tag}`, from: `${user} <${user}@example.com>`, id: b, parents: [a], day: 3, flags: ['\\Seen'] },
    { folder: 'archive', subject: `Re: Offsite ${tag}`, from: 'Bob Two <bob@conv.test>', id: d, parents: [a, b], day: 4, flags: ['\\Seen'] },
    { folder: 'inbox', subject: `Re: Offsite ${tag}`, from: 'Ann Root <ann@conv.test>', id: c, parents: [a, b], day: 5, flags: ['\\Seen', '\\Flagged'] },
    { folder: 'inbox', subject: `Re: Offsite ${tag}`, from: 'Cat Three <cat@conv.test>', id: id('s'), parents: [], day: 6, flags: ['\\Seen'] },
    { folder: 'inbox', subject: `Re: Offsite ${tag}`, from: 'Ann Root <ann@conv.test>', id: id('e'), parents: [a, b, c], day: 7 },
  ];
}

export function rawMessage(p: Piece, user: string): string {
  const date = new Date(Date.UTC(2025, 2, p.day, 9)).toUTCString();
  const headers = [`From: ${p.from}`, `To: ${user}@example.com`, `Subject: ${p.subject}`, `Date: ${date}`, `Message-ID: ${p.id}`];
  if (p.parents.length) headers.push(`In-Reply-To: ${p.parents[p.parents.length - 1]}`, `References: ${p.parents.join(' ')}`);
  return `${headers.join('\r\n')}\r\n\r\n${p.subject}, day ${p.day}.\r\n`;
}

/** Appends the pieces in order (arrival order = day order) to the user's folders by role; returns the folders' paths. */
export async function appendConversation(client: ImapFlow, pieces: Piece[], user: string, paths: Record<Piece['folder'], string>) {
  for (const p of pieces) await client.append(paths[p.folder], rawMessage(p, user), p.flags ?? [], new Date(Date.UTC(2025, 2, p.day, 9)));
}
