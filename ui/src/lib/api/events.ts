// Events the Rust shell sends to the window. Like client.ts, the only place that talks to Tauri.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { RunningWork } from './bindings/RunningWork';

/** Called when the user launched Upskill again while this window was open. */
export function onSecondInstance(handler: () => void): Promise<UnlistenFn> {
  return listen('second-instance', () => handler());
}

/** Called when a long write starts, reports progress, or ends (then with null). */
export function onRunningWork(handler: (work: RunningWork | null) => void): Promise<UnlistenFn> {
  return listen<RunningWork | null>('running-work', (event) => handler(event.payload));
}
