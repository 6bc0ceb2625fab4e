import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { rawImap } from '../support/dovecot';
import { describePath, pageScript, type Engine, type RoleStep } from './engine';

/**
 * One user journey, the same steps in every engine: sign in through the form, open a folder from
 * the folder pane, open an HTML message and see its text inside the sandboxed frame, go Back to
 * the list, reply (checked on the IMAP server), sign out. Each engine has a user of its own,
 * seeded with e2e/seed/engines/ (scripts/test-stack.sh). Elements are found by role and
 * accessible name, never by class: the layout may change, the names stay.
 */

const FOLDER = 'Newsletters';
const SUBJECT = 'Wren Digest';
const HTML_TEXT = 'Pelican report';
const ORIGINAL_MESSAGE_ID = '<engines-001@wren.test>';
const SENT = 'Sent Messages';

const SIGN_IN: RoleStep = { role: 'form', name: 'Sign in' };
const LIST: RoleStep = { role: 'region', name: 'Message list' };
const MESSAGE: RoleStep = { role: 'main', name: 'Message' };
// A row is its link, named "unread, from …, subject, date" (MessageList.tsx).
const ROW: RoleStep[] = [LIST, { role: 'list', name: 'Messages' }, { role: 'link', name: SUBJECT, exact: false }];
const ACTIONS: RoleStep = { role: 'toolbar', name: 'Open message actions' };
const REPLY: RoleStep = { role: 'dialog', name: 'Reply' };
const REPLY_BODY: RoleStep[] = [REPLY, { role: 'textbox', name: 'Message body' }];

