// "Download template": the native save dialog, then the core writes the kind's template CSV
// (its header and one example row that imports as it is).
import { saveImportTemplate, type ImportKind } from '../api';
import { chooseFileToSave } from '../api/dialogs';
import { templateFileName } from './importView';

/** Saves the template of `kind` where the user says; the path, or null when cancelled. */
export async function downloadTemplate(kind: ImportKind): Promise<string | null> {
  const path = await chooseFileToSave(`Save the ${kind} template`, templateFileName(kind), [
    { name: 'CSV files', extensions: ['csv'] },
  ]);
  if (!path) return null;
  await saveImportTemplate(kind, path);
  return path;
}
