// Many signed-in Wren sessions for the load bench, and what the Wren process holds in memory.
import { readFile } from 'node:fs/promises';
import { WrenClient } from './wren-http.mjs';

/** The list API path of one window of `folder`. */
export const listPath = (folder, offset = 0, limit = 50, q) =>
  `/api/messages?folder=${encodeURIComponent(folder)}&offset=${offset}&limit=${limit}${q ? `&q=${encodeURIComponent(q)}` : ''}`;

/** Signs in `count` sessions of the target's user, `parallel` at a time (as many tabs opening at once). */
export async function signInMany(target, count, parallel = 10) {
  const clients = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, () => new WrenClient(target.wrenUrl).signIn(target.user, target.pass));
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/**
 * Signs in one session for each of `accounts` ({ user, pass }), `parallel` at a time; each
 * client keeps its sign-in time (ms) in `signInMs`.
 */
export async function signInAs(target, accounts, parallel = 10) {
  const clients = [];
  for (let i = 0; i < accounts.length; i += parallel) {
    const batch = accounts.slice(i, i + parallel).map(async ({ user, pass }) => {
      const started = performance.now();
      const client = await new WrenClient(target.wrenUrl).signIn(user, pass);
      client.signInMs = performance.now() - started;
      return client;
    });
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

/** DELETE /api/session for each client, so its session and IMAP connections do not outlive the test. */
export async function signOutAll(clients, parallel = 20) {
  let failed = 0;
  for (let i = 0; i < clients.length; i += parallel) {
    const answers = await Promise.all(
      clients.slice(i, i + parallel).map((c) =>
        c.request('DELETE', '/api/session').then(
          (res) => (res.arrayBuffer(), res.status === 204),
          () => false,
        ),
      ),
    );
    failed += answers.filter((ok) => !ok).length;
  }
  return failed;
}

/** VmRSS and RssAnon of a process, in KB (Linux /proc/<pid>/status), or null when unreadable. */
export async function readMemory(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS'), anon: kb('RssAnon') };
  } catch {
    return null;
  }
}

/** The median of `count` memory samples `everyMs` apart: one sample is at the mercy of a GC. */
export async function sampleMemory(pid, count = 5, everyMs = 300) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const m = await readMemory(pid);
    if (!m) return null;
    samples.push(m);
    if (i < count - 1) await sleep(everyMs);
  }
  const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { rss: median('rss'), anon: median('anon'), rssRange: [Math.min(...samples.map((s) => s.rss)), Math.max(...samples.map((s) => s.rss))] };
}

/**
 * A setting of the Wren process's environment (read from /proc/<pid>/environ): undefined when
 * unset, null when the environment cannot be read. Used to explain figures: e.g. a per-user IMAP
 * connection cap below the session count.
 */
export async function wrenSetting(pid, name) {
  try {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    const entry = environ.split('\0').find((e) => e.startsWith(`${name}=`));
    return entry?.slice(name.length + 1);
  } catch {
    return null;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far, or null (Linux /proc/<pid>/stat). */
export async function cpuSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces ("next-server (v16.4.6)"): fields count from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

const PAGE = 50;
const pick = (list) => list[Math.floor(Math.random() * list.length)];

/**
 * What one browser tab does, one request at a time: list a page (the first or a random one),
 * open a message it has listed, flag a message it has listed and then clear that flag again,
 * so the folder ends as it started (only messages listed as unflagged are flagged).
 */
export function tab(client, folder, total) {
  const seen = [];
  let flaggedByUs = null;
  const remember = (page) => {
    for (const m of page.messages) if (!m.flagged) seen.push(m.id);
    if (seen.length > 500) seen.splice(0, seen.length - 500);
  };
  const randomOffset = () => Math.floor((Math.random() * Math.max(1, total - PAGE)) / PAGE) * PAGE;
  return {
    /** The first page or a random one (half each), or the page at `offset`. */
    list: async (offset = Math.random() < 0.5 ? 0 : randomOffset()) => remember(await client.json('GET', listPath(folder, offset, PAGE))),
    open: () => client.json('GET', `/api/messages/${encodeURIComponent(pick(seen))}`),
    flag: async () => {
      const id = flaggedByUs ?? pick(seen);
      await client.json('POST', '/api/messages/flags', { ids: [id], flagged: !flaggedByUs });
      flaggedByUs = flaggedByUs ? null : id;
    },
    unflag: async () => flaggedByUs && client.json('POST', '/api/messages/flags', { ids: [flaggedByUs], flagged: false }),
    /** The folder searched for `q` (Wren's search syntax), first page of results. */
    search: async (q) => remember(await client.json('GET', listPath(folder, 0, PAGE, q))),
    canOpen: () => seen.length > 0,
  };
}

/** The folder the load and browser benches use: the 10,000-message one (the smoke run has none: the 1,000). */
export const benchFolder = (target) => target.folders.medium ?? target.folders.small;

/** Jiffies the whole machine spent busy and in total so far (/proc/stat), to tell contention apart. */
export async function machineCpu() {
  try {
    const [, ...ticks] = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).map(Number);
    const total = ticks.slice(0, 8).reduce((s, x) => s + x, 0);
    return { busy: total - ticks[3] - ticks[4], total };
  } catch {
    return null;
  }
}
