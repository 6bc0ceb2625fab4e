import { rmSync } from 'node:fs';
import { test as setup } from '@playwright/test';
import { authStatePath, ensureDirOf, signInWithForm } from './helpers';

// The setup project (playwright.config.ts): each user the specs sign in as signs in once, through
// the real form, and its storage state is kept for the specs' signIn(). Every run starts a new
// Wren, whose sessions live in its memory, so the states are made afresh each run.
export const SPEC_USERS = ['carol', 'cleo', 'pia', 'sam', 'sal', 'sec', 'fay', 'otto', 'tia', 'lena', 'dave', 'erin', 'cori', 'bulk', 'sela', 'kit', 'rex', 'finn', 'lina', 'quill', 'vale', 'wing', 'iris', 'nora', 'ana', 'ben', 'cyd', 'oona', 'opal', 'odile', 'axel', 'axa', 'dusk', 'dawn', 'schnee'];

for (const user of SPEC_USERS) {
  setup(`sign in as ${user} through the form`, async ({ page }) => {
    const state = authStatePath(user);
    rmSync(state, { force: true });
    await signInWithForm(page, user);
    ensureDirOf(state);
    await page.context().storageState({ path: state });
  });
}
