import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** A TCP port nobody listens on, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Wren {
  port: number;
  origin: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  output: () => string;
}

/** Copies the build's static files beside `.next/standalone/server.js`, as `npm run build` does. */
export function prepareStandalone(): string {
  const copied = spawnSync(process.execPath, [join(process.cwd(), 'scripts/standalone-assets.mjs')], { encoding: 'utf8' });
  expect(copied.status, copied.stderr).toBe(0);
  return join(process.cwd(), '.next/standalone');
}

/**
 * A Wren process of the build on a free loopback port, sessions in the test Redis; resolves once
 * /api/health answers. `next start` by default; `standalone` runs `.next/standalone/server.js`
 * (the deployed form, docs/DEPLOY.md) after copying its static files beside it; `standaloneDir`
 * runs the server.js of a standalone directory made ready elsewhere (a copy of it).
 */
export async function startWren(opts: { standalone?: boolean; standaloneDir?: string; env?: Record<string, string> } = {}): Promise<Wren> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: process.env.WREN_TEST_REDIS_URL, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...opts.env };
  let args = [join(process.cwd(), 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)];
  if (opts.standalone || opts.standaloneDir) {
    args = [join(opts.standaloneDir ?? prepareStandalone(), 'server.js')];
    Object.assign(env, { PORT: String(port), HOSTNAME: '127.0.0.1' });
  }
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const origin = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status, { timeout: 60_000, intervals: [100] })
    .toBe(200);
  return { port, origin, process: child, exited, output: () => output };
}

/** Ends a Wren process still running (SIGKILL: the test is over). */
export function killWren(wren: Wren | undefined) {
  if (wren && wren.process.exitCode === null && wren.process.signalCode === null) wren.process.kill('SIGKILL');
}

/** `promise`, or a failure naming `what` after `ms`: a stuck step fails in seconds, not at the test's timeout. */
export function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => void (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
