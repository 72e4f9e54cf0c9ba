import { describe, expect, it } from 'vitest';
import { validateHelpLink } from '../../../functions/core/campaigns/index.js';
import { ValidationError } from '../../../functions/core/errors.js';

const ALLOWED = ['hulpnadrugs.example.nl', 'Gemeente.Example.NL.'];

describe('validateHelpLink', () => {
  it.each([
    ['https://hulpnadrugs.example.nl/', 'https://hulpnadrugs.example.nl/'],
    ['https://HULPNADRUGS.example.nl/Stoppen?bron=sms', 'https://hulpnadrugs.example.nl/Stoppen?bron=sms'],
    ['  https://www.gemeente.example.nl/hulp  ', 'https://www.gemeente.example.nl/hulp'],
    ['https://hulpnadrugs.example.nl./pad', 'https://hulpnadrugs.example.nl/pad'],
  ])('accepts %s', (url, expected) => {
    // Act
    const normalised = validateHelpLink(url, ALLOWED);

    // Assess
    expect(normalised).toBe(expected);
  });

  it.each([
    ['', 'Vul de link'],
    ['http://hulpnadrugs.example.nl/', 'https://'],
    ['javascript:alert(1)', 'https://'],
    ['hulpnadrugs.example.nl', 'geen geldige link'],
    ['https://evil.example.com/', 'buiten de toegestane domeinen'],
    ['https://hulpnadrugs.example.nl.evil.com/', 'buiten de toegestane domeinen'],
    ['https://nephulpnadrugs.example.nl/', 'buiten de toegestane domeinen'],
    ['https://user:pw@hulpnadrugs.example.nl/', 'gebruikersnaam of wachtwoord'],
    ['https://hulpnadrugs.example.nl@evil.com/', 'gebruikersnaam'],
    ['https://hulpnadrugs.example.nl:8443/', 'poortnummer'],
    ['https://hulpnadrugs.example.nl/a b', 'spaties'],
    [`https://hulpnadrugs.example.nl/${'a'.repeat(500)}`, 'te lang'],
  ])('refuses %s', (url, message) => {
    // Act
    let error: unknown;
    try {
      validateHelpLink(url, ALLOWED);
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).userMessage).toContain(message);
  });

  it('refuses every link while no domain is allowed', () => {
    // Act
    const attempt = () => validateHelpLink('https://hulpnadrugs.example.nl/', []);

    // Assess
    expect(attempt).toThrow(ValidationError);
  });
});
