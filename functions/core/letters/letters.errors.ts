import { ConflictError, ValidationError } from '../errors.js';

/** A letter template uses a merge field the platform does not know; refused when the template is saved. */
export class UnknownMergeFieldError extends ValidationError {
  constructor(readonly field: string) {
    super(`Template uses unknown merge field ${field}`, {
      userMessage: `Het sjabloon gebruikt het onbekende invulveld {{${field}}}. Gebruik alleen de velden uit de lijst.`,
      context: { field },
    });
  }
}

/** A merge field the template needs has no value at render time. */
export class MissingMergeFieldError extends ValidationError {
  constructor(readonly field: string) {
    super(`No value for merge field ${field}`, {
      userMessage: `Er ontbreekt een waarde voor het invulveld {{${field}}}.`,
      context: { field },
    });
  }
}

/** A delivery can only be undone shortly after it was registered. */
export class UndoWindowClosedError extends ConflictError {
  constructor(minutes: number) {
    super('Delivery undo window has passed', {
      userMessage: `Bezorging kan alleen binnen ${minutes} minuten ongedaan worden gemaakt.`,
      context: { minutes },
    });
  }
}
