import { rmSync } from 'node:fs';
import { expect, test as setup } from '@playwright/test';
import { resetToMessageRows } from '../support/dovecot';
import { authStatePath, ensureDirOf, PASSWORD } from './helpers';

// The setup project (playwright.config.ts): each user the specs sign in as signs in once, by the
// same POST /api/session the form's script sends, and its storage state (the session and device
// cookies) is kept for the specs' signIn(). The form itself is tested by sign-in.spec.ts and the
// specs that use signInWithForm; here it would only cost a page load per user. Every run starts a
// new Wren, whose sessions live in its memory, so the states are made afresh each run.
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
  setup(`sign in as ${user}`, async ({ request, baseURL }) => {
    const state = authStatePath(user);
    rmSync(state, { force: true });
    const answer = await request.post('/api/session', { data: { username: user, password: PASSWORD }, headers: { Origin: baseURL! } });
    expect(answer.status(), await answer.text()).toBe(200);
    ensureDirOf(state);
    await request.storageState({ path: state });
  });
}
