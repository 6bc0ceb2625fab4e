#!/usr/bin/env node
// Fills a demo account with about 200 realistic messages: conversations, newsletters with
// remote images, attachments, subjects in German, French, Japanese and Russian, a four-message
// reply thread, unread and flagged mail, and a few messages from today. Everything is built in
// memory from a seeded generator, so two runs on the same day produce the same mailbox. Dates
// count back from today so the demo always looks current.
//
//   node scripts/seed-demo.mjs --host 127.0.0.1 --port 10143 --user demo --pass demo
//
// Seeding an account whose INBOX already holds mail does nothing, so the demo can run it on
// every start.
import {
  appendMessages,
  connectOrThrow,
  countMessages,
  ensureFolder,
  parseCliArgs,
  runMain,
  toServerPath,
} from './lib/imap-seed.mjs';
import { buildMessage, csvAttachment, pdfAttachment, pngAttachment } from './lib/mime.mjs';

const USAGE = 'usage: node scripts/seed-demo.mjs --host H --port P --user U --pass P';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const PEOPLE = {
  lena: { name: 'Lena Fischer', address: 'lena.fischer@example.com' },
  marco: { name: 'Marco Rossi', address: 'marco@example.net' },
  aiko: { name: 'Aiko Sato', address: 'aiko.sato@example.jp' },
  juergen: { name: 'Jürgen Weiß', address: 'juergen.weiss@example.de' },
  helene: { name: 'Hélène Dubois', address: 'helene@example.fr' },
  yamada: { name: '山田 太郎', address: 'taro.yamada@example.jp' },
  olga: { name: 'Ольга Смирнова', address: 'olga@example.ru' },
  sam: { name: 'Sam Carter', address: 'sam.carter@example.org' },
  priya: { name: 'Priya Shah', address: 'priya@work.example' },
  ci: { name: 'Build Bot', address: 'ci@work.example' },
  billing: { name: 'Studio Nord Billing', address: 'billing@studio-nord.example' },
  parcel: { name: 'ParcelPost', address: 'noreply@parcelpost.example' },
};
const COLLEAGUES = ['lena', 'marco', 'aiko', 'priya', 'sam'].map((key) => PEOPLE[key]);

