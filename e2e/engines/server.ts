import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadStackEnv } from '../support/stack-env';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the Wren under test answers, e.g. http://127.0.0.1:40123. */
    engineBaseUrl: string;
  }
}

/** A TCP port nobody listens on, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers at all (any status), or fails after `timeout` ms. */
export async function waitForHttp(url: string, timeout: number, child?: ChildProcess): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process that serves it exited with ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > end) throw new Error(`${url} did not answer within ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * vitest's globalSetup for the engine journey: `next start` on a free loopback port, on the build
 * in .next/ and the test stack's settings (the in-memory session store, like the Playwright
 * server), stopped when the run ends. WREN_ENGINES_BASE_URL points the journey at a Wren that is
 * already running instead.
 */
export default async function setup(project: TestProject) {
  const given = process.env.WREN_ENGINES_BASE_URL;
  if (given) {
    project.provide('engineBaseUrl', given.replace(/\/$/, ''));
    return;
  }
  const root = process.cwd();
  if (!existsSync(join(root, '.next/BUILD_ID'))) throw new Error('No build in .next/: run `npm run build` first (npm test does).');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(join(root, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...loadStackEnv(root), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(`${baseUrl}/login`, 60_000, child);
  } catch (error) {
    stop();
    throw error;
  }
  project.provide('engineBaseUrl', baseUrl);
  return stop;
}
