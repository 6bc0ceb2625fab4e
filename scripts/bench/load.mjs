// Load (#8, #17): Wren under many users at once, one user's clicks while their body search
// runs, and what an idle session costs in memory. Imported by scripts/bench/run.mjs: run(target).
// The many users are distinct Dovecot users (scripts/bench/users.mjs: 200, 10 in the smoke run),
// each with a 50-message Inbox, and Wren runs at its default settings (4 IMAP connections a
// user); the search interference runs on the bench user's 10,000-message folder.
import { measureIdleMemory } from './idle-memory.mjs';
import { measureSearchInterference } from './search-interference.mjs';
import { cpuSeconds, machineCpu, readMemory, signInAs, signInMany, signOutAll, sleep, tab } from './sessions.mjs';
import { summarize, timed } from './stats.mjs';
import { USER_INBOX_SIZE } from './users.mjs';

// Judged on this 2-vCPU machine with the bench client, Dovecot and Wren sharing it; measured
// figures and the reasons for these limits: docs/PERFORMANCE.md, "Many users".
const PACED_LIST_P95_MS = 150;
const PACED_OPEN_P95_MS = 150;
const BURST_LIST_P95_MS = 6000;
const BURST_OPEN_P95_MS = 3000;
const RSS_LIMIT_MB = 768;

/**
 * Memory first, while Wren's heap is nearest its resting size (heavy load grows it, and V8 keeps
 * the room: new sessions then fit in it unseen). Each part signs its sessions out when done.
 */
export async function run(target) {
  return [...(await measureIdleMemory(target)), ...(await measureSearchInterference(target)), ...(await manyUsers(target))];
}

// What a person does in their Inbox: mostly looks at the list, opens a message now and then,
// searches now and again. Words of the generated mail (scripts/bench/corpus.mjs), or a sender.
const SEARCHES = ['budget', 'invoice', 'meeting', 'from:grace', 'subject:report', 'holiday photos', 'has:attachment', 'roadmap'];

function personKind(session) {
  const roll = Math.random();
  if (roll < 0.55 || !session.canOpen()) return 'list';
  return roll < 0.9 ? 'open' : 'search';
}

const actions = (session) => ({
  list: () => session.list(0),
  open: session.open,
  search: () => session.search(SEARCHES[Math.floor(Math.random() * SEARCHES.length)]),
});

/**
 * Every user runs requests one after another, as a person in one browser tab, pausing a random
 * think time (uniform in `thinkMs`) between them; the users run side by side for `seconds`.
 * One more session asks GET /api/session every 250 ms: no IMAP, so its time is Wren's own
 * (HTTP, event loop, CPU share).
 */
