// The first search of a session against a later one (#22), each against the floor (the same
// SEARCH and FETCH of the first 50 rows on the floor's held connection, scripts/bench/floor.mjs).
// Every round signs in a new session and lists the folder's first page (untimed, as the browser
// does), then times three searches: the first of a session whose search box was focused (the
// browser then POSTs /api/search/prepare while the user types: untimed here, and awaited, as
// typing a word takes longer), the first of a session opened on a search URL (the page, untimed,
// then at once the search: the page's render readies the search lane without waiting for it, and
// a browser would search only after the page has hydrated), and a later one in the same session.
import * as floor from './floor.mjs';
import { summarize, timed } from './stats.mjs';
import { WrenClient } from './wren-http.mjs';

const ADDED_MS = 5;

/** Result records for `folder` (a manifest entry); `reps` rounds after one untimed. */
export async function firstSearchResults(ctx, folder, reps) {
  const { target, floorClient: client, manifest } = ctx;
  const path = folder.path;
  const wanted = folder.hits.subject;
  const { subject } = manifest.sentinels;
  // Alternating the word's case (IMAP SEARCH ignores it) keeps Wren's result cache out of it.
  const word = (round) => (round % 2 ? subject.toUpperCase() : subject);
  const q = (query) => `/api/messages?folder=${encodeURIComponent(path)}&offset=0&limit=50&q=${encodeURIComponent(query)}`;
  const check = (page) => {
    if (page.total !== wanted) throw new Error(`first search: got ${page.total} matches, expected ${wanted}`);
  };
  const session = async () => {
    const wren = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
    await wren.json('GET', `/api/messages?folder=${encodeURIComponent(path)}&offset=0&limit=50`);
    return wren;
  };
  const samples = { floor: [], prepared: [], cold: [], later: [] };
  let noPrepare = false;
  for (let round = 0; round <= reps; round++) {
    const keep = round > 0;
    const f = await timed(() => floor.searchPage(client, path, { subject: word(round) }));
    if (f.value.total !== wanted) throw new Error(`floor search: got ${f.value.total}, expected ${wanted}`);
    if (keep) samples.floor.push(f.ms);

    const prepared = await session();
    await prepared.request('POST', '/api/search/prepare', { folder: path }).then(async (res) => {
      await res.arrayBuffer();
      // 404: a build from before the prepare (the row then measures the cold first search).
      if (res.status === 404) noPrepare = true;
      else if (res.status !== 204) throw new Error(`prepare -> ${res.status}`);
    });
    const p = await timed(() => prepared.json('GET', q(`subject:${word(round)}`)));
    check(p.value);
    const l = await timed(() => prepared.json('GET', q(`subject:${word(round + 1)}`)));
    check(l.value);
    await prepared.request('DELETE', '/api/session').then((res) => res.arrayBuffer());

    // A search URL opened: the page (its HTML read whole), then the browser's search.
    const cold = await new WrenClient(target.wrenUrl).signIn(target.user, target.pass);
    const pageRes = await cold.request('GET', `/mail/${encodeURIComponent(path)}?q=${encodeURIComponent(`subject:${word(round)}`)}`);
    await pageRes.arrayBuffer();
    if (!pageRes.ok) throw new Error(`search URL page -> ${pageRes.status}`);
    const c = await timed(() => cold.json('GET', q(`subject:${word(round)}`)));
    check(c.value);
    await cold.request('DELETE', '/api/session').then((res) => res.arrayBuffer());
    if (keep) {
      samples.prepared.push(p.ms);
      samples.later.push(l.ms);
      samples.cold.push(c.ms);
    }
  }
  const floorSummary = summarize(samples.floor);
  const row = (op, key, note, judged) => {
    const wren = summarize(samples[key]);
    // #22: within 5 ms of the floor at p50 (timings are judged in full runs only).
    const verdict = judged && !ctx.smoke ? { target: `+${ADDED_MS} ms`, pass: wren.p50 - floorSummary.p50 <= ADDED_MS } : {};
    return { op, mailbox: path, floor: floorSummary, wren, note, ...verdict };
  };
  return [
    row('subject search, first in a session (box focused)', 'prepared', noPrepare ? 'this build has no /api/search/prepare: a cold first search' : 'a new session; POST /api/search/prepare (untimed) as the focused search box sends it', true),
    row('subject search, later in the session', 'later', 'the same session, right after its first search', true),
    row('subject search, first in a session (search URL)', 'cold', 'a new session opened on a search URL: its page (untimed, its render readies the search lane without waiting), then at once the search; a browser searches only after hydrating', false),
  ];
}

/** For scripts/bench/run-module.mjs: the medium folder (the small one in a smoke run). */
export async function run(target) {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(await readFile(target.manifest, 'utf8'));
  const floorClient = await floor.connectFloor(target);
  try {
    const name = target.smoke ? target.folders.small : (target.folders.medium ?? target.folders.small);
    const folder = manifest.folders.find((f) => f.path === name);
    return await firstSearchResults({ target, floorClient, manifest, smoke: target.smoke }, folder, target.smoke ? 2 : 10);
  } finally {
    await floorClient.logout().catch(() => {});
  }
}
