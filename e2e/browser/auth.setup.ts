import { rmSync } from 'node:fs';
import { test as setup } from '@playwright/test';
import { resetToMessageRows } from '../support/dovecot';
import { authStatePath, ensureDirOf, signInWithForm } from './helpers';

// The setup project (playwright.config.ts): each user the specs sign in as signs in once, through
// the real form, and its storage state is kept for the specs' signIn(). Every run starts a new
// Wren, whose sessions live in its memory, so the states are made afresh each run.
export const SPEC_USERS = ['carol', 'cleo', 'pia', 'sam', 'sal', 'sec', 'fay', 'otto', 'tia', 'lena', 'dave', 'erin', 'cori', 'bulk', 'sela', 'kit', 'rex', 'finn', 'lina', 'quill', 'vale', 'wing', 'iris', 'nora', 'ana', 'ben', 'cyd', 'oona', 'opal', 'odile', 'axel', 'axa', 'dusk', 'dawn', 'sorin', 'prue', 'schnee'];

// Every user of the specs written before conversations (#21) lists one row per message: their
// settings entry says so (e2e/support/dovecot.ts), before anything reads it. Conversations are
// on by default: theo (conversations.spec.ts) keeps the default.
const MESSAGE_ROW_USERS = [...SPEC_USERS, 'luis', 'lior', 'lars', 'nojs', 'nell', 'remy', 'rory', 'otis', 'tabs', 'scheme'];

for (const user of MESSAGE_ROW_USERS) {
  setup(`${user} lists message by message`, async () => {
    await resetToMessageRows(user);
  });
}

for (const user of SPEC_USERS) {
  setup(`sign in as ${user} through the form`, async ({ page }) => {
    const state = authStatePath(user);
    rmSync(state, { force: true });
    await signInWithForm(page, user);
    ensureDirOf(state);
    await page.context().storageState({ path: state });
  });
}
