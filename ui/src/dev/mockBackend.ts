// An in-memory stand-in for the Rust commands, for `npm run dev:mock` only: it lets the UI be
// run, looked at and clicked through in a plain browser without building the desktop shell.
// It answers every command of src-tauri/src/lib.rs (mock/handlers.ts, checked by
// mock/handlers.test.ts) with the argument keys and shapes of docs/ipc.md and the bindings,
// and figures computed roughly from its own record; it is not the real core. Never imported by
// production builds (main.ts loads it only in the "mock" mode, which Vite resolves at build time).
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { fail } from './mock/errors';
import { mockHandlers, PLUGIN_HANDLERS } from './mock/handlers';
import { seed } from './mock/record';

/** The table's handlers as the IPC dispatcher sees them: any command name, untyped arguments. */
type Dispatch = Record<string, ((args: Record<string, unknown>) => unknown) | undefined>;

export interface MockOptions {
  /** Start with an empty record (`?empty` in the address): the first-run screens. */
  empty?: boolean;
  /** Delay before each answer, so that loading states show (default 60 ms). */
  latencyMs?: number;
  /** The pause between a simulated import's steps (default 200 ms). */
  stepMs?: number;
  /** Hears every rejection; by default it is logged, since a page may swallow it. */
  onRejected?: (command: string, reason: unknown) => void;
}

export function installMockBackend(options: MockOptions = {}): void {
  const record = seed(options.empty ? 0 : 240);
  const latencyMs = options.latencyMs ?? 60;
  const onRejected = options.onRejected ?? ((command, reason) => console.warn(`mock: ${command} rejected`, reason));
  const commands = mockHandlers(record, {
    onRunningWork: (work) => void emit('running-work', work),
    search: () => window.location.search,
    ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }),
  });
  const handlers = { ...PLUGIN_HANDLERS, ...commands } as unknown as Dispatch;
  mockIPC(
    async (cmd, payload) => {
      try {
        const handler = handlers[cmd] ?? fail('internal', `command ${cmd} not found`);
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return await handler((payload ?? {}) as Record<string, unknown>);
      } catch (reason) {
        onRejected(cmd, reason);
        throw reason;
      }
    },
    // listen() and emit() work in the browser: the running-work strip hears the mock's import.
    { shouldMockEvents: true },
  );
}
