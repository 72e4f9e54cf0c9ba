import { ConflictError, type DomainErrorOptions, ForbiddenError } from '../errors.js';

/** The action is not possible in the campaign's current status. */
export class IllegalTransitionError extends ConflictError {}

/** None of the actor's roles may perform this action. */
export class ActionForbiddenError extends ForbiddenError {}

/** The approver prepared or changed the campaign: four-eyes forbids the approval. */
export class FourEyesError extends ForbiddenError {}

/** The request the OM liaison looked at is no longer the current one. */
export class StaleRequestError extends ConflictError {}

/** Why sending may not start or continue; machine-readable for the dispatcher and the dashboard. */
export type DispatchRefusal =
  | 'not_sending'
  | 'no_approval'
  | 'withdrawn'
  | 'expired'
  | 'fingerprint_mismatch'
  | 'content_changed'
  | 'four_eyes'
  | 'before_window'
  | 'after_window'
  | 'cap_reached';

/** The dispatch guard refused: nothing may be sent for this campaign now. */
export class DispatchRefusedError extends ConflictError {
  readonly refusal: DispatchRefusal;

  constructor(message: string, refusal: DispatchRefusal, options: DomainErrorOptions) {
    super(message, { ...options, context: { ...options.context, refusal } });
    this.refusal = refusal;
  }
}
