import { describe } from 'vitest';
import { describeActionsSuite } from './move-actions-suite';
import { setOrganizeServer } from './move-fixtures';
import { describeMoveSuite } from './move-suite';

// Organize against a Dovecot that has MOVE and an \Archive folder ("Archives").
setOrganizeServer('MOVE');

describe('organize, server with MOVE', () => {
  describeMoveSuite({ move: true });
  describeActionsSuite({ archive: 'Archives' });
});
