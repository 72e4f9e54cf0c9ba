import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/core/errors.js';
import type { Mailer } from '../../functions/core/ports.js';
import { type MailMessage, taskNotification } from '../../functions/core/tasks/mail.js';

/** A mail as the provider received it, seen from the provider's side. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface MailerTarget {
  mailer: Mailer;
  /** Every mail the provider took, in order. */
  received(): Promise<ReceivedMail[]>;
  /** A mailer of the same kind sending from a sender the provider has not verified; absent where every sender is the platform's own. */
  unverified?: Mailer;
  /** Makes the provider refuse every further mail for its rate, or stop doing so; absent where it never throttles. */
  throttle?: (on: boolean) => Promise<void>;
  /** Requests the provider refused as malformed: a conforming adapter sends none. */
  malformedRequests(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The Mailer contract: what the notifier relies on from every provider (the local mail outbox, SES). A mail
 * is taken once under the id the provider returns, with its subject and text unchanged (UTF-8 included); a
 * message the provider cannot take never reaches it and is a ValidationError; a refusal by the provider is
 * a domain error that quotes no address.
 */
export function mailerContract(
  name: string,
  connect: () => Promise<MailerTarget>,
  provider: { verifiesSenders: boolean; throttles: boolean },
): void {
  describe(`Mailer on ${name}`, () => {
    let target: MailerTarget;
    beforeAll(async () => {
      target = await connect();
    });
    afterAll(async () => {
      await target.close();
    });

    it('hands a mail to the provider once, under the id it returns, subject and text unchanged', async () => {
      // Prepare
      const before = (await target.received()).length;
      const mail = taskNotification(
        'om.contact@gemeente.example',
        'approve_sms',
        'https://perspectief.example',
      );
      // Act
      const { messageId } = await target.mailer.send(mail);
      // Assess
      expect(messageId).not.toBe('');
      expect((await target.received()).slice(before)).toEqual([
        { to: mail.to, subject: mail.subject, text: mail.text, messageId },
      ]);
    });

    it('refuses a malformed address or an empty text before the provider sees it', async () => {
      // Prepare
      const before = (await target.received()).length;
      const bad: MailMessage[] = [
        { to: 'geen-adres', subject: 'Taak', text: 'Tekst' },
        { to: 'a@b.example', subject: 'Taak', text: '' },
        { to: 'a@b.example', subject: '', text: 'Tekst' },
      ];
      // Act
      const outcomes = await Promise.all(bad.map((m) => target.mailer.send(m).catch((e: unknown) => e)));
      // Assess
      for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'validation' });
      expect((await target.received()).length).toBe(before);
    });

    if (provider.verifiesSenders) {
      it('turns the provider’s refusal of an unverified sender into a ValidationError without the address', async () => {
        // Act
        const error = await target
          .unverified!.send(
            taskNotification('om.contact@gemeente.example', 'approve_sms', 'https://x.example'),
          )
          .catch((e: unknown) => e);
        // Assess
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ kind: 'validation' });
        expect(String((error as Error).message)).not.toContain('@');
        expect((error as DomainError).userMessage).not.toContain('@');
      });
    }

    if (provider.throttles) {
      it('turns throttling into an UnavailableError, and sends again once the provider takes mail', async () => {
        // Prepare
        const mail = taskNotification('gebied@gemeente.example', 'round_today', 'https://x.example');
        await target.throttle!(true);
        // Act
        const refused = await target.mailer.send(mail).catch((e: unknown) => e);
        await target.throttle!(false);
        const accepted = await target.mailer.send(mail);
        // Assess
        expect(refused).toMatchObject({ kind: 'unavailable' });
        expect(accepted.messageId).not.toBe('');
      });
    }

    it('sent only well-formed requests', async () => {
      expect(await target.malformedRequests()).toBe(0);
    });
  });
}
