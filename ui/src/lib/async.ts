// Small helpers for list pages that fire overlapping requests (typing in a search box).

/**
 * Wraps a loader so only the most recent call's result is delivered: a slow response to an
 * old query must not overwrite a newer one. Stale calls resolve to `undefined`.
 */
export function latestOnly<A extends unknown[], R>(load: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  let generation = 0;
  return async (...args: A) => {
    const mine = ++generation;
    try {
      const result = await load(...args);
      return mine === generation ? result : undefined;
    } catch (error) {
      if (mine === generation) throw error;
      return undefined;
    }
  };
}

/** Calls `fn` once input has been quiet for `ms`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A): void => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = (): void => clearTimeout(timer);
  return debounced;
}
