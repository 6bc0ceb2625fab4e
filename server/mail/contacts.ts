import 'server-only';
import type { AddressDto } from '@/lib/types';
import { withMailbox } from '../imap/pool';
import { processGlobal } from '../process-global';
import type { Session } from '../session/session';
import { onSignOut } from '../session/sign-out';
import { toAddressList } from './dto/mappers';
import { senderAddress } from '../session/sender';
import { specialFolderPath } from './access/special-folders';

/**
 * Addresses for the composer's autocomplete: the people the user wrote to (Sent: To, Cc) and
 * heard from (INBOX: From), from the newest envelopes of each, kept per user for ten minutes.
 */

const SCAN = 500;
const TTL_MS = 10 * 60_000;
const MAX_RESULTS = 8;

interface Book {
  at: number;
  contacts: Promise<AddressDto[]>;
}

const books = () => processGlobal('contacts', () => new Map<string, Book>());

async function newestEnvelopes(session: Session, path: string) {
  return withMailbox(session, path, async (client, mailbox) => {
    if (!mailbox.exists) return [];
    const from = Math.max(1, mailbox.exists - SCAN + 1);
    return client.fetchAll(`${from}:*`, { envelope: true });
  });
}

async function collect(session: Session): Promise<AddressDto[]> {
  const self = senderAddress(session).toLowerCase();
  const seen = new Map<string, AddressDto & { weight: number }>();
  const add = (list: AddressDto[], weight: number) => {
    for (const a of list) {
      const key = a.address.toLowerCase();
      if (!key || key === self) continue;
      const known = seen.get(key);
      if (known) {
        known.weight += weight;
        if (!known.name && a.name) known.name = a.name;
      } else seen.set(key, { ...a, weight });
    }
  };
  const sent = await specialFolderPath(session, 'sent');
  // Someone written to counts more than someone heard from.
  if (sent) for (const m of await newestEnvelopes(session, sent)) add([...toAddressList(m.envelope?.to), ...toAddressList(m.envelope?.cc)], 3);
  for (const m of await newestEnvelopes(session, 'INBOX')) add(toAddressList(m.envelope?.from), 1);
  return [...seen.values()].sort((a, b) => b.weight - a.weight).map(({ name, address }) => ({ name, address }));
}

/** Contacts whose name or address contains `q` (case-insensitive), most used first. */
export async function findContacts(session: Session, q: string): Promise<AddressDto[]> {
  const all = books();
  let book = all.get(session.username);
  if (!book || Date.now() - book.at > TTL_MS) {
    book = { at: Date.now(), contacts: collect(session) };
    all.set(session.username, book);
    book.contacts.catch(() => all.delete(session.username));
  }
  const needle = q.trim().toLowerCase();
  const contacts = await book.contacts;
  return contacts.filter((c) => !needle || c.address.toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle)).slice(0, MAX_RESULTS);
}

onSignOut('contacts', (session) => void books().delete(session.username));
