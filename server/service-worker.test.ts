import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readServiceWorkerConfig, serviceWorkerScript } from './service-worker';

const dist = mkdtempSync(join(tmpdir(), 'wren-sw-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function file(path: string, text = '') {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

describe('the service worker script of a build', () => {
  it('names the build and its static files, not the rest', () => {
    file('BUILD_ID', 'abc123\n');
    file('static/chunks/0a.js');
    file('static/chunks/1b.css');
    file('static/abc123/_buildManifest.js');
    file('static/media/font.woff2');
    file('static/media/sanitize-worker.3s24.ts');
    file('server/app/mail.js');
    // A client chunk webpack emits for each route handler: no page loads one.
    file('static/chunks/app/api/events/route-9f.js');
    file('static/chunks/app/mail/page-7e.js');
    expect(readServiceWorkerConfig(dist)).toEqual({
      version: 'abc123',
      shell: '/offline',
      precache: [
        '/_next/static/abc123/_buildManifest.js',
        '/_next/static/chunks/0a.js',
        '/_next/static/chunks/1b.css',
        '/_next/static/chunks/app/mail/page-7e.js',
        '/_next/static/media/font.woff2',
      ],
    });
  });

  it('is a script that runs the worker with that configuration, and differs from build to build', () => {
    const config = { version: 'abc123', shell: '/offline', precache: ['/_next/static/chunks/0a.js'] };
    const script = serviceWorkerScript(config);
    const listeners: string[] = [];
    const scope = { location: { origin: 'https://x.test' }, addEventListener: (type: string) => listeners.push(type), skipWaiting: () => Promise.resolve() };
    // The script as the browser runs it: the worker's global is `self`.
    new Function('self', script)(scope);
    // The shell's (skip-waiting) and offline's (keep, replay) each listen for messages.
    expect(listeners.sort()).toEqual(['activate', 'fetch', 'install', 'message', 'message', 'notificationclick', 'push']);
    expect(script).toContain('"version":"abc123"');
    expect(serviceWorkerScript({ ...config, version: 'def456' })).not.toBe(script);
  });

  it('sends the API past the worker where the browser has static routes (a keepalive save on pagehide is not dropped)', () => {
    const script = serviceWorkerScript({ version: 'abc123', shell: '/offline', precache: [] });
    const handlers = new Map<string, (event: unknown) => void>();
    const scope = { location: { origin: 'https://x.test' }, addEventListener: (type: string, handler: (event: unknown) => void) => handlers.set(type, handler), skipWaiting: () => Promise.resolve() };
    new Function('self', script)(scope);
    const routes: unknown[] = [];
    // No Cache Storage here: the install's filling fails, its routes do not depend on it.
    handlers.get('install')!({ waitUntil: (promise: Promise<unknown>) => promise.catch(() => undefined), addRoutes: (rules: unknown[]) => (routes.push(...rules), Promise.resolve()) });
    expect(routes).toEqual([{ condition: { urlPattern: '/api/*' }, source: 'network' }]);
    // A browser without static routes installs the same worker.
    expect(() => handlers.get('install')!({ waitUntil: (promise: Promise<unknown>) => promise.catch(() => undefined) })).not.toThrow();
  });

  it('has no build in a development tree', () => {
    expect(readServiceWorkerConfig(join(dist, 'missing'))).toEqual({ version: 'development', shell: '/offline', precache: [] });
  });
});
