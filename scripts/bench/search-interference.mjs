// Search interference: one user's list and open alone, then while the same user's body search
// runs back to back. Wren runs searches on a second IMAP connection per session (the 'search'
// lane in server/imap/pool.ts) so that clicks do not queue behind them; this checks it.
import { benchFolder, listPath, signInMany, signOutAll, tab } from './sessions.mjs';
import { summarize, timed } from './stats.mjs';

const PAGE = 50;
const SEARCH_ADDED_MS = 20;

/**
 * Every search looks for a word no message holds, a new one each time: a repeated query would
 * be answered from Wren's search cache, and a missing word makes Dovecot read every body.
 */
export async function measureSearchInterference(target) {
  const folder = benchFolder(target);
  const count = target.smoke ? 4 : Math.max(target.reps, 40); // of each kind, alone and during
  const [client] = await signInMany(target, 1);
  try {
    const total = (await client.json('GET', listPath(folder, 0, PAGE))).total;
    const session = tab(client, folder, total);
    await session.list();
    await session.open();
    const search = () => client.json('GET', listPath(folder, 0, PAGE, `body:zq${Math.random().toString(36).slice(2, 10)}`));
    const searchAlone = [];
    for (let i = 0; i < (target.smoke ? 2 : 5); i++) searchAlone.push((await timed(search)).ms);

    // Back-to-back searches in the background; `searching` tells whether one is in flight.
    let searching = false;
    let stop = true;
    const searchTimes = [];
    const searchErrors = [];
    const searchLoop = async () => {
      while (!stop) {
        searching = true;
        await timed(search).then(
          ({ ms }) => searchTimes.push(ms),
          (error) => searchErrors.push(error.message),
        );
        searching = false;
      }
    };
    // `n` list-and-open pairs; with `duringSearch`, only clicks that began while a search ran count.
    const clicks = async (n, times, duringSearch) => {
      for (let kept = 0; kept < n; ) {
        const kind = ['list', 'open'][kept % 2];
        const began = searching;
        const { ms } = await timed(session[kind]);
        if (duringSearch && !began) continue;
        times[kind].push(ms);
        kept++;
      }
    };

    // Alone and during alternate in rounds, so a change in the machine's load hits both alike.
    const alone = { list: [], open: [] };
    const during = { list: [], open: [] };
    const rounds = target.smoke ? 1 : 4;
    for (let round = 0; round < rounds; round++) {
      await clicks(Math.ceil((2 * count) / rounds), alone, false);
      stop = false;
      const background = searchLoop();
      while (!searching) await new Promise((resolve) => setTimeout(resolve, 1));
      await clicks(Math.ceil((2 * count) / rounds), during, true).finally(() => (stop = true));
      await background;
    }

    const searchNote = `body search alone p50 ${summarize(searchAlone).p50} ms; ${searchTimes.length} searches ran during (p50 ${summarize(searchTimes).p50} ms)${
      searchErrors.length ? `, ${searchErrors.length} failed: ${searchErrors[0]}` : ''
    }`;
    return ['list', 'open'].flatMap((kind) => {
      const a = summarize(alone[kind]);
      const d = summarize(during[kind]);
      const added = Math.round((d.p50 - a.p50) * 10) / 10;
      const addedP95 = Math.round((d.p95 - a.p95) * 10) / 10;
      return [
        { op: `${kind} alone`, mailbox: folder, wren: a },
        {
          op: `${kind} during own body search`,
          mailbox: folder,
          wren: d,
          value: added,
          unit: 'ms added (p50)',
          target: `≤ ${SEARCH_ADDED_MS} ms added`,
          pass: added <= SEARCH_ADDED_MS,
          note: `p95 added ${addedP95} ms; ${searchNote}`,
        },
      ];
    });
  } finally {
    await signOutAll([client]);
  }
}