// [subject, body, sender?]: {first} is the recipient's first name, {n} a running number, and
// without a sender the message comes from a colleague
const PERSONAL = [
  ['Lunch tomorrow?', 'Hi {first},\n\nAre you free for lunch tomorrow around 12:30? The new ramen place opened on the corner.\n\nCheers'],
  ['Photos from the weekend', 'Hey {first},\n\nI finally sorted the photos from the hike. The view from the ridge came out great!\n\nSee you soon'],
  ['Book recommendation', 'Hi {first},\n\nYou asked for something to read on the train: try "The Left Hand of Darkness". I could not put it down.'],
  ['Invoice #{n}', 'Hello,\n\nPlease find invoice #{n} for last month attached. Payment is due within 30 days.\n\nKind regards', 'billing'],
  ['Your parcel is on its way', 'Good news: your order has shipped and should arrive within two working days.\n\nTracking number: WRN{n}', 'parcel'],
  ['Re: Flat viewing on Saturday', 'Hi {first},\n\nSaturday at 11:00 works for me. The entrance is around the back, ring the top bell.\n\nBest'],
  ['Quick question about the budget', 'Hi {first},\n\nDo you know whether the travel budget includes train tickets, or only flights?\n\nThanks!'],
  ['Dinner on Friday', 'Hi {first},\n\nWe are doing a small dinner on Friday at 19:30. Bring whoever you like, just let me know the numbers.'],
];
const WORK = [
  ['Weekly sync notes', 'Hi all,\n\nNotes from today: the release moves to Thursday, QA needs two more days, and the design review is done.\n\nThanks'],
  ['Build #{n} failed on main', 'Build #{n} failed on main.\n\nStage: integration tests\nFailing: folders.test.ts > renames a folder\n\nSee the CI log for details.'],
  ['Holiday schedule', 'Hi {first},\n\nPlease add your holidays for next quarter to the team calendar by Friday.\n\nThanks'],
  ['Q3 numbers', 'Hi {first},\n\nThe Q3 numbers are attached. Revenue is up 8% on Q2; support tickets are down 12%.\n\nBest'],
  ['Security review findings', 'Hi team,\n\nThe review found two medium issues, both in session handling. Tickets are filed; fixes are due next sprint.'],
  ['Onboarding plan for the new hire', 'Hi {first},\n\nHere is the onboarding plan for next week. Could you take the Wednesday afternoon session?'],
];
const PROJECTS = [
  ['Wren: milestone {n} planning', 'Hi {first},\n\nFor milestone {n} we focus on search and the virtual message list. Estimates by Monday, please.'],
  ['Design mockups v{n}', 'Hi {first},\n\nVersion {n} of the mockups is up. The reading pane now collapses below 900px.'],
  ['Performance test results', 'Hi all,\n\nOpening a 10,000-message folder now takes 180 ms to first paint, down from 1.4 s.'],
  ['Retro: what went well', 'Hi team,\n\nThanks for the retro. Top items: smaller pull requests, earlier design input, fewer meetings.'],
];
// Non-ASCII subjects and bodies, each with its own sender
const FOREIGN = [
  ['juergen', 'Grüße aus München – Termin am Freitag', 'Hallo {first},\n\npasst dir Freitag um 14 Uhr? Wir könnten die Änderungen am Entwurf gemeinsam durchgehen.\n\nViele Grüße\nJürgen'],
  ['juergen', 'Rückfrage zur Überweisung', 'Hallo {first},\n\ndie Überweisung ist noch nicht angekommen. Kannst du bitte kurz nachsehen?\n\nDanke und Grüße'],
  ['helene', "Réunion de l'équipe à Paris – ordre du jour", "Bonjour {first},\n\nvoici l'ordre du jour de la réunion de jeudi : budget, calendrier et présentation du prototype.\n\nÀ bientôt,\nHélène"],
  ['helene', 'Café à la Gare de Lyon ?', 'Salut {first},\n\nje serai à Paris mercredi. On prend un café près de la gare ?\n\nBises'],
  ['yamada', '来週の会議について', '{first}さん\n\n来週の会議は水曜日の午後三時からに変更になりました。よろしくお願いします。\n\n山田'],
  ['yamada', '資料を送ります', '{first}さん\n\n昨日お話しした資料を添付します。ご確認ください。\n\n山田 太郎'],
  ['olga', 'Отчёт за квартал готов', 'Здравствуйте, {first}!\n\nОтчёт за третий квартал готов, посмотрите, пожалуйста, до пятницы.\n\nС уважением,\nОльга'],
  ['olga', 'Встреча в понедельник', 'Привет, {first}!\n\nДавай встретимся в понедельник в десять утра и обсудим план.\n\nОльга'],
];
const NEWSLETTERS = [
  { from: { name: 'Frontend Digest', address: 'digest@frontend.example' }, topic: 'CSS container queries in practice', color: '#1f6feb' },
  { from: { name: 'City Library', address: 'events@library.example' }, topic: 'Author talks and reading club', color: '#8250df' },
  { from: { name: 'Trailhead Outdoors', address: 'deals@trailhead.example' }, topic: 'Autumn sale: 30% off tents', color: '#2da44e' },
  { from: { name: 'Le Petit Gourmet', address: 'bonjour@gourmet.example' }, topic: 'Recettes de saison : la tarte aux pommes', color: '#bf3989' },
];
const Q3_NUMBERS = [['month', 'revenue', 'tickets'], ['July', 41200, 312], ['August', 39850, 287], ['September', 44610, 265]];
const SPAM = [
  ['You have WON a €1,000,000 prize!!!', 'Congratulations! Send your bank details today to claim your prize.'],
  ['Re: your account will be suspended', 'Your mailbox is full. Verify your password within 24 hours at http://login.example.invalid/'],
  ['Cheap watches, best prices', 'Luxury watches at 90% off. Limited stock, order now.'],
  ['Investment opportunity – guaranteed returns', 'Double your money in 7 days with our crypto robot. No risk!'],
];

runMain('seed-demo', async () => {
  const args = parseCliArgs(process.argv.slice(2), {}, USAGE);
  const client = await connectOrThrow(args);
  try {
    if ((await countMessages(client, 'INBOX')) > 0) {
      console.log('demo mailbox already seeded');
      return;
    }
    const me = { name: 'Demo User', address: args.user.includes('@') ? args.user : `${args.user}@example.com` };
    const paths = await resolveFolders(client);
    const byFolder = groupByFolder(buildMailbox(me, Date.now()));
    let total = 0;
    // INBOX goes last, so an INBOX with mail means a complete run; after an interrupted one the
    // folders already filled are skipped rather than filled twice.
    for (const folder of [...byFolder.keys()].filter((key) => key !== 'INBOX').concat('INBOX')) {
      await ensureFolder(client, paths[folder]);
      if ((await countMessages(client, paths[folder])) > 0) continue;
      const messages = byFolder.get(folder).map((message) => ({ ...message, raw: buildMessage(message) }));
      total += await appendMessages(client, paths[folder], messages);
    }
    console.log(`seed-demo: appended ${total} messages to ${byFolder.size} folders for ${args.user}`);
  } finally {
    await client.logout().catch(() => {});
  }
});

