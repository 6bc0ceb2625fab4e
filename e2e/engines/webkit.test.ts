import { inject, test } from 'vitest';
import { runJourney } from './journey';
import { launchWebKit } from './webkit';

test('WebKit (WebKitGTK over classic WebDriver): sign in, open a folder and an HTML message, Back, reply, sign out', async () => {
  await runJourney(launchWebKit, { baseUrl: inject('engineBaseUrl'), user: 'webkit' });
});
