import { expect } from 'vitest';
import * as messagesRoute from '@/app/api/messages/route';
import type { MessagePageDto } from '@/lib/types';
import { call } from './call';

/** One window of GET /api/messages (`query` is what follows the `?`) as `cookie`'s user, once it answered 200. */
export async function listPage(cookie: string, query: string): Promise<MessagePageDto> {
  const res = await call(messagesRoute.GET, `/api/messages?${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.json();
}
