import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, latestOnly } from './async';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('drops results of superseded calls', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const queue = [first, second];
    const load = latestOnly(() => (queue.shift() as ReturnType<typeof deferred<string>>).promise);
    const a = load();
    const b = load();
    second.resolve('new');
    first.resolve('old');
    expect(await b).toBe('new');
    expect(await a).toBeUndefined();
  });

  it('swallows errors of superseded calls but rethrows the latest', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const queue = [first, second];
    const load = latestOnly(() => (queue.shift() as ReturnType<typeof deferred<string>>).promise);
    const a = load();
    const b = load();
    first.reject(new Error('old'));
    second.reject(new Error('new'));
    await expect(a).resolves.toBeUndefined();
    await expect(b).rejects.toThrow('new');
  });
});

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the quiet period with the last arguments', () => {
    const fn = vi.fn();
    const d = debounce(fn, 200);
    d('a');
    vi.advanceTimersByTime(150);
    d('ab');
    vi.advanceTimersByTime(199);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('ab');
  });

  it('can be cancelled', () => {
    const fn = vi.fn();
    const d = debounce(fn, 200);
    d();
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
  });
});
