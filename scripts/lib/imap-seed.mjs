// Shared by scripts/seed.mjs and scripts/seed-demo.mjs: command line, connection, folders and
// APPEND with flags and INTERNALDATE. Plain Node ESM so the scripts run without a build step.
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';

const CONNECTION_OPTIONS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '143' },
  user: { type: 'string' },
  pass: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

/** An error whose message is meant for the person running the script, printed without a stack. */
export class SeedError extends Error {}

/**
 * Parses the connection options plus `extraOptions` (node:util parseArgs spec). Prints `usage`
 * and exits on --help; throws SeedError on unknown or missing options.
 */
export function parseCliArgs(argv, extraOptions, usage) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...CONNECTION_OPTIONS, ...extraOptions }, strict: true }));
  } catch (err) {
    throw new SeedError(`${err.message}\n\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const missing = ['user', 'pass'].filter((name) => !values[name]);
  if (missing.length) {
    throw new SeedError(`missing ${missing.map((name) => `--${name}`).join(', ')}\n\n${usage}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SeedError(`--port must be a TCP port, got "${values.port}"`);
  }
  return { ...values, port };
}

/** Runs `main`; on failure prints a SeedError or server answer as one line (else the stack), exits 1. */
export function runMain(name, main) {
  main().catch((err) => {
    const detail = err instanceof SeedError ? err.message : describeImapError(err);
    console.error(`${name}: ${detail}`);
    process.exit(1);
  });
}

function describeImapError(err) {
  const server = err.responseText || err.serverResponseCode;
  return server ? `${err.message} (server said: ${server})` : err.stack || String(err);
}

/**
 * Connects and logs in, turning the usual failures (refused, timeout, bad password) into a
 * SeedError that names the server and user.
 */
export async function connectOrThrow({ host, port, user, pass }) {
  const client = new ImapFlow({
    host,
    port,
    secure: false,
    auth: { user, pass },
    disableCompression: true,
    logger: false,
    connectionTimeout: 10_000,
  });
  // A socket error after login would otherwise be an unhandled 'error' event; the command
  // that was waiting on it rejects with the details anyway.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    const where = `${host}:${port}`;
    if (err.authenticationFailed) throw new SeedError(`authentication failed for "${user}" at ${where}`);
    const reason = err.code || err.message;
    throw new SeedError(`cannot connect to IMAP server at ${where}: ${reason}`);
  }
  return client;
}

/** Maps a '/'-separated folder path (as used in fixture directories) to the server's path. */
export function toServerPath(client, folder) {
  if (folder.toUpperCase() === 'INBOX') return 'INBOX';
  const { delimiter = '/', prefix = '' } = client.namespace || {};
  const path = folder.split('/').join(delimiter || '/');
  return prefix && !path.startsWith(prefix) ? prefix + path : path;
}

/** Creates the folder unless it already exists (INBOX and special-use folders usually do). */
export async function ensureFolder(client, path) {
  if (path === 'INBOX') return;
  try {
    // imapflow answers { created: false } for ALREADYEXISTS, so only real failures throw
    await client.mailboxCreate(path);
  } catch (err) {
    if (/already exists/i.test(err.responseText || '')) return;
    throw new SeedError(`cannot create folder "${path}": ${err.responseText || err.message}`);
  }
}

/** Number of messages in the folder, from STATUS (no SELECT needed). */
export async function countMessages(client, path) {
  const status = await client.status(path, { messages: true });
  return status.messages;
}

// MULTIAPPEND batches: large enough that 10,000 messages take seconds, small enough that one
// rejected batch (the server stores all of it or nothing) is cheap to find in the output.
const BATCH_MESSAGES = 250;
const BATCH_BYTES = 4 * 1024 * 1024;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * APPENDs every { raw, flags, date } of `messages` (any iterable, sync or async) in order and
 * returns how many were stored. `date` (Date or epoch ms) becomes the INTERNALDATE, `flags` are
 * e.g. ['\\Seen'].
 */
export async function appendMessages(client, path, messages) {
  // One APPEND is one round trip plus one fsync on the server: about 4 ms each against the
  // test Dovecot, 40 s for 10,000. MULTIAPPEND (RFC 3502) stores a whole batch in one
  // transaction, ten times faster, and keeps the arrival (UID) order. imapflow has no API for
  // it, so it goes through client.exec, which is internal: imapflow is pinned in package.json.
  // A folder name that is not plain ASCII would need modified UTF-7, which client.append does.
  const multi = client.capabilities.has('MULTIAPPEND') && /^[\x20-\x25\x27-\x7e]+$/.test(path);
  let stored = 0;
  let batch = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await multiAppend(client, path, batch);
    stored += batch.length;
    batch = [];
    batchBytes = 0;
  };
  for await (const message of messages) {
    const raw = Buffer.isBuffer(message.raw) ? message.raw : Buffer.from(message.raw);
    const date = message.date === undefined ? undefined : new Date(message.date);
    if (!multi) {
      const result = await client.append(path, raw, message.flags || [], date);
      if (!result) throw new SeedError(`APPEND to "${path}" was not accepted`);
      stored++;
      continue;
    }
    if (batch.length >= BATCH_MESSAGES || (batch.length && batchBytes + raw.length > BATCH_BYTES)) await flush();
    batch.push({ flags: message.flags, date, raw });
    batchBytes += raw.length;
  }
  await flush();
  return stored;
}

async function multiAppend(client, path, batch) {
  const attributes = [{ type: 'STRING', value: path }];
  for (const { raw, flags = [], date } of batch) {
    attributes.push(flags.map((flag) => ({ type: 'ATOM', value: flag })));
    if (date) attributes.push({ type: 'STRING', value: toImapDateTime(date) });
    attributes.push({ type: 'LITERAL', value: raw });
  }
  try {
    const response = await client.exec('APPEND', attributes);
    response.next();
  } catch (err) {
    throw new SeedError(`APPEND of ${batch.length} messages to "${path}" failed: ${err.responseText || err.message}`);
  }
}

/** IMAP date-time (RFC 3501), in UTC: "01-Jan-2024 00:00:00 +0000". */
function toImapDateTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  const day = pad(date.getUTCDate());
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(pad).join(':');
  return `${day}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ${time} +0000`;
}

/** The message's Date: header as a Date, or undefined when missing or unparseable. */
export function parseDateHeader(raw) {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = (headerEnd < 0 ? text : text.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ');
  const match = /^date:[ \t]*(.*)$/im.exec(header);
  if (!match) return undefined;
  // Date.parse reads RFC 5322 dates but not every trailing comment such as "(UTC)"
  const time = Date.parse(match[1].replace(/\([^)]*\)/g, '').trim());
  return Number.isNaN(time) ? undefined : new Date(time);
}
