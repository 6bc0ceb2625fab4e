// Load (#8): Wren under many sessions at once, one user's clicks while their body search runs,
// and what an idle session costs in memory. Imported by scripts/bench/run.mjs: run(target).
// All on the target's 10,000-message folder (folders.medium).
import { measureIdleMemory } from './idle-memory.mjs';
import { measureSearchInterference } from './search-interference.mjs';
import { benchFolder, cpuSeconds, listPath, machineCpu, signInMany, signOutAll, sleep, tab, wrenSetting } from './sessions.mjs';
import { summarize, timed } from './stats.mjs';

const LIST_P95_MS = 100;

/**
 * Memory first, while Wren's heap is nearest its resting size (heavy load grows it, and V8 keeps
 * the room: new sessions then fit in it unseen). Each part signs its sessions out when done.
 */
export async function run(target) {
  return [...(await measureIdleMemory(target)), ...(await measureSearchInterference(target)), ...(await concurrentSessions(target))];
}

/** Half lists, a third opens, the rest flag changes. */
function nextKind(session) {
  const roll = Math.random();
  if (roll < 0.5 || !session.canOpen()) return 'list';
  return roll < 0.85 ? 'open' : 'flag';
}

/**
 * Every session runs its requests one after another, like one browser tab, pausing a random
 * think time between them; the sessions run side by side for `seconds`.
 */
async function mix(tabs, probe, seconds, thinkMs, pid) {
  const samples = { list: [], open: [], flag: [], probe: [] };
  const errors = [];
  const cpuBefore = await cpuSeconds(pid);
  const machineBefore = await machineCpu();
  const deadline = performance.now() + seconds * 1000;
  // GET /api/session asks no IMAP server: its time is Wren's own (HTTP, event loop, CPU share).
  const probing = (async () => {
    while (performance.now() < deadline) {
      samples.probe.push((await timed(() => probe.json('GET', '/api/session'))).ms);
      await sleep(250);
    }
  })().catch((error) => errors.push(`probe: ${error.message}`));
  const browsing = tabs.map(async (session) => {
    // Staggered starts, so paced sessions do not click in step.
    if (thinkMs[1]) await sleep(Math.random() * thinkMs[1]);
    while (performance.now() < deadline) {
      const kind = nextKind(session);
      try {
        samples[kind].push((await timed(session[kind])).ms);
      } catch (error) {
        errors.push(`${kind}: ${error.message}`);
      }
      if (thinkMs[1]) await sleep(thinkMs[0] + Math.random() * (thinkMs[1] - thinkMs[0]));
    }
  });
  await Promise.all([probing, ...browsing]);
  const cpu = cpuBefore === null ? null : (await cpuSeconds(pid)) - cpuBefore;
  const machineAfter = await machineCpu();
  const machineBusy = machineBefore && machineAfter ? (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total) : null;
  return { samples, errors, seconds, cpu, machineBusy };
}

function records(name, folder, { samples, errors, seconds, cpu, machineBusy }, listTarget, note) {
  const requests = samples.list.length + samples.open.length + samples.flag.length;
  const list = summarize(samples.list);
  const cpuNote =
    (cpu === null ? '' : `; Wren used ${Math.round((cpu / seconds) * 100)}% of one core`) +
    (machineBusy === null ? '' : `; the machine's CPUs were ${Math.round(machineBusy * 100)}% busy (bench client, Dovecot and anything else running)`);
  return [
    {
      op: `${name}: list`,
      mailbox: folder,
      wren: list,
      ...(listTarget ? { target: `p95 < ${LIST_P95_MS} ms`, pass: list.p95 !== null && list.p95 < LIST_P95_MS } : {}),
      note: `first page or a random page of 50; ${note}`,
    },
    { op: `${name}: open`, mailbox: folder, wren: summarize(samples.open), note: 'GET /api/messages/:id of a message the session listed' },
    { op: `${name}: flag`, mailbox: folder, wren: summarize(samples.flag), note: 'set \\Flagged on a listed message, then clear it' },
    { op: `${name}: probe`, wren: summarize(samples.probe), note: 'GET /api/session every 250 ms from one more session: no IMAP, so its time is Wren waiting for CPU or its event loop' },
    { op: `${name}: throughput`, mailbox: folder, value: Math.round(requests / seconds), unit: 'req/s', note: `${requests} requests in ${seconds} s${cpuNote}` },
    {
      op: `${name}: errors`,
      mailbox: folder,
      value: errors.length,
      unit: 'errors',
      target: '0 errors',
      pass: errors.length === 0,
      note: errors.length ? `first: ${[...new Set(errors)].slice(0, 3).join(' | ')}` : `of ${requests} requests`,
    },
  ];
}

/** Each session lists the first page once, 10 at a time: its first touch of the folder. */
async function firstLists(tabs) {
  const times = [];
  for (let i = 0; i < tabs.length; i += 10) {
    times.push(...(await Promise.all(tabs.slice(i, i + 10).map(async (t) => (await timed(() => t.list(0))).ms))));
  }
  return times;
}

/**
 * N sessions of the target's user at once, first at a person's pace (a click every 2 s on
 * average: fast skimming), then with no pause at all: the second shows Wren's ceiling, and
 * there a request's time is mostly waiting its turn (sessions / throughput).
 */
async function concurrentSessions(target) {
  const folder = benchFolder(target);
  const sessions = target.smoke ? 5 : 100;
  const clients = await signInMany(target, sessions + 1);
  const probe = clients.pop();
  try {
    const total = (await clients[0].json('GET', listPath(folder, 0, 1))).total;
    const tabs = clients.map((c) => tab(c, folder, total));
    const firstTouch = await firstLists(tabs);
    const paced = await mix(tabs, probe, target.smoke ? 2 : 60, target.smoke ? [50, 150] : [1000, 3000], target.wrenPid);
    const flat = await mix(tabs, probe, target.smoke ? 1 : 20, [0, 0], target.wrenPid);
    const unflagErrors = [];
    await Promise.all(tabs.map((t) => t.unflag().catch((error) => unflagErrors.push(error.message))));
    flat.errors.push(...unflagErrors.map((message) => `unflag: ${message}`));

    const perUser = await wrenSetting(target.wrenPid, 'IMAP_MAX_CONNECTIONS_PER_USER');
    const capNote =
      perUser !== null && Number(perUser ?? 4) < sessions
        ? ` Wren's IMAP_MAX_CONNECTIONS_PER_USER is ${perUser ?? 'unset (4)'}: the ${sessions} sessions of one user share that many IMAP connections, so most requests log in again.`
        : '';
    const pace = target.smoke ? '50-150 ms' : '1-3 s';
    return [
      {
        op: `${sessions} sessions: each one's first list`,
        mailbox: folder,
        wren: summarize(firstTouch),
        note: "first touch, as everywhere in the bench: the session's IMAP connection SELECTs the folder (10 sessions at a time); not in the figures below",
      },
      ...records(`${sessions} sessions, pause ${pace}`, folder, paced, true, `each session pauses ${pace} between requests.${capNote}`),
      ...records(`${sessions} sessions, no pause`, folder, flat, false, `each session sends its next request as soon as one answers (saturation).${capNote}`),
    ];
  } finally {
    await signOutAll([...clients, probe]);
  }
}
