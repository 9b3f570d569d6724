import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TextField from './TextField.svelte';

describe('TextField', () => {
  it('labels the input and names it by field key', () => {
    render(TextField, { label: 'Birth year', name: 'birth_year', value: '1985' });
    const input = screen.getByLabelText('Birth year') as HTMLInputElement;
    expect(input.name).toBe('birth_year');
    expect(input.value).toBe('1985');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('wires an inline error to the input', () => {
    render(TextField, { label: 'Email', name: 'email', error: 'Not an email.', hint: 'Work address.' });
    const input = screen.getByLabelText('Email');
    const error = screen.getByTestId('field-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(error.dataset.field).toBe('email');
    expect(error.textContent).toBe('Not an email.');
    const describedBy = input.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(describedBy).toContain(error.id);
    expect(describedBy).toHaveLength(2);
  });
});
