// The save step every form dialog shares: validate in the browser, send to the core, and on a
// refusal keep the dialog open with each field problem under its input and anything that has
// no input in the banner. The dialog owns its fields; this owns errors, the banner and `busy`.

import { tick } from 'svelte';
import { fieldErrors, toApiError } from '../api';
import { fieldsSettled, hasErrors, unplacedErrors, withoutFieldError, type FieldErrors } from '../forms';
import { focusFirstInvalid } from './focus';

/** The banner when every problem is shown beside its field. */
export const CORRECT_FIELDS = 'Please correct the highlighted fields.';

export class Submission {
  errors = $state<FieldErrors>({});
  formError = $state<string | null>(null);
  busy = $state(false);

  /** `fields`: the keys that have an input in this form. */
  constructor(private readonly fields: readonly string[]) {}

  /**
   * Runs `validate`; if it finds nothing, `send`, then `onsaved` with the result. `busy` stays
   * true after a success: the dialog is about to close, and a second click must not send twice.
   */
  async submit<T>(validate: () => FieldErrors, send: () => Promise<T>, onsaved: (saved: T) => void): Promise<void> {
    // A field still resolving what was typed into it (a person picker) decides its value first.
    await fieldsSettled();
    this.errors = validate();
    this.formError = null;
    if (hasErrors(this.errors)) {
      await tick();
      focusFirstInvalid();
      return;
    }
    this.busy = true;
    let saved: T;
    try {
      saved = await send();
    } catch (reason) {
      const error = toApiError(reason);
      this.errors = fieldErrors(error);
      const unplaced = unplacedErrors(this.errors, this.fields);
      this.formError = hasErrors(this.errors) && unplaced.length === 0 ? CORRECT_FIELDS : error.message;
      this.busy = false;
      await tick();
      focusFirstInvalid();
      return;
    }
    onsaved(saved);
  }

  /**
   * The user changed `field`: its error goes at once (it was about the old value), and the
   * banner asking to correct the fields goes with the last of them.
   */
  edited(field: string): void {
    const before = this.errors;
    this.errors = withoutFieldError(before, field);
    if (this.errors !== before && !hasErrors(this.errors) && this.formError === CORRECT_FIELDS) this.formError = null;
  }
}
