import type { Unit } from '../organizationContext';

/** The kinds of unit the organizations this platform serves use; the API accepts any label. */
export const unitLabels = ['branch', 'department', 'team', 'workgroup', 'order group'] as const;

/** A unit as a choice in a list: indented by its depth (top-level units have depth 1), so the tree shows. */
export function unitChoice(unit: Unit) {
  return { value: unit.id, label: `${'— '.repeat(Math.max(0, Number(unit.depth) - 1))}${unit.name}` };
}
