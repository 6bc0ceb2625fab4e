import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';

test('invalid configuration stops the server at start with one message listing every problem', async () => {
  const child = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', '3299'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', IMAP_PORT: 'abc', IMAP_TLS: 'maybe', SESSION_SECRET: 'short' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve(null);
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('Wren configuration is invalid');
  for (const name of ['IMAP_HOST', 'IMAP_PORT', 'IMAP_TLS', 'SESSION_SECRET']) expect(output).toContain(name);
});
