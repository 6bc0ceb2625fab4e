import { inject, test } from 'vitest';
import { launchFirefox } from './firefox';
import { runJourney } from './journey';

test('Firefox (Gecko over WebDriver BiDi): sign in, open a folder and an HTML message, Back, reply, sign out', async () => {
  await runJourney(launchFirefox, { baseUrl: inject('engineBaseUrl'), user: 'gecko' });
});
