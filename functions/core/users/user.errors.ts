import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

export function usernameTaken(): ConflictError {
  return new ConflictError('Username already exists', {
    userMessage: 'Deze gebruikersnaam bestaat al. Kies een andere.',
  });
}

export function userNotFound(userId: string): NotFoundError {
  return new NotFoundError('User not found', {
    userMessage: 'Deze gebruiker bestaat niet.',
    context: { userId },
  });
}

export function invalidUserInput(field: string, userMessage: string): ValidationError {
  return new ValidationError(`Invalid user field: ${field}`, { userMessage, context: { field } });
}
