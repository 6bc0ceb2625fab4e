// Prints the settings push needs, as KEY=value lines, for scripts/demo.sh and scripts/test-stack.sh:
// a new VAPID key pair (P-256: the public key as the 65-byte uncompressed point, the private key
// as its 32-byte scalar, both base64url, the form web-push and PushManager.subscribe take) and
// the secret Dovecot's push hook authenticates with. Nothing here is kept: the caller writes it.
//
//   node scripts/lib/push-keys.mjs
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const point = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
const scalar = Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url');

console.log(`VAPID_PUBLIC_KEY=${point.toString('base64url')}`);
console.log(`VAPID_PRIVATE_KEY=${scalar.toString('base64url')}`);
console.log(`PUSH_DOVECOT_SECRET=${randomBytes(24).toString('base64url')}`);