/** Folder key -> server path; Sent, Archive and Junk go by special-use role when the server has one. */
async function resolveFolders(client) {
  const roles = { 'Sent Messages': '\\Sent', Archives: '\\Archive', Spam: '\\Junk' };
  const list = await client.list();
  const paths = {};
  for (const folder of ['INBOX', 'Work', 'Work/Projects', 'Newsletters', 'Sent Messages', 'Archives', 'Spam']) {
    const existing = roles[folder] && list.find((mailbox) => mailbox.specialUse === roles[folder]);
    paths[folder] = existing ? existing.path : toServerPath(client, folder);
  }
  return paths;
}

/** Folder -> messages oldest first, so UIDs follow the dates as they would on a real account. */
function groupByFolder(messages) {
  const byFolder = new Map();
  for (const message of [...messages].sort((a, b) => a.date - b.date)) {
    if (!byFolder.has(message.folder)) byFolder.set(message.folder, []);
    byFolder.get(message.folder).push(message);
  }
  return byFolder;
}

function buildMailbox(me, now) {
  const random = mulberry32(0x3e3d);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const startOfToday = new Date(now).setHours(0, 0, 0, 0);
  // A time between 1 and maxDays days ago, at a plausible hour
  const daysAgo = (maxDays) => startOfToday - (1 + Math.floor(random() * maxDays)) * DAY + (7 + random() * 14) * HOUR;
  const first = me.name.split(' ')[0];
  const fill = (text, n) => text.replaceAll('{first}', first).replaceAll('{n}', String(n));
  const unreadIf = (chance) => (random() < chance ? [] : ['\\Seen']);
  const maybeFlag = (flags, chance) => (random() < chance ? [...flags, '\\Flagged'] : flags);
  const messages = [];
  const add = (folder, message) =>
    messages.push({ folder, id: `<demo-${messages.length + 1}@wren.demo>`, to: [me], flags: [], ...message });
  let n = 1040;

  for (let i = 0; i < 60; i++, n++) {
    const [subject, text, sender] = pick(PERSONAL);
    const date = daysAgo(60);
    // Recent mail is more often unread, as in a real inbox
    const flags = maybeFlag(unreadIf(startOfToday - date < 7 * DAY ? 0.6 : 0.15), 0.1);
    const attachments = subject.startsWith('Invoice') ? [pdfAttachment(`invoice-${n}.pdf`, `Invoice #${n}`)] : [];
    const from = sender ? PEOPLE[sender] : pick(COLLEAGUES);
    add('INBOX', { from, subject: fill(subject, n), text: fill(text, n), date, flags, attachments });
  }
  FOREIGN.forEach(([sender, subject, text]) => {
    const attachments = subject === '資料を送ります' ? [pngAttachment('資料.png')] : [];
    const flags = maybeFlag(unreadIf(0.4), 0.2);
    add('INBOX', { from: PEOPLE[sender], subject, text: fill(text, n), date: daysAgo(30), flags, attachments });
  });
  // Today's mail, spread between midnight and now and unread
  const todays = [
    [PEOPLE.lena, 'Standup moved to 10:15'],
    [PEOPLE.ci, 'Deploy to staging succeeded'],
    [PEOPLE.sam, 'Coffee later?'],
  ];
  todays.forEach(([from, subject], i) => {
    const date = startOfToday + ((i + 1) / (todays.length + 1)) * (now - startOfToday);
    add('INBOX', { from, subject, text: `Hi ${first},\n\n${subject}\n\n${from.name.split(' ')[0]}`, date });
  });
  addThread(add, me, startOfToday - 3 * DAY + 9 * HOUR);

  for (let i = 0; i < 30; i++, n++) {
    const [subject, text] = pick(WORK);
    const from = subject.startsWith('Build') ? PEOPLE.ci : pick(COLLEAGUES);
    const attachments = subject === 'Q3 numbers' ? [csvAttachment('q3-numbers.csv', Q3_NUMBERS)] : [];
    const flags = maybeFlag(unreadIf(0.2), 0.1);
    add('Work', { from, subject: fill(subject, n), text: fill(text, n), date: daysAgo(90), flags, attachments });
  }
  for (let i = 0; i < 20; i++) {
    const [subject, text] = pick(PROJECTS);
    const milestone = (i % 6) + 1;
    const flags = maybeFlag(unreadIf(0.2), 0.15);
    add('Work/Projects', { from: pick(COLLEAGUES), subject: fill(subject, milestone), text: fill(text, milestone), date: daysAgo(90), flags });
  }
  for (let i = 0; i < 28; i++) {
    const letter = NEWSLETTERS[i % NEWSLETTERS.length];
    const issue = 100 + Math.floor(i / NEWSLETTERS.length);
    const subject = `${letter.from.name} #${issue}: ${letter.topic}`;
    add('Newsletters', { from: letter.from, subject, ...newsletterBody(letter, issue), date: daysAgo(120), flags: unreadIf(0.5) });
  }
  for (let i = 0; i < 18; i++, n++) {
    const to = pick([...COLLEAGUES, PEOPLE.helene, PEOPLE.juergen]);
    const subject = `Re: ${fill(pick(PERSONAL.filter(([, , sender]) => !sender))[0], n).replace(/^Re: /, '')}`;
    const text = `Hi ${to.name.split(' ')[0]},\n\nSounds good, thanks!\n\n${first}`;
    add('Sent Messages', { from: me, to: [to], subject, text, date: daysAgo(60), flags: ['\\Seen'] });
  }
  for (let i = 0; i < 20; i++, n++) {
    const [subject, text, sender] = pick([...PERSONAL, ...WORK]);
    const from = sender ? PEOPLE[sender] : pick(COLLEAGUES);
    const date = daysAgo(365) - 120 * DAY;
    add('Archives', { from, subject: fill(subject, n), text: fill(text, n), date, flags: ['\\Seen'] });
  }
  for (let i = 0; i < 8; i++) {
    const [subject, text] = SPAM[i % SPAM.length];
    const html = `<p style="font-size:20px">${text}</p><img src="https://track.spam.invalid/p/${i}.gif" width="1" height="1">`;
    add('Spam', { from: { name: 'Prize Desk', address: `winner${i}@lottery.invalid` }, subject, text, html, date: daysAgo(20) });
  }
  return messages;
}

