// The people behind a figure, as a route: `#/people?generation=Baby%20Boomers&trained=no&…`
// carries the figure's group and the report's filters, so a bar or a row links to exactly the
// people the report counts (the core's people_page applies the report's own rules).
import type { Filters, PeopleQuery, ProgramFormat } from '../api';

/** The group a figure is about: one value per dimension it splits by. */
export interface PeopleGroup {
  generation?: string | null;
  role?: string | null;
  location?: string | null;
  age_band?: string | null;
}

const FILTER_KEYS = ['skill_area', 'program_format', 'program_id', 'from', 'to', 'as_of', 'department', 'manager_id'] as const;
const GROUP_KEYS = ['generation', 'role', 'location', 'age_band'] as const;

/** The route of the people a figure counts; `trained` false pre-selects "not yet trained". */
export function peopleHref(filters: Filters, group: PeopleGroup, trained: boolean | null): string {
  const params = new URLSearchParams();
  for (const key of GROUP_KEYS) {
    const value = group[key];
    if (value) params.set(key, value);
  }
  if (trained !== null) params.set('trained', trained ? 'yes' : 'no');
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.include_inactive) params.set('include_inactive', 'yes');
  if (filters.current) params.set('current', 'yes');
  return `#/people?${params.toString()}`;
}

/** The query a people route asks for (unknown parameters are ignored). */
export function parsePeopleParams(search: string): PeopleQuery {
  const params = new URLSearchParams(search);
  const text = (key: string): string | null => {
    const value = params.get(key)?.trim();
    return value ? value : null;
  };
  const trained = text('trained');
  return {
    filters: {
      skill_area: text('skill_area'),
      program_format: text('program_format') as ProgramFormat | null,
      program_id: text('program_id'),
      from: text('from'),
      to: text('to'),
      as_of: text('as_of'),
      department: text('department'),
      manager_id: text('manager_id'),
      include_inactive: text('include_inactive') === 'yes',
      current: text('current') === 'yes',
    },
    generation: text('generation'),
    role: text('role'),
    location: text('location'),
    age_band: text('age_band'),
    trained: trained === 'yes' ? true : trained === 'no' ? false : null,
  };
}

const LABELS: Readonly<Record<string, string>> = {
  generation: 'Generation',
  role: 'Role',
  location: 'Location',
  age_band: 'Age band',
  trained: 'Trained',
  skill_area: 'Skill area',
  program_format: 'Format',
  program_id: 'Program',
  from: 'Completed from',
  to: 'Completed to',
  as_of: 'As of',
  department: 'Department',
  manager_id: "Manager's team",
  include_inactive: 'Including inactive',
  current: 'Current training only',
};

/** One applied filter, shown as a removable chip: its words and the route without it. */
export interface PeopleChip {
  key: string;
  text: string;
  without: string;
}

/** The chips of a people route, in the order the route lists them. */
export function peopleChips(search: string): PeopleChip[] {
  const params = new URLSearchParams(search);
  return [...params.entries()]
    .filter(([key, value]) => key in LABELS && value.trim() !== '')
    .map(([key, value]) => {
      const rest = new URLSearchParams(search);
      rest.delete(key);
      const shown = key === 'trained' ? (value === 'yes' ? 'yes' : 'not yet') : value === 'yes' && (key === 'include_inactive' || key === 'current') ? '' : value;
      return { key, text: shown ? `${LABELS[key]}: ${shown}` : (LABELS[key] ?? key), without: `#/people?${rest.toString()}` };
    });
}

/**
 * Whether a report row is the pooled "Other (N roles, M people)" group of `--pool-small` (the
 * core's wording, report/pool.rs): it stands for several groups, so it has no one list.
 */
export function isPooled(group: string): boolean {
  return /^Other \(\d[\d,]* \w+, \d[\d,]* (people|person)\)$/.test(group);
}
