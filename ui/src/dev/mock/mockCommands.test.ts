// The mock answers exactly the commands the desktop shell registers: a command added to
// `generate_handler![...]` in src-tauri/src/lib.rs without a mock handler fails here, and so
// does a mock handler for a command that no longer exists.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mockHandlers } from './handlers';
import { seed } from './record';

/**
 * Commands the mock covers ahead of their registration by work in progress elsewhere. Remove an
 * entry once lib.rs registers it (the test below says so).
 */
const AWAITING_REGISTRATION = new Set(['search_people']);

/** The last path segment of every entry of `generate_handler![...]`. */
export function registeredCommands(source: string): string[] {
  const list = /generate_handler!\s*\[([^\]]*)\]/.exec(source)?.[1];
  if (list === undefined) throw new Error('lib.rs has no generate_handler![...]');
  return list
    .replace(/\/\/[^\n]*/g, '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => entry.split('::').pop() ?? entry);
}

describe('the dev mock backend', () => {
  // The file as it is in the tree, not a copy; vitest runs in ui/ (`npm test`).
  const registered = registeredCommands(readFileSync('../src-tauri/src/lib.rs', 'utf8'));
  const mocked = Object.keys(mockHandlers(seed(0)));

  it('reads the command list of lib.rs', () => {
    // A parse that found nothing would make the next checks pass vacuously.
    expect(registered.length).toBeGreaterThan(50);
    expect(registered).toContain('list_employees');
    expect(registered.every((name) => /^[a-z_][a-z0-9_]*$/.test(name))).toBe(true);
  });

  it('answers every command lib.rs registers', () => {
    expect(registered.filter((name) => !mocked.includes(name))).toEqual([]);
  });

  it('answers no command lib.rs does not register (plugins aside)', () => {
    const extra = mocked.filter((name) => !name.startsWith('plugin:') && !registered.includes(name));
    expect(extra.filter((name) => !AWAITING_REGISTRATION.has(name))).toEqual([]);
  });

  it('keeps no stale entry among the commands awaiting registration', () => {
    expect([...AWAITING_REGISTRATION].filter((name) => registered.includes(name))).toEqual([]);
  });

  it('finds the last path segment of each entry', () => {
    const source = 'tauri::generate_handler![\n  commands::a::one, // note\n  two,\n  commands::b::c::three,\n]';
    expect(registeredCommands(source)).toEqual(['one', 'two', 'three']);
  });
});
