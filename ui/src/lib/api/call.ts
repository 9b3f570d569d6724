// The one function that sends a command to the Rust side. A rejection (the command's
// `{kind, message}` or a transport failure) always becomes an ApiError the UI can branch on.
import { invoke } from '@tauri-apps/api/core';
import { toApiError } from './errors';

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}
