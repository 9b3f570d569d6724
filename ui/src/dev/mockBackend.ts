// An in-memory stand-in for the Rust commands, for `npm run dev:mock` only: it lets the UI be
// run, looked at and clicked through in a plain browser without building the desktop shell.
// It answers every command of src-tauri/src/lib.rs (mock/handlers.ts, checked by
// mock/mockCommands.test.ts) with the argument keys and shapes of docs/ipc.md and the bindings,
// and figures computed roughly from its own record; it is not the real core. Never imported by
// production builds (main.ts loads it only in the "mock" mode, which Vite resolves at build time).
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { fail } from './mock/errors';
import { mockHandlers } from './mock/handlers';
import { seed } from './mock/record';

/** The table's handlers as the IPC dispatcher sees them: any command name, untyped arguments. */
type Dispatch = Record<string, ((args: Record<string, unknown>) => unknown) | undefined>;

export function installMockBackend(options: { empty?: boolean } = {}): void {
  const record = seed(options.empty ? 0 : 240);
  const handlers = mockHandlers(record, {
    onRunningWork: (work) => void emit('running-work', work),
    search: () => window.location.search,
  }) as unknown as Dispatch;
  mockIPC(
    async (cmd, payload) => {
      const handler = handlers[cmd] ?? fail('internal', `command ${cmd} not found`);
      // A little latency makes loading states visible, as with a real database.
      await new Promise((resolve) => setTimeout(resolve, 60));
      return handler((payload ?? {}) as Record<string, unknown>);
    },
    // listen() and emit() work in the browser: the running-work strip hears the mock's import.
    { shouldMockEvents: true },
  );
}