/** Four messages in INBOX, each replying to the one before, with a growing References chain. */
function addThread(add, me, start) {
  const steps = [
    [PEOPLE.lena, 'Offsite venue: two options', 'Hi all,\n\nI found two venues for the offsite: the lake house (40 people) and the old brewery (60). Preferences?'],
    [PEOPLE.marco, 'Re: Offsite venue: two options', 'The lake house gets my vote, the brewery is a long way from the station.'],
    [PEOPLE.aiko, 'Re: Offsite venue: two options', 'Lake house for me too, if it has a projector.'],
    [PEOPLE.lena, 'Re: Offsite venue: two options', 'It has one. Lake house it is, I will book it today.'],
  ];
  const ids = steps.map((_, i) => `<demo-thread-${i + 1}@wren.demo>`);
  steps.forEach(([from, subject, text], i) => {
    const headers = i ? [`In-Reply-To: ${ids[i - 1]}`, `References: ${ids.slice(0, i).join(' ')}`] : [];
    const flags = i === 3 ? ['\\Flagged'] : ['\\Seen'];
    add('INBOX', { id: ids[i], from, to: [me, ...COLLEAGUES.slice(0, 3)], subject, text, headers, flags, date: start + i * 47 * 60_000 });
  });
}

function newsletterBody({ from, topic, color }, issue) {
  const image = (name, w, h) => `<img src="https://cdn.${from.address.split('@')[1]}/issue-${issue}/${name}.jpg" width="${w}" height="${h}" alt="">`;
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f4;font-family:Arial,sans-serif">
<table role="presentation" width="600" align="center" style="background:#fff"><tr><td style="background:${color};color:#fff;padding:24px">
<h1 style="margin:0">${from.name}</h1><p>Issue ${issue}</p></td></tr>
<tr><td>${image('hero', 600, 240)}</td></tr>
<tr><td style="padding:24px"><h2>${topic}</h2><p>Everything worth reading this week, in five minutes.</p>
<p><a href="https://example.org/newsletter/${issue}" style="color:${color}">Read online</a></p>${image('footer', 600, 80)}</td></tr>
<tr><td style="padding:24px;font-size:12px;color:#666"><a href="https://example.org/unsubscribe">Unsubscribe</a></td></tr></table>
<img src="https://track.${from.address.split('@')[1]}/open/${issue}.gif" width="1" height="1" alt=""></body></html>`;
  return { html, text: `${from.name}, issue ${issue}\n\n${topic}\n\nRead online: https://example.org/newsletter/${issue}` };
}

/** Small seeded PRNG: the same seed gives the same mailbox on every run. */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
