import { describe, expect, it } from 'vitest';
import { withoutSnoozeHeader, withSnoozeHeader } from './folders';

const message = Buffer.from('From: a@b.example\r\nSubject: Hi\r\n\r\nBody\r\n');

describe('the snooze header', () => {
  it('goes first, with the time, and comes off to give back the message byte for byte', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const snoozed = withSnoozeHeader(message, at);
    expect(snoozed.toString()).toBe(`X-Wren-Snoozed-Until: 2026-01-02T03:04:05.000Z\r\n${message.toString()}`);
    expect(withoutSnoozeHeader(snoozed).equals(message)).toBe(true);
  });

  it('snoozed again replaces the time instead of adding a line', () => {
    const twice = withSnoozeHeader(withSnoozeHeader(message, 1000), 2000);
    expect(twice.toString().match(/X-Wren-Snoozed-Until/g)).toHaveLength(1);
    expect(twice.toString()).toContain(new Date(2000).toISOString());
  });

  it('leaves a message without it alone', () => {
    expect(withoutSnoozeHeader(message)).toBe(message);
  });
});
