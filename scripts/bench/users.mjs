#!/usr/bin/env node
// The many-users part of the load bench (#17): distinct Dovecot users load001..load200, each
// with a small Inbox, so Wren runs at its default per-user settings (4 IMAP connections a user)
// and each session is a person of its own, not another tab of one user.
//
//   node scripts/bench/users.mjs dovecot-users COUNT        prints "load001:pw-load001 ..." for DOVECOT_USERS
//   node scripts/bench/users.mjs seed --home DIR COUNT      writes each user's Inbox under DIR/<user>/Maildir
//
// Seeding is cheap: the Inbox's messages (scripts/bench/corpus.mjs, the bench's own generator)
// are written once, for the first user, and hard-linked into every other user's Maildir. Maildir
// never rewrites a message file (a flag change renames the link), so the users do not share
// state; Dovecot indexes each Inbox on its first SELECT (50 messages: a few ms).
import { linkSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchMessage } from './corpus.mjs';

export const USER_INBOX_SIZE = 50;
export const LOAD_USERS = 200;

/** The first `count` load users: { user, pass }. */
export function loadUsers(count = LOAD_USERS) {
  return Array.from({ length: count }, (_, i) => {
    const user = `load${String(i + 1).padStart(3, '0')}`;
    return { user, pass: `pw-${user}` };
  });
}

/** Writes every user's Inbox: the first user's files, then hard links to them. */
export function seedUsers(home, count) {
  const started = performance.now();
  const users = loadUsers(count);
  const files = [];
  users.forEach(({ user }, u) => {
    const maildir = path.join(home, user, 'Maildir');
    rmSync(maildir, { recursive: true, force: true });
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
    for (let i = 0; i < USER_INBOX_SIZE; i++) {
      if (u === 0) {
        const msg = benchMessage(i, USER_INBOX_SIZE);
        const name = `${Math.floor(msg.date.getTime() / 1000)}.M${i}P1.wrenload,S=${msg.raw.length},W=${msg.raw.length}:2,${msg.flags}`;
        const file = path.join(maildir, 'cur', name);
        writeFileSync(file, msg.raw);
        utimesSync(file, msg.date, msg.date);
        files.push({ name, file });
      } else {
        linkSync(files[i].file, path.join(maildir, 'cur', files[i].name));
      }
    }
  });
  return { users: count, messages: count * USER_INBOX_SIZE, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { home: { type: 'string' } } });
  const [command, countText] = positionals;
  const count = Number(countText ?? LOAD_USERS);
  if (command === 'dovecot-users') {
    console.log(loadUsers(count).map(({ user, pass }) => `${user}:${pass}`).join(' '));
  } else if (command === 'seed' && values.home) {
    const done = seedUsers(values.home, count);
    console.log(`users: ${done.users} users with ${USER_INBOX_SIZE} messages each in their Inbox (hard links) in ${done.seconds}s`);
  } else {
    console.error('usage: node scripts/bench/users.mjs dovecot-users COUNT | seed --home DIR COUNT');
    process.exit(2);
  }
}
