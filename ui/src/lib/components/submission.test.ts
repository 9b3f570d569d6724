import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { settleBeforeSubmit } from '../forms';
import { CORRECT_FIELDS, Submission } from './submission.svelte';

const refused = (fields: { field: string; message: string }[], message = 'The core said no.') =>
  new ApiError({ kind: 'invalid', message, fields });

describe('Submission', () => {
  it('does not send when the form has problems of its own', async () => {
    const send = vi.fn(async () => 'saved');
    const onsaved = vi.fn();
    const submission = new Submission(['name']);
    await submission.submit(() => ({ name: 'Required.' }), send, onsaved);
    expect(send).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
    expect(submission.errors).toEqual({ name: 'Required.' });
    expect(submission.formError).toBeNull();
    expect(submission.busy).toBe(false);
  });

  it('hands the saved value on and stays busy so a second click cannot send twice', async () => {
    const onsaved = vi.fn();
    const submission = new Submission(['name']);
    await submission.submit(() => ({}), async () => ({ id: 7 }), onsaved);
    expect(onsaved).toHaveBeenCalledWith({ id: 7 });
    expect(submission.busy).toBe(true);
    expect(submission.errors).toEqual({});
  });

  it('puts core field problems under their inputs and the banner asks to correct them', async () => {
    const submission = new Submission(['name', 'email']);
    const onsaved = vi.fn();
    await submission.submit(
      () => ({}),
      () => Promise.reject(refused([{ field: 'email', message: 'Taken.' }])),
      onsaved,
    );
    expect(onsaved).not.toHaveBeenCalled();
    expect(submission.errors).toEqual({ email: 'Taken.' });
    expect(submission.formError).toBe(CORRECT_FIELDS);
    expect(submission.busy).toBe(false);
  });

  it('shows the core message when a problem names a field the form does not have', async () => {
    const submission = new Submission(['name']);
    await submission.submit(
      () => ({}),
      () => Promise.reject(refused([{ field: 'manager_id', message: 'Loop.' }], 'That would make a loop.')),
      vi.fn(),
    );
    expect(submission.formError).toBe('That would make a loop.');
  });

  it('shows a failure without field problems in the banner and clears it on the next try', async () => {
    const submission = new Submission(['name']);
    await submission.submit(() => ({}), () => Promise.reject(new Error('disk full')), vi.fn());
    expect(submission.formError).toBe('disk full');
    expect(submission.errors).toEqual({});
    await submission.submit(() => ({ name: 'Required.' }), vi.fn(), vi.fn());
    expect(submission.formError).toBeNull();
  });

  it('drops an edited field’s error at once, and the banner with the last one', async () => {
    const submission = new Submission(['name', 'email']);
    await submission.submit(
      () => ({}),
      () => Promise.reject(refused([{ field: 'name', message: 'Taken.' }, { field: 'email', message: 'Not an e-mail.' }])),
      vi.fn(),
    );
    submission.edited('email');
    expect(submission.errors).toEqual({ name: 'Taken.' });
    expect(submission.formError).toBe(CORRECT_FIELDS);
    submission.edited('name');
    expect(submission.errors).toEqual({});
    expect(submission.formError).toBeNull();
  });

  it('keeps a banner that is not about the fields when a field is edited', async () => {
    const submission = new Submission(['name']);
    await submission.submit(() => ({}), () => Promise.reject(refused([], 'The database is locked.')), vi.fn());
    submission.edited('name');
    expect(submission.formError).toBe('The database is locked.');
  });

  it('validates only once a field has settled what was typed into it', async () => {
    const form = { employee_id: 'Maya Haddad' };
    settleBeforeSubmit(new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => void (form.employee_id = 'E7')));
    const send = vi.fn(async () => form.employee_id);
    const onsaved = vi.fn();
    await new Submission(['employee_id']).submit(() => ({}), send, onsaved);
    expect(onsaved).toHaveBeenCalledWith('E7');
  });
});
