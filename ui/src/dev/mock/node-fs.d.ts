// The one Node API the UI's tests use (mock/handlers.test.ts reads src-tauri/src/lib.rs), declared
// here rather than pulling in @types/node for the whole UI. Tests run in Node; the app never
// imports node:fs.
declare module 'node:fs' {
  export function readFileSync(path: URL | string, encoding: 'utf8'): string;
}
