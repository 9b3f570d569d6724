// App-wide toast queue. Success messages disappear on their own; errors stay until dismissed,
// since an unread failure is worse than a lingering note.

export type ToastKind = 'success' | 'error' | 'info';

export interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

const SUCCESS_MS = 4000;

let nextId = 1;

export const toasts: ToastItem[] = $state([]);

export function dismissToast(id: number): void {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function showToast(message: string, kind: ToastKind = 'success'): number {
  const id = nextId++;
  toasts.push({ id, kind, message });
  // Keep the stack short.
  if (toasts.length > 4) toasts.splice(0, toasts.length - 4);
  if (kind !== 'error') setTimeout(() => dismissToast(id), SUCCESS_MS);
  return id;
}
