// Select options, and helpers to build them from plain lists (facets).

export interface Option {
  value: string;
  label: string;
}

export function optionsOf(values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: value }));
}

/**
 * Options for a filter select, keeping the current value even if the facet list no longer
 * has it (so the select never silently shows a different choice than the one applied).
 */
export function withCurrent(values: readonly string[], current: string): Option[] {
  const all = current && !values.includes(current) ? [...values, current] : values;
  return optionsOf(all);
}
