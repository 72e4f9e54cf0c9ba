import * as z from 'zod';
import type { SettingsStore } from '../../core/ports.js';
import { type Settings, SettingsSchema } from '../../core/settings/settings.schema.js';
import type { DynamoTable } from './table.js';

const KEY = { pk: 'SETTINGS', sk: 'MUNICIPALITY' };
const SettingsItem = SettingsSchema.extend({ pk: z.string(), sk: z.string() });

export class DynamoSettingsStore implements SettingsStore {
  constructor(private readonly table: DynamoTable) {}

  async get(): Promise<Settings | undefined> {
    const item = await this.table.get(KEY, SettingsItem);
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...settings } = item;
    return settings;
  }

  async put(settings: Settings): Promise<void> {
    await this.table.put({ ...KEY, ...SettingsSchema.parse(settings) });
  }
}
