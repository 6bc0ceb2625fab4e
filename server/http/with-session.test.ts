import { describe, expect, it } from 'vitest';
import { routePattern } from './with-session';

describe('routePattern', () => {
  it('puts the route params back as their names: no id reaches metrics or the access log', () => {
    expect(routePattern('/api/messages/SU5CT1g6MTox', { id: 'SU5CT1g6MTox' })).toBe('/api/messages/[id]');
    expect(routePattern('/api/messages/a%2Fb/attachments/2', { id: 'a/b', part: '2' })).toBe('/api/messages/[id]/attachments/[part]');
    expect(routePattern('/api/folders', {})).toBe('/api/folders');
  });
});
