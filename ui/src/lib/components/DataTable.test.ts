import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import TableHarness from '../testing/TableHarness.svelte';

const rows = [
  { id: 'E1', name: 'Ada' },
  { id: 'E2', name: 'Grace' },
  { id: 'E3', name: 'Alan' },
];

describe('DataTable', () => {
  it('marks the sorted column with aria-sort and sorts from a header button', async () => {
    const onsort = vi.fn();
    render(TableHarness, { rows, sort: { key: 'name', descending: true }, onsort });
    const header = screen.getByRole('columnheader', { name: /Name/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('columnheader', { name: 'ID' }).hasAttribute('aria-sort')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onsort).toHaveBeenCalledWith('name');
  });

  it('puts one row in the tab order and opens rows with Enter', async () => {
    const onactivate = vi.fn();
    render(TableHarness, { rows, onactivate });
    const trs = screen.getAllByTestId('row');
    expect(trs.map((tr) => tr.tabIndex)).toEqual([0, -1, -1]);
    expect(trs[1]?.dataset.rowId).toBe('E2');

    trs[0]?.focus();
    await fireEvent.keyDown(trs[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(trs[1]);
    await fireEvent.keyDown(trs[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(trs[2]);
    await fireEvent.keyDown(trs[2] as HTMLElement, { key: 'Enter' });
    expect(onactivate).toHaveBeenCalledWith(rows[2]);
    expect(trs.map((tr) => tr.tabIndex)).toEqual([-1, -1, 0]);
  });

  it('opens a row on click', async () => {
    const onactivate = vi.fn();
    render(TableHarness, { rows, onactivate });
    await fireEvent.click(screen.getByText('Grace'));
    expect(onactivate).toHaveBeenCalledWith(rows[1]);
  });

  it('leaves rows out of the tab order when they open nothing', () => {
    render(TableHarness, { rows });
    expect(screen.getAllByTestId('row').every((tr) => !tr.hasAttribute('tabindex'))).toBe(true);
  });
});
