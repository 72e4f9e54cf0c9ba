import { ValidationError } from '../errors.js';

/**
 * Checks an alphanumeric sender id as SMS networks accept it: 1–11 characters, letters and digits only, at least
 * one letter. Returns a Dutch problem description, or undefined when the id is fine.
 * Why here: a wrong sender id makes every message of a campaign fail, so it is refused before anything is sent.
 */
export function senderIdProblem(senderId: string): string | undefined {
  if (senderId.length === 0 || senderId.length > 11) {
    return 'De afzendernaam moet 1 tot 11 tekens lang zijn.';
  }
  if (!/^[A-Za-z0-9]+$/.test(senderId)) {
    return 'De afzendernaam mag alleen letters en cijfers bevatten, zonder spaties of leestekens.';
  }
  if (!/[A-Za-z]/.test(senderId)) {
    return 'De afzendernaam moet minstens één letter bevatten.';
  }
  return undefined;
}

/** Throws a ValidationError with the Dutch problem when the sender id is not acceptable. */
export function assertSenderId(senderId: string): void {
  const problem = senderIdProblem(senderId);
  if (problem !== undefined) {
    throw new ValidationError('Invalid SMS sender id', {
      userMessage: problem,
      context: { length: senderId.length },
    });
  }
}
