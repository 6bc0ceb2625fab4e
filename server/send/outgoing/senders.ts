import 'server-only';
import type { SenderDto } from '@/lib/compose';
import type { Settings } from '@/lib/schemas';
import type { AddressDto } from '@/lib/types';
import { AppError } from '../../errors';
import { readSettings } from '../../mail/settings';
import { senderAddress } from '../../session/sender';
import type { Session } from '../../session/session';

/*
 * Who the user may send as: the account's own address, and the addresses of the identities in
 * their settings (server/mail/settings.ts). The browser names the address; the server checks it
 * here and takes the Reply-To from the identity, never from the request.
 */

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The Froms the composer offers, in order: the account's address (under the display name, else
 * the default identity's name), unless an identity has that address, then the identities (an
 * identity without a name takes the display name). The default is the default identity, else the
 * account's address.
 */
export function sendersOf(account: string, settings: Settings): { senders: SenderDto[]; defaultSenderId: string } {
  const fallbackName = settings.displayName || settings.identities.find((i) => i.isDefault)?.name || '';
  const identities: SenderDto[] = settings.identities.map(({ id, name, address, replyTo, signatureHtml, signatureText }) => ({
    id,
    name: name || settings.displayName,
    address,
    ...(replyTo ? { replyTo } : {}),
    ...(signatureHtml ? { signatureHtml } : {}),
    ...(signatureText ? { signatureText } : {}),
  }));
  const own = identities.some((i) => same(i.address, account)) ? [] : [{ id: 'account', name: fallbackName, address: account }];
  const senders = [...own, ...identities];
  const defaultSenderId = settings.identities.find((i) => i.isDefault)?.id ?? senders[0].id;
  return { senders, defaultSenderId };
}

/** Whether `address` is one the user may send as. */
export const isOwnAddress = (account: string, settings: Settings, address: string) =>
  same(address, account) || settings.identities.some((i) => same(i.address, address));

/**
 * The From and Reply-To of a compose: `fromAddress` (the account's when absent) if the user may
 * send as it, with the name they typed and the Reply-To of the identity with that address. An
 * address that is neither is refused (403) when sending; a draft is kept under the account's own
 * address instead (saving must not fail: the send then says why it cannot go as chosen).
 */
export async function resolveSender(
  session: Session,
  input: { fromName: string; fromAddress?: string },
  opts: { forDraft: boolean },
): Promise<{ from: AddressDto; replyTo?: string }> {
  const account = senderAddress(session);
  const wanted = input.fromAddress ?? account;
  const settings = await readSettings(session);
  if (!isOwnAddress(account, settings, wanted)) {
    if (opts.forDraft) return { from: { name: input.fromName.trim(), address: account } };
    throw new AppError('forbidden', { key: 'cannotSendAs', values: { address: wanted } });
  }
  const identity = settings.identities.find((i) => same(i.address, wanted));
  return { from: { name: input.fromName.trim(), address: identity?.address ?? account }, ...(identity?.replyTo ? { replyTo: identity.replyTo } : {}) };
}
