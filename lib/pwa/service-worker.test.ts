import { describe, expect, it } from 'vitest';
import { routeOf } from './service-worker';

const ORIGIN = 'https://mail.example.org';
const req = (path: string, mode = 'cors', method = 'GET') => ({ method, mode, url: new URL(path, ORIGIN).href });

describe('what the service worker answers', () => {
  it('static files from its cache', () => {
    expect(routeOf(req('/_next/static/chunks/0abc.js', 'no-cors'), ORIGIN)).toBe('static');
    expect(routeOf(req('/_next/static/chunks/1miihebco224o.css', 'no-cors'), ORIGIN)).toBe('static');
  });

  it('page loads: the network, then the offline shell', () => {
    for (const path of ['/', '/mail', '/mail/Work/Projects?q=x', '/login?next=%2Fmail', '/offline']) {
      expect(routeOf(req(path, 'navigate'), ORIGIN)).toBe('page');
    }
  });

  it.each([
    ['the event stream', req('/api/events?folder=INBOX')],
    ['a list of mail', req('/api/messages?folder=INBOX')],
    ['an attachment opened as a page', req('/api/messages/1.2.SU5CT1g/attachments/2', 'navigate')],
    ['the image proxy, as an image', req('/api/image-proxy?u=x', 'no-cors')],
    ['the image proxy, opened as a page', req('/api/image-proxy?u=x', 'navigate')],
    ['a bare /api navigation', req('/api', 'navigate')],
    ['the sign-in form posted without JavaScript', req('/api/session', 'navigate', 'POST')],
    ['a POST page load', req('/mail', 'navigate', 'POST')],
    ['metrics', req('/metrics', 'navigate')],
    ['the React Server Components fetch of a view', req('/mail/Work?_rsc=1')],
    ['the manifest', req('/manifest.webmanifest')],
    ['an icon', req('/icons/icon-192.png', 'no-cors')],
    ['the worker script', req('/sw.js', 'same-origin')],
    ['an image optimized by Next', req('/_next/image?url=x', 'no-cors')],
    ['another origin', { method: 'GET', mode: 'navigate', url: 'https://evil.example/mail' }],
    ['another origin’s static-looking file', { method: 'GET', mode: 'no-cors', url: 'https://cdn.example/_next/static/x.js' }],
  ])('not %s: the network alone, nothing kept', (_name, request) => {
    expect(routeOf(request, ORIGIN)).toBeNull();
  });

  it('treats a folder named like the API as a page', () => {
    expect(routeOf(req('/mail/api', 'navigate'), ORIGIN)).toBe('page');
    expect(routeOf(req('/apiary', 'navigate'), ORIGIN)).toBe('page');
  });
});
