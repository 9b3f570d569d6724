import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompletionInput, PersonMatch, Program } from '../api';
import { tauriCore } from '../testing/tauri';

// The person picker inside a real form: finding someone by part of their name, taking them with
// the keyboard or the mouse, settling a full name typed and saved at once, and errors that go
// as soon as their field is edited.
const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));

// jsdom has no modal dialogs.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
};

const { default: LogCompletionDialog } = await import('./LogCompletionDialog.svelte');

const person = (employee_id: string, full_name: string, department = 'Data'): PersonMatch => ({
  employee_id,
  full_name,
  email: `${employee_id.toLowerCase()}@example.org`,
  role: 'Analyst',
  department,
  active: true,
});
const people = [person('E1', 'Maya Haddad'), person('E2', 'Omar Haddad', 'Sales'), person('E3', 'Sam Twin'), person('E4', 'Sam Twin', 'Sales')];
const program: Program = {
  program_id: 'AI-101',
  title: 'AI literacy',
  skill_area: 'AI literacy',
  format: 'e_learning',
  provider: null,
  hours: 2,
  validity_months: null,
  retired: false,
  completions: 0,
} as Program;

let logged: CompletionInput[] = [];

beforeEach(() => {
  invoke.mockReset();
  logged = [];
  invoke.mockImplementation(async (command: string, args?: { text?: string; limit?: number; input?: CompletionInput }) => {
    switch (command) {
      case 'list_programs':
        return [program];
      case 'search_people': {
        const text = (args?.text ?? '').trim().toLowerCase();
        return people.filter((p) => p.full_name.toLowerCase().includes(text) || p.employee_id.toLowerCase() === text).slice(0, args?.limit);
      }
      case 'log_completion':
        if (!people.some((p) => p.employee_id === args?.input?.employee_id)) {
          const message = `there is no employee with id '${args?.input?.employee_id ?? ''}'`;
          throw { kind: 'invalid', message, fields: [{ field: 'employee_id', message }] };
        }
        logged.push(args?.input as CompletionInput);
        return { id: 1, ...args?.input };
      default:
        throw { kind: 'internal', message: `unexpected ${command}`, fields: [] };
    }
  });
});

async function open(): Promise<{ field: HTMLInputElement; onsaved: ReturnType<typeof vi.fn> }> {
  const onsaved = vi.fn();
  render(LogCompletionDialog, { onclose: vi.fn(), onsaved });
  await screen.findByRole('option', { name: /AI literacy/ });
  await fireEvent.change(screen.getByLabelText(/Program/), { target: { value: 'AI-101' } });
  const field = screen.getByRole('combobox', { name: /Employee/ }) as HTMLInputElement;
  await fireEvent.focus(field);
  return { field, onsaved };
}

describe('the person picker in Log completion', () => {
  it('lists the matches for part of a name and takes one with the arrows and Enter', async () => {
    const { field, onsaved } = await open();
    expect(field.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.input(field, { target: { value: 'hadd' } });
    const listbox = await screen.findByRole('listbox');
    await waitFor(() => expect(field.getAttribute('aria-expanded')).toBe('true'));
    expect(field.getAttribute('aria-controls')).toBe(listbox.id);
    const options = screen.getAllByRole('option', { name: /Haddad/ });
    expect(options.map((o) => o.getAttribute('aria-label'))).toEqual(['Maya Haddad — E1 · Analyst, Data', 'Omar Haddad — E2 · Analyst, Sales']);
    expect(field.getAttribute('aria-activedescendant')).toBeNull();

    await fireEvent.keyDown(field, { key: 'ArrowDown' });
    await fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(field.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(field.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await fireEvent.keyDown(field, { key: 'ArrowUp' });
    await fireEvent.keyDown(field, { key: 'Enter' });

    expect(field.value).toBe('Omar Haddad');
    expect(field.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByText('E2 · Analyst, Sales', { selector: '.hint' })).toBeTruthy();
    await fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(logged.map((c) => c.employee_id)).toEqual(['E2']);
  });

  it('takes a person with a click and closes the list on Escape without closing the dialog', async () => {
    const { field } = await open();
    await fireEvent.input(field, { target: { value: 'maya' } });
    const option = await screen.findByRole('option', { name: /Maya Haddad/ });
    await fireEvent.keyDown(field, { key: 'Escape' });
    expect(field.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('completion-form')).toBeTruthy();
    await fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(field.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.mouseDown(option);
    await fireEvent.click(option);
    expect(field.value).toBe('Maya Haddad');
    await fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(logged.map((c) => c.employee_id)).toEqual(['E1']));
  });

  it('settles a full name typed and saved at once on that person’s id', async () => {
    const { field } = await open();
    await fireEvent.input(field, { target: { value: 'omar haddad' } });
    // No pause for the search: leaving the field settles the text, and Save waits for it.
    await fireEvent.blur(field);
    await fireEvent.click(screen.getByTestId('save'));
    await waitFor(() => expect(logged.map((c) => c.employee_id)).toEqual(['E2']));
    expect(field.value).toBe('Omar Haddad');
  });

  it('refuses a shared or unknown name with an error naming it, gone at the next keystroke', async () => {
    const { field, onsaved } = await open();
    await fireEvent.input(field, { target: { value: 'Sam Twin' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(await screen.findByText("2 employees are named 'Sam Twin': pick one from the list")).toBeTruthy();
    // Save sends the text as it is, the core refuses it, and the field keeps the clearer message.
    await fireEvent.click(screen.getByTestId('save'));
    await screen.findByTestId('form-error');
    expect(onsaved).not.toHaveBeenCalled();
    expect(screen.getByTestId('field-error').textContent).toBe("2 employees are named 'Sam Twin': pick one from the list");
    await fireEvent.input(field, { target: { value: 'Sam Twin2' } });
    expect(screen.queryByText(/employees are named/)).toBeNull();
    await fireEvent.blur(field);
    expect(await screen.findByText("no employee matches 'Sam Twin2'")).toBeTruthy();
    expect(logged).toEqual([]);
  });

  it('drops a field’s error as soon as that field is edited, and keeps the others', async () => {
    const { field } = await open();
    await fireEvent.change(screen.getByLabelText(/Program/), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('save'));
    const errors = (): (string | undefined)[] => screen.queryAllByTestId('field-error').map((e) => e.dataset.field);
    await waitFor(() => expect(errors()).toEqual(['employee_id', 'program_id']));
    await fireEvent.input(field, { target: { value: 'E' } });
    expect(errors()).toEqual(['program_id']);
    await fireEvent.change(screen.getByLabelText(/Program/), { target: { value: 'AI-101' } });
    expect(errors()).toEqual([]);
    expect(screen.queryByTestId('form-error')).toBeNull();
  });
});
