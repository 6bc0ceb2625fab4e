import { describe, expect, it } from 'vitest';
import { rowsToRender, scrollTopToShow, visibleRows } from './row-window';

const list = (scrollTop: number, viewHeight = 720, count = 10_000) => ({ count, rowHeight: 72, scrollTop, viewHeight });

describe('visibleRows', () => {
  it('at the top: the rows the view holds, a row cut at the bottom edge included', () => {
    expect(visibleRows(list(0))).toEqual({ first: 0, last: 9 });
    expect(visibleRows(list(0, 730))).toEqual({ first: 0, last: 10 });
  });

  it('scrolled: a row cut at the top edge is in view', () => {
    expect(visibleRows(list(72 * 100))).toEqual({ first: 100, last: 109 });
    expect(visibleRows(list(72 * 100 + 10))).toEqual({ first: 100, last: 110 });
  });

  it('a short list is in view whole; past the end (a shrinking list) is the end', () => {
    expect(visibleRows(list(0, 720, 3))).toEqual({ first: 0, last: 2 });
    expect(visibleRows(list(72 * 20_000))).toEqual({ first: 9990, last: 9999 });
  });

  it('no size yet (server render, first hydration) or no rows -> none', () => {
    expect(visibleRows(list(0, 0))).toBeNull();
    expect(visibleRows(list(0, 720, 0))).toBeNull();
  });
});

describe('rowsToRender', () => {
  it('adds the overscan on both sides, within the list', () => {
    expect(rowsToRender(list(0), 10)).toEqual({ first: 0, last: 19 });
    expect(rowsToRender(list(72 * 100), 10)).toEqual({ first: 90, last: 119 });
    expect(rowsToRender(list(72 * 9990), 10)).toEqual({ first: 9980, last: 9999 });
    expect(rowsToRender(list(0, 0), 10)).toBeNull();
  });
});

describe('scrollTopToShow', () => {
  it('a row in view does not move the list', () => {
    expect(scrollTopToShow(5, list(0))).toBeNull();
    expect(scrollTopToShow(101, list(72 * 100))).toBeNull();
  });

  it('a row below (or cut at the bottom) comes up to the bottom edge', () => {
    expect(scrollTopToShow(10, list(0))).toBe(72 * 11 - 720);
    expect(scrollTopToShow(9, list(0))).toBe(0);
    expect(scrollTopToShow(500, list(0))).toBe(72 * 501 - 720);
  });

  it('a row above (or at the top edge) comes down to the top edge', () => {
    expect(scrollTopToShow(99, list(72 * 100))).toBe(72 * 99);
    expect(scrollTopToShow(100, list(72 * 100))).toBe(72 * 100);
    expect(scrollTopToShow(0, list(0))).toBe(0);
  });

  it('stays within the list, and needs a view with a size', () => {
    expect(scrollTopToShow(20_000, list(0))).toBe(72 * 10_000 - 720);
    expect(scrollTopToShow(-3, list(72 * 5))).toBe(0);
    expect(scrollTopToShow(3, list(0, 0))).toBeNull();
  });
});
