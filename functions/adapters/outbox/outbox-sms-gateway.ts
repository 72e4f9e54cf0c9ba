import type { Clock, Ids } from '../../core/clock.js';
import {
  DEFAULT_OUTBOX_SETTINGS,
  type LocalOutbox,
  type OutboxMessage,
  type OutboxSettings,
  OutboxSettingsSchema,
} from '../../core/sending/ports.js';
import {
  type GatewayOutcome,
  refused,
  type SmsMessage,
  SmsMessageSchema,
} from '../../core/sending/sms-gateway.js';
import type { DynamoOutboxStore } from '../dynamodb/outbox-store.js';

export interface OutboxGatewayOptions {
  clock: Clock;
  ids: Ids;
  settings?: Partial<OutboxSettings>;
  /** Decides the simulated faults and receipts; injected so that tests and the chaos run are reproducible. */
  random?: () => number;
  /** Real waiting for latency and hangs (the clock may be a fast fake one). */
  sleep?: (ms: number) => Promise<void>;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The embedded runtime's SMS provider: every message it takes is stored in the local outbox table instead of
 * reaching a phone, receipts are simulated through the same use case as SNS's, and faults (latency,
 * throttling, permanent errors, hanging) can be switched on for demos and the chaos test.
 * Why it stores before it hangs: a hanging provider may well have sent the text, and the outbox is the
 * record of everything that may have reached a phone.
 */
export class OutboxSmsGateway implements LocalOutbox {
  readonly #store: DynamoOutboxStore;
  readonly #clock: Clock;
  readonly #ids: Ids;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #settings: OutboxSettings;

  constructor(store: DynamoOutboxStore, options: OutboxGatewayOptions) {
    this.#store = store;
    this.#clock = options.clock;
    this.#ids = options.ids;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? realSleep;
    this.#settings = OutboxSettingsSchema.parse({ ...DEFAULT_OUTBOX_SETTINGS, ...options.settings });
  }

  settings(): OutboxSettings {
    return { ...this.#settings };
  }

  configure(settings: OutboxSettings): void {
    this.#settings = OutboxSettingsSchema.parse(settings);
  }

  async send(message: SmsMessage): Promise<GatewayOutcome> {
    const parsed = SmsMessageSchema.safeParse(message);
    if (!parsed.success) {
      const aboutNumber = parsed.error.issues.some((issue) => issue.path[0] === 'to');
      return refused(aboutNumber ? 'invalid_number' : 'invalid_request', 'message rejected before sending');
    }
    if (parsed.data.test === true) {
      // A test message lands as it is: no simulated fault and no receipt, it belongs to no recipient.
      const messageId = `outbox-${this.#ids.next()}`;
      await this.#store.add({
        messageId,
        to: parsed.data.to,
        body: parsed.data.body,
        senderId: parsed.data.senderId,
        at: this.#clock.now().toISOString(),
        outcome: 'accepted',
        receipt: null,
        test: true,
      });
      return { kind: 'accepted', messageId };
    }
    const s = this.#settings;
    if (s.latencyMs > 0) await this.#sleep(s.latencyMs);
    const roll = this.#random();
    if (roll < s.throttleShare) return refused('throttled', 'local outbox simulates throttling');
    if (roll < s.throttleShare + s.permanentShare) {
      return refused('invalid_number', 'local outbox simulates a permanent error');
    }
    const hangs = roll < s.throttleShare + s.permanentShare + s.hangShare;
    const stored: OutboxMessage = {
      messageId: `outbox-${this.#ids.next()}`,
      to: parsed.data.to,
      body: parsed.data.body,
      senderId: parsed.data.senderId,
      at: this.#clock.now().toISOString(),
      outcome: hangs ? 'hung' : 'accepted',
      receipt: null,
    };
    await this.#store.add(stored);
    if (hangs) {
      await this.#sleep(s.hangMs);
      throw new Error('local outbox hung without an answer');
    }
    if (!s.simulateReceipts) return { kind: 'accepted', messageId: stored.messageId };
    const status = this.#random() < s.deliveredShare ? 'delivered' : 'failed';
    await this.#store.scheduleReceipt(
      stored,
      status,
      new Date(this.#clock.now().getTime() + s.receiptDelayMs),
    );
    return { kind: 'accepted', messageId: stored.messageId };
  }

  /** The local provider keeps no opt-out list of its own; the platform's list is checked by the dispatcher. */
  async isOptedOut(_e164: string): Promise<boolean> {
    return false;
  }

  list(limit: number): Promise<OutboxMessage[]> {
    return this.#store.list(limit);
  }

  takeDueReceipts(
    now: Date,
    limit: number,
  ): Promise<{ messageId: string; status: 'delivered' | 'failed' }[]> {
    return this.#store.takeDueReceipts(now, limit);
  }
}
