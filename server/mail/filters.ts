import 'server-only';
import type { FilterRulesInput, VacationInput } from '@/lib/schemas';
import type { FiltersDto, VacationDto } from '@/lib/types';
import type { Session } from '../session/session';
import { withSieve } from '../sieve/connect';
import { orUnavailable, readSieve, writeSieve } from './filters/state';

/*
 * Vacation reply and filters, kept on the mail server in Wren's Sieve script over ManageSieve
 * (RFC 5804): Pigeonhole runs it at delivery, whether or not Wren is open. Both live in one
 * script and one model; saving one keeps the other as the server has it.
 */

/** The vacation reply as saved (off when none), and whose script the server runs. */
export async function getVacation(session: Session): Promise<VacationDto> {
  return orUnavailable(() =>
    withSieve(session, async (client) => {
      const { model, state } = await readSieve(client);
      return { ...state, vacation: model.vacation };
    }),
  );
}

/** Replaces the vacation reply; the rules stay. Answers the new state. */
export async function saveVacation(session: Session, input: VacationInput): Promise<VacationDto> {
  return withSieve(session, async (client) => {
    const { model } = await readSieve(client);
    const saved = await writeSieve(client, { ...model, vacation: input.vacation }, input.replaceActive);
    return { ...saved.state, vacation: saved.model.vacation };
  });
}

/** The rules as saved, in order, and whose script the server runs. */
export async function getFilters(session: Session): Promise<FiltersDto> {
  return orUnavailable(() =>
    withSieve(session, async (client) => {
      const { model, state } = await readSieve(client);
      return { ...state, rules: model.rules };
    }),
  );
}

/** Replaces the rules (their order is the order they run in); the vacation reply stays. */
export async function saveFilters(session: Session, input: FilterRulesInput): Promise<FiltersDto> {
  return withSieve(session, async (client) => {
    const { model } = await readSieve(client);
    const saved = await writeSieve(client, { ...model, rules: input.rules }, input.replaceActive);
    return { ...saved.state, rules: saved.model.rules };
  });
}
