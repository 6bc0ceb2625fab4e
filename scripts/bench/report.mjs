// The bench's one table, the issue's figures judged on what was measured, and the JSON file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ADDED_MS = 10;
const SLOW_FLOOR_MS = 20;
const SLOW_RATIO = 1.5;
const FIRST_PAGE_SCALE = 2;
const LARGE_SCALE = 1.2;

const fmt = (x) => (x === null || x === undefined ? '-' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

/**
 * The per-operation figure: Wren's p50 adds at most 10 ms to the floor's, or is at most 1.5x
 * the floor's for an operation that takes longer than 20 ms on its own. Judged on `mailbox`
 * (the 10,000-message one) and for the account-wide operations; elsewhere only shown.
 */
export function judgeAddedCost(records, judgedMailboxes) {
  for (const r of records) {
    if (!r.floor?.p50 || !r.wren?.p50 || r.pass !== undefined || !judgedMailboxes.includes(r.mailbox)) continue;
    const added = r.wren.p50 - r.floor.p50;
    if (r.addedMs !== undefined) {
      r.target = `+${r.addedMs} ms`;
      r.pass = added <= r.addedMs;
      continue;
    }
    r.target = `+${ADDED_MS} ms or ${SLOW_RATIO}x`;
    r.pass = added <= ADDED_MS || (r.floor.p50 > SLOW_FLOOR_MS && r.wren.p50 <= SLOW_RATIO * r.floor.p50);
  }
}

/**
 * Wren's p50 of `op` on the `large` folder against the `small` one's, judged against `limit`: the
 * first page of the 100,000-message folder within 2x of the 1,000-message one's (the first wave),
 * and the first page and a first open within 1.2x of the 10,000-message one's (#22).
 */
export function scaling(records, op, small, large, limit) {
  const p50 = (mailbox) => records.find((r) => r.op === op && r.mailbox === mailbox)?.wren?.p50;
  const [a, b] = [p50(small), p50(large)];
  if (!a || !b) return [];
  const ratio = Math.round((b / a) * 100) / 100;
  const name = op === 'first page of 50' ? 'first page' : op;
  return [{ op: `${name}: ${large} / ${small}`, mailbox: large, value: ratio, unit: 'x', target: `<= ${limit}x`, pass: ratio <= limit }];
}

/** The scaling rows the bench judges (see scaling). */
export function scalingRows(records, folders) {
  return [
    ...scaling(records, 'first page of 50', folders.small, folders.large, FIRST_PAGE_SCALE),
    ...scaling(records, 'first page of 50', folders.medium, folders.large, LARGE_SCALE),
    ...scaling(records, 'open any message, first in a session', folders.medium, folders.large, LARGE_SCALE),
  ];
}

function row(r) {
  const pair = (s) => (s ? `${fmt(s.p50)} / ${fmt(s.p95)}` : '-');
  const both = r.floor?.p50 && r.wren?.p50;
  const first = r.firstTouch ? `${fmt(r.firstTouch.floor)} / ${fmt(r.firstTouch.wren)}` : '';
  const figure = r.value !== undefined ? `${r.value} ${r.unit ?? ''}`.trim() : '';
  const verdict = r.error ? 'ERROR' : r.pass === undefined ? '' : r.pass ? 'pass' : 'MISS';
  return [
    r.op,
    r.mailbox ?? '',
    pair(r.floor),
    pair(r.wren),
    both ? `${(r.wren.p50 / r.floor.p50).toFixed(2)}x` : '',
    both ? fmt(r.wren.p50 - r.floor.p50) : '',
    first,
    figure,
    r.target ?? '',
    verdict,
  ];
}

/** The table, as text: one line per record, then the notes and errors. */
export function formatTable(records) {
  const head = ['operation', 'mailbox', 'floor p50/p95 ms', 'Wren p50/p95 ms', 'ratio', 'added ms', '1st floor/Wren', 'figure', 'target', 'result'];
  const rows = [head, ...records.map(row)];
  const widths = head.map((_, i) => Math.max(...rows.map((cells) => String(cells[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  for (const r of records) {
    if (r.note) out.push(`  note: ${r.op}${r.mailbox ? ` (${r.mailbox})` : ''}: ${r.note}`);
    if (r.error) out.push(`  error: ${r.op}${r.mailbox ? ` (${r.mailbox})` : ''}: ${r.error}`);
    if (r.flaky) out.push(`  flaky: ${r.op}${r.mailbox ? ` (${r.mailbox})` : ''}: ${r.flaky}`);
  }
  return out.join('\n');
}

function dovecotVersion() {
  try {
    return execFileSync('dovecot', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? null,
    cpuCount: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 1048576),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    dovecot: dovecotVersion(),
  };
}

/** Writes the run as JSON under `outDir`; returns the file. */
export function writeJson(outDir, run) {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${run.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
