// The typed command functions. Every command's wrapper is generated from its Rust signature
// into commands.ts (src-tauri/src/ipc_contract.rs); this file adds only what a signature
// cannot say, such as turning a progress callback into the Channel the command takes.
import { Channel } from '@tauri-apps/api/core';
import { importFile as importFileCommand } from './commands';
import type { DateFormat } from './bindings/DateFormat';
import type { ImportKind } from './bindings/ImportKind';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportReport } from './bindings/ImportReport';

export * from './commands';

/** Imports `path` in one transaction; `onProgress` hears about each pass as it goes. */
export function importFile(
  kind: ImportKind,
  path: string,
  options: { skip_invalid: boolean; date_format: DateFormat; mapping?: string | null },
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  const { skip_invalid, date_format, mapping = null } = options;
  return importFileCommand(kind, path, skip_invalid, date_format, mapping, new Channel<ImportProgress>(onProgress));
}
