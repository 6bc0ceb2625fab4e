import { describe, expect, it } from 'vitest';
import { shortcutTable, type ShortcutDeps } from './shortcut-table';
import { SHORTCUT_KEYS } from './use-shortcuts';

describe('shortcutTable', () => {
  it('has exactly the keys use-shortcuts claims before the table is loaded', () => {
    // Every dependency a no-op: only the table's keys are looked at.
    const deps = new Proxy({}, { get: () => () => undefined }) as unknown as ShortcutDeps;
    expect(Object.keys(shortcutTable(deps)).sort()).toEqual(['Enter', 'Escape', ...SHORTCUT_KEYS].sort());
  });
});