async function mix(tabs, probe, seconds, thinkMs, pid) {
  const samples = { list: [], open: [], search: [], probe: [] };
  const errors = [];
  const cpuBefore = await cpuSeconds(pid);
  const machineBefore = await machineCpu();
  const deadline = performance.now() + seconds * 1000;
  const probing = (async () => {
    while (performance.now() < deadline) {
      samples.probe.push((await timed(() => probe.json('GET', '/api/session'))).ms);
      await sleep(250);
    }
  })().catch((error) => errors.push(`probe: ${error.message}`));
  const browsing = tabs.map(async (session) => {
    const act = actions(session);
    // Staggered starts, so paced users do not click in step.
    if (thinkMs[1]) await sleep(Math.random() * thinkMs[1]);
    while (performance.now() < deadline) {
      const kind = personKind(session);
      try {
        samples[kind].push((await timed(act[kind])).ms);
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

/** Every user lists the Inbox and then opens a message, all at once. */
async function burst(tabs) {
  const samples = { list: [], open: [] };
  const errors = [];
  const started = performance.now();
  await Promise.all(
    tabs.map(async (session) => {
      const act = actions(session);
      for (const kind of ['list', 'open']) {
        try {
          samples[kind].push((await timed(act[kind])).ms);
        } catch (error) {
          errors.push(`${kind}: ${error.message}`);
          return;
        }
      }
    }),
  );
  return { samples, errors, wallMs: performance.now() - started };
}

/**
 * The errors record: 0 is the figure, and any error also fails the run (npm test's smoke run
 * too). `answered`: the requests that succeeded.
 */
function errorRecord(op, errors, answered) {
  const requests = answered + errors.length;
  const first = [...new Set(errors)].slice(0, 3).join(' | ');
  return {
    op,
    mailbox: 'INBOX',
    value: errors.length,
    unit: 'errors',
    target: '0 errors',
    pass: errors.length === 0,
    ...(errors.length ? { error: `${errors.length} of ${requests} requests failed; first: ${first}` } : { note: `of ${requests} requests` }),
  };
}

/** Resident memory of Wren sampled every `everyMs` until stopped: { peak, last } in KB. */
function sampleRss(pid, everyMs = 500) {
  let peak = 0;
  let last = null;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const m = await readMemory(pid);
      if (m) {
        last = m.rss;
        peak = Math.max(peak, m.rss);
      }
      await sleep(everyMs);
    }
  })();
  return {
    now: () => last,
    stop: async () => {
      stopped = true;
      await loop;
      return { peak, last };
    },
  };
}

const mb = (kb) => Math.round(kb / 102.4) / 10;

/**
 * The many users (#17): each signs in (20 at a time), lists its Inbox once (first touch: the
 * user's IMAP connection SELECTs it), then 60 s at a person's pace (2-8 s between clicks, so the
 * 200 users send about 40 requests a second), then a burst (every user lists and opens at
 * once), then 20 s with no pause at all (Wren's ceiling).
 */
async function manyUsers(target) {
  const users = target.loadUsers ?? [];
  if (!users.length) throw new Error('no load users: bench.sh makes them (scripts/bench/users.mjs)');
  const n = users.length;
  const name = `${n} users`;
  const rss = sampleRss(target.wrenPid);
  const rssBefore = await readMemory(target.wrenPid);
  let clients = [];
  let probe = null;
  try {
    clients = await signInAs(target, users, 20);
    [probe] = await signInMany(target, 1);
    const tabs = clients.map((c) => tab(c, 'INBOX', USER_INBOX_SIZE));
    const firstTouch = [];
    for (let i = 0; i < tabs.length; i += 10) {
      firstTouch.push(...(await Promise.all(tabs.slice(i, i + 10).map(async (t) => (await timed(() => t.list(0))).ms))));
    }
    const pace = target.smoke ? [200, 1000] : [2000, 8000];
    const paced = await mix(tabs, probe, target.smoke ? 5 : 60, pace, target.wrenPid);
    const rssPaced = rss.now();
    const rush = await burst(tabs);
    const flat = await mix(tabs, probe, target.smoke ? 1 : 20, [0, 0], target.wrenPid);
    const memory = await rss.stop();

    const paceText = `${pace[0] / 1000}-${pace[1] / 1000} s`;
    const served = (m) => m.samples.list.length + m.samples.open.length + m.samples.search.length;
    const cpuNote = ({ cpu, seconds, machineBusy }) =>
      (cpu === null ? '' : `; Wren used ${Math.round((cpu / seconds) * 100)}% of one core`) +
      (machineBusy === null ? '' : `; the machine's CPUs were ${Math.round(machineBusy * 100)}% busy (load generator, Dovecot and anything else running)`);
    const pacedList = summarize(paced.samples.list);
    const pacedOpen = summarize(paced.samples.open);
    const burstList = summarize(rush.samples.list);
    const burstOpen = summarize(rush.samples.open);
    const judge = !target.smoke;
    const probe95 = summarize(paced.samples.probe).p95;
    const within = (s, limit) => (judge ? { target: `p95 < ${limit} ms`, pass: s.p95 !== null && s.p95 < limit } : {});
    return [
      { op: `${name}: sign-in`, mailbox: 'INBOX', wren: summarize(clients.map((c) => c.signInMs)), note: `${n} distinct users, 20 at a time` },
      {
        op: `${name}: each one's first list`,
        mailbox: 'INBOX',
        wren: summarize(firstTouch),
        note: "first touch: the user's IMAP connection SELECTs the Inbox, 10 users at a time; not in the figures below",
      },
      { op: `${name}, pause ${paceText}: list`, mailbox: 'INBOX', wren: pacedList, ...within(pacedList, PACED_LIST_P95_MS), note: `the Inbox's page of ${USER_INBOX_SIZE}; each user pauses ${paceText} between requests; the probe (no IMAP) took ${probe95} ms p95: in the hundreds of ms, the machine was short of CPU for Wren and these figures say more about it than about Wren` },
      { op: `${name}, pause ${paceText}: open`, mailbox: 'INBOX', wren: pacedOpen, ...within(pacedOpen, PACED_OPEN_P95_MS), note: 'GET /api/messages/:id of a message the user listed' },
      { op: `${name}, pause ${paceText}: search`, mailbox: 'INBOX', wren: summarize(paced.samples.search), note: `one of: ${SEARCHES.join(', ')} (the search connection is the user's second)` },
      { op: `${name}, pause ${paceText}: probe`, wren: summarize(paced.samples.probe), note: 'GET /api/session every 250 ms from one more session: no IMAP, so its time is Wren waiting for CPU or its event loop' },
      {
        op: `${name}, pause ${paceText}: requests served`,
        mailbox: 'INBOX',
        value: Math.round(served(paced) / paced.seconds),
        unit: 'req/s',
        note: `${served(paced)} requests in ${paced.seconds} s${cpuNote(paced)}`,
      },
      errorRecord(`${name}, pause ${paceText}: errors`, paced.errors, served(paced) + paced.samples.probe.length),
      { op: `${name}, burst: list`, mailbox: 'INBOX', wren: burstList, ...within(burstList, BURST_LIST_P95_MS), note: `all ${n} users list at once, then each opens a message; the burst took ${Math.round(rush.wallMs)} ms` },
      { op: `${name}, burst: open`, mailbox: 'INBOX', wren: burstOpen, ...within(burstOpen, BURST_OPEN_P95_MS) },
      errorRecord(`${name}, burst: errors`, rush.errors, rush.samples.list.length + rush.samples.open.length),
      {
        op: `${name}, no pause: requests served`,
        mailbox: 'INBOX',
        wren: summarize(flat.samples.list),
        value: Math.round(served(flat) / flat.seconds),
        unit: 'req/s',
        note: `each user sends its next request as soon as one answers (saturation; the p50/p95 are its lists, mostly waiting their turn): ${served(flat)} requests in ${flat.seconds} s${cpuNote(flat)}`,
      },
      errorRecord(`${name}, no pause: errors`, flat.errors, served(flat) + flat.samples.probe.length),
      {
        op: `${name}: Wren RSS`,
        value: mb(memory.peak),
        unit: 'MB (peak)',
        ...(judge ? { target: `< ${RSS_LIMIT_MB} MB`, pass: memory.peak / 1024 < RSS_LIMIT_MB } : {}),
        note: `VmRSS of the next-server process, sampled every 500 ms: ${rssBefore ? mb(rssBefore.rss) : '?'} MB before the sign-ins, ${rssPaced ? mb(rssPaced) : '?'} MB at the end of the paced minute, ${memory.last ? mb(memory.last) : '?'} MB at the end`,
      },
    ];
  } finally {
    await rss.stop();
    await signOutAll(probe ? [...clients, probe] : clients);
  }
}
