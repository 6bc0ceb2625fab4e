import { describe, expect, it } from 'vitest';
import { fromLocalInput, snoozeChoices, toLocalInput } from './scheduler';

describe('snoozeChoices', () => {
  it('offers later today (on the hour, 3 h on), tomorrow 8:00 and next Monday 8:00', () => {
    const wednesday = new Date(2026, 0, 7, 10, 20);
    const choices = snoozeChoices(wednesday);
    expect(choices.map((c) => c.key)).toEqual(['laterToday', 'tomorrow', 'nextWeek']);
    expect(new Date(choices[0].at)).toEqual(new Date(2026, 0, 7, 13, 0));
    expect(new Date(choices[1].at)).toEqual(new Date(2026, 0, 8, 8, 0));
    expect(new Date(choices[2].at)).toEqual(new Date(2026, 0, 12, 8, 0));
  });

  it('leaves out later today late in the evening, and next week from a Monday is the Monday after', () => {
    const mondayNight = new Date(2026, 0, 12, 22, 30);
    const choices = snoozeChoices(mondayNight);
    expect(choices.map((c) => c.key)).toEqual(['tomorrow', 'nextWeek']);
    expect(new Date(choices[1].at)).toEqual(new Date(2026, 0, 19, 8, 0));
  });
});

describe('datetime-local values', () => {
  it('round-trips a time to the minute in the browser zone', () => {
    const at = new Date(2026, 4, 3, 9, 5).getTime();
    expect(toLocalInput(at)).toBe('2026-05-03T09:05');
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput('')).toBeNaN();
  });
});
