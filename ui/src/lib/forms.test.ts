import { describe, expect, it } from 'vitest';
import {
  decimalOrNull,
  fieldsSettled,
  hasErrors,
  integerOrNull,
  REQUIRED,
  requireFields,
  settleBeforeSubmit,
  textOrNull,
  unplacedErrors,
  withoutFieldError,
} from './forms';

describe('textOrNull', () => {
  it('trims and turns blanks into null', () => {
    expect(textOrNull('  a b ')).toBe('a b');
    expect(textOrNull('   ')).toBeNull();
    expect(textOrNull('')).toBeNull();
  });
});

describe('integerOrNull', () => {
  it('parses whole numbers only', () => {
    expect(integerOrNull('')).toBeNull();
    expect(integerOrNull(' 1985 ')).toBe(1985);
    expect(integerOrNull('-3')).toBe(-3);
    expect(integerOrNull('19.5')).toBeNaN();
    expect(integerOrNull('1e3')).toBeNaN();
    expect(integerOrNull('abc')).toBeNaN();
  });
});

describe('decimalOrNull', () => {
  it('accepts dot or comma decimals', () => {
    expect(decimalOrNull('')).toBeNull();
    expect(decimalOrNull('7.5')).toBe(7.5);
    expect(decimalOrNull('7,5')).toBe(7.5);
    expect(decimalOrNull('.5')).toBe(0.5);
    expect(decimalOrNull('40')).toBe(40);
    expect(decimalOrNull('1,000.5')).toBeNaN();
    expect(decimalOrNull('ten')).toBeNaN();
  });
});

describe('requireFields', () => {
  it('flags blank strings', () => {
    const errors = requireFields({ a: '', b: ' x ', c: '  ' }, ['a', 'b', 'c']);
    expect(errors).toEqual({ a: REQUIRED, c: REQUIRED });
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors({})).toBe(false);
  });
});

describe('unplacedErrors', () => {
  it('lists errors for fields the form does not show', () => {
    expect(unplacedErrors({ a: 'bad', zz: 'odd' }, ['a'])).toEqual(['zz: odd']);
  });
});

describe('withoutFieldError', () => {
  it('drops the edited field’s error and keeps the others', () => {
    const errors = { employee_id: "no employee matches 'X'", program_id: 'Required.' };
    expect(withoutFieldError(errors, 'employee_id')).toEqual({ program_id: 'Required.' });
    expect(errors).toEqual({ employee_id: "no employee matches 'X'", program_id: 'Required.' });
  });

  it('returns the same object when the field had no error', () => {
    const errors = { program_id: 'Required.' };
    expect(withoutFieldError(errors, 'score')).toBe(errors);
  });
});

describe('fieldsSettled', () => {
  it('waits for every registered piece of field work, failed ones included', async () => {
    const order: string[] = [];
    let finish: () => void = () => undefined;
    settleBeforeSubmit(new Promise<void>((resolve) => (finish = resolve)).then(() => void order.push('resolved')));
    settleBeforeSubmit(Promise.reject(new Error('search failed')).catch(() => order.push('failed')));
    const settled = fieldsSettled().then(() => order.push('settled'));
    await Promise.resolve();
    expect(order).toEqual(['failed']);
    finish();
    await settled;
    expect(order).toEqual(['failed', 'resolved', 'settled']);
  });

  it('is done at once when nothing is pending', async () => {
    await expect(fieldsSettled()).resolves.toBeUndefined();
  });
});
