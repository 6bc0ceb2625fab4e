import { describe } from 'vitest';
import { describeActionsSuite } from './move-actions-suite';
import { setOrganizeServer } from './move-fixtures';
import { describeMoveSuite } from './move-suite';

// The same cases against a Dovecot that does not advertise MOVE (Wren copies, then removes
// exactly the copied originals) and has no \Archive folder.
setOrganizeServer('NOMOVE');

describe('organize, server without MOVE', () => {
  describeMoveSuite({ move: false });
  describeActionsSuite({ archive: null });
});
