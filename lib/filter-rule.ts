import type { FilterRule } from './schemas';

/**
 * A filter rule with no action chosen yet ("from contains ''" unless `fields` says otherwise):
 * the editor's new rule, "Filter messages like this", and Block sender all start from it.
 */
export function newFilterRule(id: string, fields: Partial<Omit<FilterRule, 'id'>> = {}): FilterRule {
  return {
    id,
    enabled: true,
    field: 'from',
    match: 'contains',
    value: '',
    fileInto: null,
    markRead: false,
    star: false,
    forwardTo: null,
    forwardKeep: true,
    discard: false,
    stop: false,
    ...fields,
  };
}
