// Events the Rust shell sends to the window. Like client.ts, the only place that talks to Tauri.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

/** Called when the user launched Upskill again while this window was open. */
export function onSecondInstance(handler: () => void): Promise<UnlistenFn> {
  return listen('second-instance', () => handler());
}
