import { expect, test } from '@playwright/test';
import type { ImapFlow } from 'imapflow';
import { changeWhileAway, rawImap } from '../support/dovecot';
import { startTcpProxy } from '../support/tcp-proxy';
import { openFolder, row, signIn } from './helpers';

// rex (this spec's own user, not seeded), in a folder of its own. The browser reaches Wren through a loopback TCP
// proxy (e2e/support/tcp-proxy.ts) so the test can reset its connections: the event stream is
// really lost, unlike with Chromium's offline emulation, which keeps an open EventSource alive.

const mail = (subject: string) => `From: Ann Example <ann@example.org>\r\nTo: rex@example.com\r\nSubject: ${subject}\r\nDate: Mon, 1 Sep 2025 10:00:00 +0000\r\n\r\nHello\r\n`;

let client: ImapFlow;
test.beforeEach(async () => {
  client = await rawImap('rex');
});
test.afterEach(async () => {
  await client.logout();
});


test('the event stream’s connection reset: what changed while it was down (new, read, expunged) shows after EventSource reconnects, caught up without a reload', async ({ browser }, testInfo) => {
  const path = `Gap${Date.now()}`;
  await client.mailboxCreate(path);
  await client.mailboxSubscribe(path);
  for (const subject of ['Gap one', 'Gap two', 'Gap three']) await client.append(path, mail(subject));

  const wren = new URL(testInfo.project.use.baseURL!);
  const proxy = await startTcpProxy(Number(wren.port));
  const context = await browser.newContext({ baseURL: proxy.url });
  const page = await context.newPage();
  try {
    await signIn(page, 'rex');
    await openFolder(page, path);
    await expect(page.getByTestId('message-row')).toHaveCount(3);
    // Wren has answered the folder's event stream: it is subscribed and IDLEs on the folder.
    await proxy.waitForStream(path);
    const lists: string[] = [];
    const catchUps: string[] = [];
    let navigations = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/messages/changes')) catchUps.push(r.url());
      else if (/\/api\/messages\?folder=/.test(r.url())) lists.push(r.url());
    });
    // A reload (a new document), not a History API entry.
    page.on('load', () => navigations++);

    // Every connection of the browser is reset, and new ones are refused until restore().
    proxy.cut();
    await changeWhileAway(client, path, mail('Gap four'));
    // Wren heard all three over IDLE and sent them down the stream the browser no longer has:
    // no live event can bring them now, only the catch-up after the reconnect.
    for (const type of ['flags', 'expunge', 'exists']) {
      await expect.poll(() => proxy.lostAfterCut(), { timeout: 10_000 }).toContain(`"type":"${type}"`);
    }
    // Nothing reached the page meanwhile.
    await expect(row(page, 'Gap four')).toHaveCount(0);
    await expect(row(page, 'Gap two')).toHaveCount(1);

    proxy.restore();
    await expect(row(page, 'Gap four')).toHaveCount(1, { timeout: 10_000 });
    await expect(row(page, 'Gap two')).toHaveCount(0);
    await expect(row(page, 'Gap one')).toHaveAttribute('data-unread', 'false');
    await expect(page.getByTestId('message-row')).toHaveCount(3);
    // A new stream was opened (EventSource's own reconnect), the view caught up with the delta,
    // and nothing was reloaded.
    expect(proxy.streamsOpened(path)).toBeGreaterThanOrEqual(2);
    expect(catchUps.length).toBeGreaterThan(0);
    expect(lists).toEqual([]);
    expect(navigations).toBe(0);
  } finally {
    await context.close();
    await proxy.close();
  }
});
