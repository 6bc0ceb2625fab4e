// Linux /proc readings for the bench: which process listens on a port, and its resident memory.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The socket inode of the TCP listener on 127.0.0.1:`port` (or any address), or null. */
function listenerInode(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines;
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      // cols[1] local address:port, cols[3] state (0A = LISTEN), cols[9] inode
      if (cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`)) return cols[9];
    }
  }
  return null;
}

/**
 * The pid of the process listening on `port`: `next start` serves from a child process
 * (next-server), so the launcher's pid is not the one whose memory counts.
 */
export function pidListeningOn(port) {
  const inode = listenerInode(port);
  if (!inode) return null;
  const socket = `socket:[${inode}]`;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === socket) return Number(pid);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return null;
}

/** Resident memory of `pid` in bytes (VmRSS). */
export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * Samples `pid`'s RSS every `everyMs` while `fn` runs. Returns fn's value, the growth over the
 * RSS at the start (the peak minus the baseline) in bytes, and the growth over time as
 * [seconds, MB] once a second (a server buffering the whole file grows at once; garbage that
 * waits for the collector grows steadily).
 */
export async function withRssSampling(pid, fn, everyMs = 50) {
  const started = performance.now();
  const baseline = rssBytes(pid);
  let peak = baseline;
  const series = [];
  const sample = () => {
    const rss = rssBytes(pid);
    peak = Math.max(peak, rss);
    const seconds = (performance.now() - started) / 1000;
    if (seconds >= series.length) series.push([Math.round(seconds * 10) / 10, Math.round(((rss - baseline) / 1048576) * 10) / 10]);
  };
  const timer = setInterval(sample, everyMs);
  try {
    const value = await fn();
    sample();
    return { value, baseline, peak, growth: peak - baseline, series };
  } finally {
    clearInterval(timer);
  }
}

/**
 * CPU milliseconds process `pid` has used so far (user + system, all its threads: Wren's
 * sanitizer threads included), from /proc/<pid>/stat in clock ticks (100 a second on Linux).
 * On a shared machine this moves far less than wall time: the bench reports it per open.
 */
export function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Sends SIGKILL to this process's children whose command is `name` (a browser it launched). */
export function killChildren(name) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && comm.startsWith(name)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * CPU milliseconds used so far by the children of `ppid` (a Dovecot master's imap processes),
 * counted over those alive now: call it around work done on connections that stay open.
 */
export function childrenCpuMs(ppid) {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === ppid) sum += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return sum;
}
