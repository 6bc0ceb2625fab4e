import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { toErrorResponse } from './error-response';
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function finish(response: Response, requestId: string): Response {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
  response.headers.set('X-Request-Id', requestId);
  return response;
}

/** Origin check, error mapping and no-store for handlers that need no session (sign-in). */
export function withRequest<P = Record<string, never>>(handler: (args: PublicArgs<P>) => Promise<Response>) {
  return async (req: Request, ctx?: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
        throw new AppError('forbidden', 'Cross-origin request refused');
      }
      const params = ((await ctx?.params) ?? {}) as P;
      return finish(await handler({ req, params, requestId }), requestId);
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

/** Like withRequest, and answers 401 unless the request carries a live session. */
export function withSession<P = Record<string, never>>(handler: (args: SessionArgs<P>) => Promise<Response>) {
  return withRequest<P>(async (args) => {
    const session = await loadSession(readCookie(args.req.headers.get('cookie'), SESSION_COOKIE));
    if (!session) throw new AppError('unauthorized');
    return handler({ ...args, session });
  });
}
