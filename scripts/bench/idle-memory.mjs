// What an idle session costs Wren in memory: the Wren process's RSS before and after N
// sessions that each signed in and listed a page, then do nothing. The sessions are the bench's
// distinct users (scripts/bench/users.mjs: 200, 10 in the smoke run), each listing its Inbox, so
// each holds what a person's session holds (its own IMAP connection, its own row cache); without
// them (run-module.mjs with no loadUsers), N sessions of the target's user list the bench folder.
//
// The figure is what the sessions retain: V8's heap in use plus Buffers, read through the
// inspector right after a forced GC (scripts/bench/inspect.mjs), before and after. RSS is noisy
// (V8 grows its heap in steps and collects when it likes): each RSS figure is the median of
// several samples after a pause, reported beside it, and is the figure only when Wren runs
// without the inspector.
import { measureImapflowFloor } from './imap-floor-memory.mjs';
import { memoryAfterGc, retainedBytes } from './inspect.mjs';
import { USER_INBOX_SIZE } from './users.mjs';
import { benchFolder, listPath, sampleMemory, signInAs, signInMany, signOutAll, sleep, wrenSetting } from './sessions.mjs';

const TARGET_KB = 200;

export async function measureIdleMemory(target) {
  const users = target.loadUsers?.length ? target.loadUsers : null;
  const folder = users ? 'INBOX' : benchFolder(target);
  const count = users ? users.length : target.smoke ? 10 : 200;
  const settleMs = target.smoke ? 200 : 5000;
  const sample = () => (target.smoke ? sampleMemory(target.wrenPid, 2, 100) : sampleMemory(target.wrenPid));
  const op = `idle session memory (${count} sessions)`;
  // One session first, so loading the routes' code does not count as the sessions' memory.
  const [warm] = await signInMany(target, 1);
  if (users) await warm.json('GET', listPath(benchFolder(target), 0, 50));
  await warm.json('GET', listPath(folder, 0, 50));
  await signOutAll([warm]);
  await sleep(settleMs);
  const heapBefore = target.inspectPort ? await memoryAfterGc(target.inspectPort) : null;
  const before = await sample();
  if (!before) return [{ op, value: null, note: `cannot read /proc/${target.wrenPid}/status` }];

  // In two halves, each signed in, listed and left to settle: the two halves' figures show how
  // much of the per-session figure is the heap growing in steps rather than the sessions.
  const clients = [];
  let signedOut = false;
  try {
    let listFailures = 0;
    const addIdleSessions = async (n) => {
      const added = users ? await signInAs(target, users.slice(clients.length, clients.length + n)) : await signInMany(target, n);
      clients.push(...added);
      for (let i = 0; i < added.length; i += 20) {
        const answers = await Promise.all(added.slice(i, i + 20).map((c) => c.json('GET', listPath(folder, 0, 50)).then(() => true, () => false)));
        listFailures += answers.filter((ok) => !ok).length;
      }
      await sleep(settleMs);
      return sample();
    };
    const half = await addIdleSessions(Math.floor(count / 2));
    const after = await addIdleSessions(count - Math.floor(count / 2));
    const heapAfter = target.inspectPort ? await memoryAfterGc(target.inspectPort) : null;
    const failedSignOuts = await signOutAll(clients);
    signedOut = true;
    await sleep(settleMs);
    const released = await sample();
    const floor = await measureImapflowFloor(target, folder, count, users);

    const perSession = (key) => Math.round(((after[key] - before[key]) / count) * 10) / 10;
    const retainedKb = heapAfter ? Math.round(((retainedBytes(heapAfter) - retainedBytes(heapBefore)) / 1024 / count) * 10) / 10 : null;
    const figure = retainedKb ?? perSession('rss');
    const mb = (kb) => `${Math.round(kb / 1024)} MB`;
    const perUser = await wrenSetting(target.wrenPid, 'IMAP_MAX_CONNECTIONS_PER_USER');
    // Unreadable environment (null): assume the sessions hold their connections. Distinct users
    // each hold their own.
    const held = perUser === null || users ? count : Math.min(count, Number(perUser ?? 4));
    return [
      {
        op,
        mailbox: folder,
        value: figure,
        unit: retainedKb !== null ? 'KB/session (heap + Buffers after GC)' : 'KB/session (VmRSS)',
        target: `≤ ${TARGET_KB} KB per idle session`,
        // RSS that fell means a GC ran between the samples: the figure says nothing then.
        pass: figure < 0 ? undefined : figure <= TARGET_KB,
        note: [
          heapAfter
            ? `after a forced GC: heap used ${mb(heapBefore.heapUsed / 1024)} -> ${mb(heapAfter.heapUsed / 1024)}, external ${mb(heapBefore.external / 1024)} -> ${mb(heapAfter.external / 1024)}; VmRSS ${perSession('rss')} KB/session`
            : '',
          `VmRSS ${mb(before.rss)} -> ${mb(after.rss)} with ${count} idle sessions (median of samples; range after ${after.rssRange.map(mb).join('-')})`,
          `first half ${Math.round((half.rss - before.rss) / (count / 2))} KB/session, second half ${Math.round((after.rss - half.rss) / (count / 2))} KB/session`,
          perSession('rss') < 0 && !heapAfter ? 'RSS fell (a GC ran between the samples): no figure' : '',
          `RssAnon ${perSession('anon')} KB/session`,
          `after sign-out ${mb(released.rss)}`,
          users ? `${count} distinct users, each listed its ${USER_INBOX_SIZE}-message Inbox` : `${count} sessions of ${target.user}`,
          `each session holds its session entry and ${held < count ? `(IMAP_MAX_CONNECTIONS_PER_USER=${perUser ?? '4'}) only ${held} of the ${count} IMAP connections` : 'one IMAP connection (imapflow, folder selected)'}`,
          heapAfter ? '' : 'no GC forced (Wren runs without the inspector): garbage of the sign-ins may still count',
          listFailures ? `${listFailures} list requests failed` : '',
          failedSignOuts ? `${failedSignOuts} sign-outs failed` : '',
        ]
          .filter(Boolean)
          .join('; '),
      },
      {
        op: 'idle IMAP connection (imapflow floor)',
        mailbox: folder,
        value: floor.heapKb,
        unit: 'KB/connection (heap + Buffers)',
        note: `${count} raw imapflow connections with the folder selected and its first page fetched, in the bench process after a forced GC (RSS ${floor.rssKb} KB each): what an idle session's connection costs before anything of Wren's`,
      },
    ];
  } finally {
    if (!signedOut) await signOutAll(clients);
  }
}
