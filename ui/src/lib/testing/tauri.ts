// The one way tests stand in for the Rust side: `@tauri-apps/api/core` (invoke and Channel) and
// the native dialogs (`lib/api/dialogs`). Each test file owns its `vi.fn()`s (and resets them);
// these factories forward to them, so a file reads
//   const invoke = vi.fn();
//   vi.mock('@tauri-apps/api/core', () => tauriCore(invoke));
// vi.mock is hoisted above the imports, but its factory runs only when the mocked module is
// first imported: the tests import the code under test with `await import(...)` after the
// mocks for that reason.

// eslint-style `any`: a vi.fn() takes any arguments.
type Call = (...args: any[]) => unknown;

/** A Channel the test can talk through: it keeps the handler the code under test gave it. */
export class FakeChannel<T = unknown> {
  constructor(public onmessage: (message: T) => void) {}
}

/** `@tauri-apps/api/core` with `invoke` forwarded to the test's `invoke`. */
export function tauriCore(invoke: Call) {
  return { invoke: (...args: unknown[]) => invoke(...args), Channel: FakeChannel };
}

/** `lib/api/dialogs` with each chooser forwarded to the test's mock, if it gave one. */
export function nativeDialogs(mocks: { chooseFileToOpen?: Call; chooseFileToSave?: Call }) {
  const forward = (mock?: Call) => (...args: unknown[]) => mock?.(...args);
  return { chooseFileToOpen: forward(mocks.chooseFileToOpen), chooseFileToSave: forward(mocks.chooseFileToSave) };
}