/** Retries `probe` until it returns without throwing; past `timeout` ms, fails with its last error. */
async function until<T>(what: string, probe: () => Promise<T>, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > end) throw new Error(`waited ${timeout / 1000} s for ${what}; last: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Whether the iframe titled `title` shows `text`: the frame has a size, the sandbox has no
 * allow-scripts, and the element holding the text has a box inside the frame's, is the one hit
 * at its middle within the frame, and the frame is the one hit there in the page. Returns 'ok'
 * or what is wrong. The frame is same-origin without scripts (allow-same-origin), so the page
 * can read it. A function body for the page, run with PAGE_LIBRARY's helpers in scope.
 */
const FRAME_SHOWS = `
const [title, text] = arguments;
const frame = Array.from(document.querySelectorAll('iframe')).find((f) => f.title === title && shown(f));
if (!frame) return 'no visible iframe titled ' + title;
const sandbox = frame.getAttribute('sandbox');
if (sandbox === null || /allow-scripts/.test(sandbox)) return 'the frame is not sandboxed without scripts: ' + sandbox;
const box = frame.getBoundingClientRect();
if (box.width < 50 || box.height < 20) return 'the frame is ' + box.width + 'x' + box.height;
const doc = frame.contentDocument;
if (!doc || !doc.body) return 'the frame has no document yet';
if (!squash(doc.body.innerText).includes(text)) return 'the frame shows: ' + squash(doc.body.innerText).slice(0, 200);
const holders = Array.from(doc.body.querySelectorAll('*')).filter((el) => (el.textContent || '').includes(text));
const el = holders[holders.length - 1];
if (!el || !shown(el)) return 'the text has no visible element';
const r = el.getBoundingClientRect();
if (r.width < 1 || r.height < 1) return 'the text has an empty box';
if (r.bottom > box.height + 1 || r.right > box.width + 1) return 'the text (' + r.right + ',' + r.bottom + ') lies outside the frame (' + box.width + 'x' + box.height + ')';
const x = r.left + Math.min(10, r.width / 2), y = r.top + r.height / 2;
const hit = doc.elementFromPoint(x, y);
if (!hit || !el.contains(hit)) return 'inside the frame the text is covered by ' + (hit ? hit.tagName : 'nothing');
const top = document.elementFromPoint(box.left + x, box.top + y);
if (top !== frame) return 'in the page the frame is covered by ' + (top ? top.tagName + ' ' + squash(top.textContent).slice(0, 60) : 'nothing (off screen)');
return 'ok';
`;

/**
 * Keeps the page's uncaught errors, rejections and console.error lines in window.__engineErrors
 * (until the next full load), for the failure report: neither driver reads the console of both.
 */
const WATCH_ERRORS = `
if (window.__engineErrors) return;
const errors = (window.__engineErrors = []);
const keep = (what) => { if (errors.length < 20) errors.push(String(what).slice(0, 1500)); };
window.addEventListener('error', (e) => keep(e.message + ' at ' + e.filename + ':' + e.lineno + ':' + e.colno + (e.error && e.error.stack ? '\\n' + e.error.stack : '')));
window.addEventListener('unhandledrejection', (e) => keep('unhandled rejection: ' + (e.reason && e.reason.stack ? e.reason.stack : e.reason)));
const error = console.error.bind(console);
console.error = (...args) => { keep('console.error: ' + args.map((a) => (a && a.stack ? a.stack : a)).join(' ')); error(...args); };
`;

export interface JourneyOptions {
  baseUrl: string;
  /** The engine's own seeded user (scripts/test-stack.sh). */
  user: string;
}

/** Runs the journey in a browser from `launch`, closing it after; a failed step leaves a screenshot. */
export async function runJourney(launch: () => Promise<Engine>, { baseUrl, user }: JourneyOptions): Promise<void> {
  const engine = await launch();
  try {
    await journey(engine, baseUrl, user);
  } finally {
    await engine.close();
  }
}

async function journey(engine: Engine, baseUrl: string, user: string) {
  const run = <T>(body: string, ...args: unknown[]) => engine.run<T>(pageScript(body), ...args);
  const pathname = async () => new URL(await engine.url()).pathname;

  /** The CSS selector of a freshly marked element at `path`; throws when there is none. */
  const locate = async (path: RoleStep[]) => {
    const css = await run<string | null>('const el = find(arguments[0]); return el ? mark(el) : null;', path);
    if (!css) throw new Error(`no ${describePath(path)}`);
    return css;
  };
  const see = (path: RoleStep[]) => until(describePath(path), () => locate(path));
  const gone = (path: RoleStep[]) =>
    until(`${describePath(path)} to go`, async () => {
      if (await run<boolean>('return find(arguments[0]) !== null;', path)) throw new Error(`${describePath(path)} is still shown`);
    });
  const click = (path: RoleStep[]) => until(`${describePath(path)} to click`, async () => engine.click(await locate(path)));
  const fill = (path: RoleStep[], text: string) => until(`${describePath(path)} to type in`, async () => engine.type(await locate(path), text));
  const atPath = (expected: (path: string) => boolean, what: string) =>
    until(`the URL to be ${what}`, async () => {
      const path = await pathname();
      if (!expected(path)) throw new Error(`the URL is ${await engine.url()}`);
    });

  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await run(WATCH_ERRORS).catch(() => undefined);
      await body();
    } catch (error) {
      const dir = join(process.cwd(), 'test-results', 'engines');
      const file = join(dir, `${engine.name.toLowerCase()}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '')}.png`);
      const shot = await mkdir(dir, { recursive: true })
        .then(() => engine.screenshot(file))
        .then(
          () => `screenshot: ${file}`,
          (e: Error) => `no screenshot: ${e.message}`,
        );
      const url = await engine.url().catch(() => '?');
      const text = await run<string>('return document.body ? squash(document.body.innerText).slice(0, 400) : "";').catch(() => '?');
      const errors = await run<string[]>('return window.__engineErrors || [];').catch(() => []);
      const said = errors.length ? `\n  page errors:\n    ${errors.join('\n    ')}` : '';
      throw new Error(`${engine.name}, step "${name}": ${error instanceof Error ? error.message : String(error)}\n  at ${url}\n  ${shot}\n  page text: ${text}${said}`, {
        cause: error,
      });
    }
  };

  await step('sign in through the form', async () => {
    await engine.goto(`${baseUrl}/login`);
    await fill([SIGN_IN, { role: 'textbox', name: 'Username' }], user);
    await fill([SIGN_IN, { role: 'textbox', name: 'Password' }], 'secret');
    await click([SIGN_IN, { role: 'button', name: 'Sign in' }]);
    await atPath((p) => p === '/mail' || p.startsWith('/mail/'), 'the mail view');
    await see([LIST, { role: 'heading', name: 'Inbox' }]);
  });

  await step(`open ${FOLDER} from the folder pane`, async () => {
    // A link: the folder's name, then its unread count ("1 unread").
    await click([{ role: 'tree', name: 'Folder tree' }, { role: 'link', name: FOLDER, exact: false }]);
    await see([LIST, { role: 'heading', name: FOLDER }]);
    await see(ROW);
  });

  const openMessage = async () => {
    await click(ROW);
    await until(`"${HTML_TEXT}" inside the message frame`, async () => {
      const result = await run<string>(`return (function () {${FRAME_SHOWS}}).apply(null, arguments);`, 'Message body', HTML_TEXT);
      if (result !== 'ok') throw new Error(result);
    });
  };

  await step('open the HTML message: its text shows inside the sandboxed frame', async () => {
    await openMessage();
    await see([MESSAGE, ACTIONS]);
  });

  // Every view has a URL (/mail/<folder> for a folder, /mail/<folder>/<message id> for a message):
  // the browser's Back goes from the message to its folder's list.
  await step('Back goes from the message to the list', async () => {
    await engine.back();
    await atPath((p) => p === `/mail/${encodeURIComponent(FOLDER)}`, `/mail/${encodeURIComponent(FOLDER)}`);
    await see([LIST, { role: 'heading', name: FOLDER }]);
    await see(ROW);
    await gone([MESSAGE, ACTIONS]);
  });

  await step('reply; the reply is stored in Sent', async () => {
    const text = `Reply from ${engine.name} ${randomBytes(4).toString('hex')}`;
    await openMessage();
    await click([MESSAGE, ACTIONS, { role: 'button', name: 'Reply' }]);
    const body = await see(REPLY_BODY);
    // The caret starts in the body, above the quote: type where it is, as a user would.
    await until('the caret in the reply body', async () => {
      if (!(await run<boolean>('return document.querySelector(arguments[0]).contains(document.activeElement);', body)))
        throw new Error('the focus is elsewhere');
    });
    await engine.typeFocused(text);
    await until('the typed text in the body', async () => {
      const first = await run<string>('const p = find(arguments[0]).querySelector("p"); return p ? p.textContent : "";', REPLY_BODY);
      if (first !== text) throw new Error(`the first paragraph is "${first}"`);
    });
    await click([REPLY, { role: 'button', name: 'Send' }]);
    await gone([REPLY]);

    const imap = await rawImap(user);
    try {
      const stored = await until(
        'the reply in Sent on the IMAP server',
        async () => {
          const lock = await imap.getMailboxLock(SENT);
          try {
            const [uid] = (await imap.search({ body: text }, { uid: true })) || [];
            if (!uid) throw new Error(`no message in ${SENT} holds "${text}"`);
            const message = await imap.fetchOne(String(uid), { envelope: true }, { uid: true });
            if (!message || !message.envelope) throw new Error(`no envelope for UID ${uid}`);
            return message.envelope;
          } finally {
            lock.release();
          }
        },
        20_000,
      );
      if (stored.subject !== `Re: ${SUBJECT}` || stored.inReplyTo !== ORIGINAL_MESSAGE_ID) {
        throw new Error(`the stored reply has subject "${stored.subject}" and In-Reply-To ${stored.inReplyTo}`);
      }
    } finally {
      await imap.logout();
    }
  });

  await step('sign out and see the sign-in form', async () => {
    await click([{ role: 'button', name: 'Sign out' }]);
    await atPath((p) => p === '/login', '/login');
    await see([SIGN_IN, { role: 'textbox', name: 'Username' }]);
    await see([SIGN_IN, { role: 'button', name: 'Sign in' }]);
  });
}
