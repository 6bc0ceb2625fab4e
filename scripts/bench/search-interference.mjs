// Search interference: one user's list and open alone, then while the same user's body search
// runs back to back. Wren runs searches on a second IMAP connection per session (the 'search'
// lane in server/imap/pool.ts) so that clicks do not queue behind them; this checks it.
import { listPath, signInMany, signOutAll, tab } from './sessions.mjs';
import { summarize, timed } from './stats.mjs';

const PAGE = 50;
const SEARCH_ADDED_MS = 20;

/**
 * One user's list and open alone, then while the same user's body search runs back to back.
 * Every search looks for a word no message holds, a new one each time: a repeated query would
 * be answered from Wren's search cache, and a missing word makes Dovecot read every body.
 */
export async function measureSearchInterference(target) {
  const folder = target.folders.medium;
  const count = target.smoke ? 5 : Math.max(target.reps, 40);
  const [client] = await signInMany(target, 1);
  try {
    const total = (await client.json('GET', listPath(folder, 0, PAGE))).total;
    const session = tab(client, folder, total);
    await session.list();
    await session.open();
    const search = () => client.json('GET', listPath(folder, 0, PAGE, `body:zq${Math.random().toString(36).slice(2, 10)}`));
    const clicks = async () => {
      const times = { list: [], open: [] };
      for (let i = 0; i < count; i++) for (const kind of ['list', 'open']) times[kind].push((await timed(session[kind])).ms);
      return times;
    };
    const searchAlone = [];
    for (let i = 0; i < (target.smoke ? 2 : 5); i++) searchAlone.push((await timed(search)).ms);
    const alone = await clicks();

    let searching = true;
    const searchTimes = [];
    const searchErrors = [];
    const background = (async () => {
      while (searching) {
        try {
          searchTimes.push((await timed(search)).ms);
        } catch (error) {
          searchErrors.push(error.message);
        }
      }
    })();
    const during = await clicks().finally(() => (searching = false));
    await background;

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
