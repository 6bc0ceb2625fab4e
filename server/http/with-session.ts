import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { localeOfRequest } from '../i18n';
import { recordRequest } from '../metrics';
import { isShuttingDown, trackRequest } from '../shutdown';
import { writeAccessLog } from './access-log';
import { API_CACHE_CONTROL, toErrorResponse } from './error-response';
import { isSameOrigin } from './origin';
import { loadSession, readCookie, SESSION_COOKIE, type Session } from '../session/session';

type RouteContext<P> = { params: Promise<P> };

interface PublicArgs<P> {
  req: Request;
  params: P;
  requestId: string;
}

interface SessionArgs<P> extends PublicArgs<P> {
  session: Session;
}

/** The language setting of a request's session, once loaded: its errors are answered in it. */
const sessionLanguage = new WeakMap<Request, string>();

/** The language a request's answers use (server/i18n.ts): its session's setting, else Accept-Language. */
export function requestLocale(req: Request) {
  return localeOfRequest(req, sessionLanguage.get(req));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function finish(response: Response, requestId: string): Response {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', API_CACHE_CONTROL);
  response.headers.set('X-Request-Id', requestId);
  return response;
}

/**
 * The route's pattern from the URL and its params (`/api/messages/[id]`): what metrics and the
 * access log name, never the URL itself (ids, search text).
 */
export function routePattern(pathname: string, params: Record<string, unknown>): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') names.set(v, name);
  }
  return pathname
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // left as it is
      }
      const name = names.get(decoded);
      return name ? `[${name}]` : segment;
    })
    .join('/');
}

function assertSameOrigin(req: Request) {
  if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) throw new AppError('forbidden', { key: 'crossOriginRequestRefused' });
}

/**
 * A handler called by a server, not a browser (the mail server's push hook): no Origin check,
 * because `authenticate` checks the caller's own credentials first (it throws to refuse).
 */
export function withServerCaller<P = Record<string, never>>(authenticate: (req: Request) => void, handler: (args: PublicArgs<P>) => Promise<Response>) {
  return withRequest<P>(handler, authenticate);
}

/**
 * Origin check, error mapping and no-store for handlers that need no session (sign-in). Each
 * request is counted while in flight (a shutdown waits for it; once stopping, new ones get 503),
 * timed into the metrics by route pattern, and written to the access log when ACCESS_LOG is on.
 */
export function withRequest<P = Record<string, never>>(handler: (args: PublicArgs<P>) => Promise<Response>, guard: (req: Request) => void = assertSameOrigin) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    const started = performance.now();
    const done = trackRequest();
    let params = {} as P;
    let response: Response;
    try {
      params = ((await ctx.params) ?? {}) as P;
      if (isShuttingDown()) throw new AppError('shutting_down');
      guard(req);
      response = finish(await handler({ req, params, requestId }), requestId);
    } catch (error) {
      // The message in the request's language: the session's setting, else Accept-Language.
      response = toErrorResponse(error, requestId, localeOfRequest(req, sessionLanguage.get(req)));
      // A stopping process asks the client (or nginx) to go elsewhere: no keep-alive, retry soon.
      if (isShuttingDown()) {
        response.headers.set('Connection', 'close');
        response.headers.set('Retry-After', '1');
      }
    } finally {
      done();
    }
    const ms = performance.now() - started;
    const route = routePattern(new URL(req.url).pathname, params as Record<string, unknown>);
    recordRequest(route, req.method, response.status, ms / 1000);
    writeAccessLog({ method: req.method, route, status: response.status, ms, requestId });
    return response;
  };
}

/** Like withRequest, and answers 401 unless the request carries a live session. */
export function withSession<P = Record<string, never>>(handler: (args: SessionArgs<P>) => Promise<Response>) {
  return withRequest<P>(async (args) => {
    const session = await loadSession(readCookie(args.req.headers.get('cookie'), SESSION_COOKIE));
    if (!session) throw new AppError('unauthorized');
    if (session.language) sessionLanguage.set(args.req, session.language);
    return handler({ ...args, session });
  });
}
