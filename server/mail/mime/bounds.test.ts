import type { MessageStructureObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { complexityProblem } from './bounds';

const leaf = (): MessageStructureObject => ({ type: 'text/plain' }) as MessageStructureObject;
const multi = (children: MessageStructureObject[]): MessageStructureObject => ({ type: 'multipart/mixed', childNodes: children }) as MessageStructureObject;

describe('MIME bounds', () => {
  it('ordinary messages are within bounds', () => {
    expect(complexityProblem(multi([leaf(), multi([leaf(), leaf()])]))).toBeNull();
  });

  it('more than 1,000 parts, or nesting deeper than 64, is too complex', () => {
    expect(complexityProblem(multi(Array.from({ length: 1000 }, leaf)))).toMatch(/more than 1000 parts/);
    let deep = leaf();
    for (let i = 0; i < 70; i++) deep = multi([deep]);
    expect(complexityProblem(deep)).toMatch(/more than 64 deep/);
  });
});
