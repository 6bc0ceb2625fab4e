// What Wren does without each capability it uses (grep server/ for capabilities.has and
// enabled.has): the doctor prints these for the ones a server lacks. Keep in step with the code.

/** IMAP capabilities, as announced after login. */
export const IMAP_NOTES = [
  ['MOVE', 'moving is UID COPY, then \\Deleted and UID EXPUNGE of exactly the copied messages (server/mail/access/transfer.ts)'],
  ['UIDPLUS', 'no UID EXPUNGE: moved messages stay in their old folder flagged \\Deleted and are hidden; lists and searches go over SEARCH UNDELETED (slower on big folders)'],
  ['CONDSTORE', 'no modification sequences: catching up after a gap (sleep, lost network, restart) reloads the whole folder'],
  ['QRESYNC', 'no VANISHED: expunged messages are not named by UID, so a catch-up cannot list them and the folder is reloaded (a full resync)'],
  ['NOTIFY', 'live updates of other folders: one extra connection IDLEs on each watched folder, within IMAP_MAX_CONNECTIONS_PER_USER; folders beyond that are polled with STATUS every 2 s'],
  ['IDLE', 'no push: imapflow polls the watched folder with NOOP instead, so new mail shows later'],
  ['PREVIEW', 'no previews under the subjects in the message list'],
  ['SPECIAL-USE', 'Sent, Drafts, Trash, Junk and Archive are guessed from folder names (imapflow)'],
  ['CREATE-SPECIAL-USE', 'an Archive folder Wren creates cannot be marked \\Archive; Wren finds it again by its name'],
  ['ESEARCH', 'search answers spell out every UID instead of a compact set: larger answers for big results'],
  ['BINARY', 'attachments come in their transfer encoding and Wren decodes them (about a third more bytes)'],
  ['LIST-STATUS', 'the folder list asks each folder its counts with a STATUS of its own'],
  ['ACL', 'no sharing: "Share folder…" says the server cannot; other users\' and public folders (NAMESPACE) are shown with every action offered, and the server refuses what it does not allow'],
];

/** SMTP extensions, as announced after EHLO (over TLS where there is TLS). */
export const SMTP_NOTES = [
  ['AUTH', 'Wren signs in to SMTP with the user’s IMAP credentials: without AUTH, sending fails'],
  ['SIZE', 'no size limit announced: attachments are capped by MAX_ATTACHMENT_BYTES alone'],
];

/** The notes for the capabilities in `notes` that `have` lacks (AUTH matches AUTH=PLAIN and AUTH PLAIN). */
export function missing(notes, have) {
  const upper = have.map((c) => c.toUpperCase());
  const has = (cap) => upper.some((c) => c === cap || c.startsWith(`${cap}=`) || c.startsWith(`${cap} `));
  return notes.filter(([cap]) => !has(cap));
}
