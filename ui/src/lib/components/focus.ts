// Focus helpers for modal dialogs.

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0,
  );
}

/**
 * Where focus goes when a dialog opens: an element marked `data-autofocus`, else the first
 * editable field, else the first focusable thing. (The `autofocus` attribute would do, but
 * Svelte's a11y lint rejects it outright.)
 */
export function initialFocus(root: HTMLElement): HTMLElement | null {
  return (
    root.querySelector<HTMLElement>('[data-autofocus]') ??
    root.querySelector<HTMLElement>(
      'input:not([disabled]):not([readonly]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]):not([readonly])',
    ) ??
    focusables(root)[0] ??
    null
  );
}

/** Keeps Tab / Shift+Tab cycling inside `root`. Returns true when it moved focus. */
export function trapTab(event: KeyboardEvent, root: HTMLElement): boolean {
  if (event.key !== 'Tab') return false;
  const items = focusables(root);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const current = document.activeElement;
  if (event.shiftKey && (current === first || !root.contains(current))) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (current === last || !root.contains(current))) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

/** After a failed validation, put the cursor in the first field that needs fixing. */
export function focusFirstInvalid(root: ParentNode = document): void {
  root.querySelector<HTMLElement>('dialog[open] [aria-invalid="true"], [aria-invalid="true"]')?.focus();
}
