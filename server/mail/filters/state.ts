import 'server-only';
import type { SieveModel } from '@/lib/schemas';
import type { SieveStateDto, SieveUnavailableDto } from '@/lib/types';
import { AppError } from '../../errors';
import type { ManageSieveClient } from '../../sieve/client';
import { SieveError } from '../../sieve/client';
import { emptyModel, generateScript, readModel, WREN_SCRIPT } from '../../sieve/script';

/*
 * Wren's script on the server, read and written as its model: which script is active, Wren's
 * model (empty when Wren has no script yet, or its script carries no readable model), and the
 * other active script, shown read-only. Other scripts are never changed or deleted: saving
 * Wren's only makes it the active one, and only once the user agreed when another was active.
 */

export interface SieveRead {
  model: SieveModel;
  state: SieveStateDto;
}

/** What Wren can offer with the server's Sieve extensions (its SIEVE capability). */
export function supportsOf(extensions: string[]): SieveStateDto['supports'] {
  const has = (name: string) => extensions.includes(name);
  return {
    dates: has('date') && has('relational'),
    flags: has('imap4flags'),
    forwardCopy: has('copy'),
    fileInto: has('fileinto'),
    vacation: has('vacation'),
  };
}

async function getScriptOrNull(client: ManageSieveClient, name: string): Promise<string | null> {
  try {
    return await client.getScript(name);
  } catch (error) {
    // Deleted by another client between LISTSCRIPTS and GETSCRIPT.
    if (error instanceof SieveError && error.responseCode === 'NONEXISTENT') return null;
    throw error;
  }
}

/** The model in Wren's script and the server's state. */
export async function readSieve(client: ManageSieveClient): Promise<SieveRead> {
  const scripts = await client.listScripts();
  const active = scripts.find((s) => s.active) ?? null;
  const ours = scripts.some((s) => s.name === WREN_SCRIPT) ? await getScriptOrNull(client, WREN_SCRIPT) : null;
  let otherScript: SieveStateDto['otherScript'] = null;
  if (active && active.name !== WREN_SCRIPT) {
    const script = await getScriptOrNull(client, active.name);
    if (script !== null) otherScript = { name: active.name, script };
  }
  return {
    model: (ours !== null && readModel(ours)) || emptyModel(),
    state: {
      available: true,
      active: !active ? 'none' : active.name === WREN_SCRIPT ? 'wren' : 'other',
      otherScript,
      supports: supportsOf(client.capabilities.sieve),
    },
  };
}

/**
 * Stores `model` as Wren's script and makes it the active one. Another active script is
 * replaced only with `replaceActive` (the user agreed); else 409 and nothing changes. An
 * extension the server lacks, or a script it refuses (PUTSCRIPT compiles it), is
 * `sieve_refused` with the server's words.
 */
export async function writeSieve(client: ManageSieveClient, model: SieveModel, replaceActive: boolean): Promise<SieveRead> {
  const scripts = await client.listScripts();
  const active = scripts.find((s) => s.active) ?? null;
  if (active && active.name !== WREN_SCRIPT && !replaceActive) {
    throw new AppError('conflict', { key: 'otherFilterScript', values: { name: active.name } });
  }
  const { script, extensions } = generateScript(model);
  const missing = extensions.filter((name) => !client.capabilities.sieve.includes(name));
  if (missing.length) {
    throw new AppError('sieve_refused', { key: 'sieveLacks', values: { missing: missing.join(', ') } });
  }
  await client.putScript(WREN_SCRIPT, script);
  if (active?.name !== WREN_SCRIPT) await client.setActive(WREN_SCRIPT);
  return { model, state: { available: true, active: 'wren', otherScript: null, supports: supportsOf(client.capabilities.sieve) } };
}

/**
 * For GET: ManageSieve missing (SIEVE_PORT=0, refused, unreachable, TLS failing) is an answer,
 * not an error, so the UI can hide filters and say why.
 */
export async function orUnavailable<T>(read: () => Promise<T>): Promise<T | SieveUnavailableDto> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'sieve_unavailable' || error.code === 'sieve_tls')) {
      return { available: false, reason: error.message };
    }
    throw error;
  }
}
