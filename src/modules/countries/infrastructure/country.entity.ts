import { EntitySchema, PrimaryKeyProp } from '@mikro-orm/core';

/**
 * One row per registered country: its names, region and whether it is in use, written with its
 * events (see AggregateStore). A region is stored with both its names or not at all.
 */
export class CountryRecord {
  declare [PrimaryKeyProp]?: 'key';
  key!: string;
  nameEn!: string;
  nameKo!: string;
  regionCode!: string | null;
  regionNameEn!: string | null;
  regionNameKo!: string | null;
  active!: boolean;
  version!: number;
  updatedAt!: Date;
}

export const CountrySchema = new EntitySchema<CountryRecord>({
  class: CountryRecord,
  tableName: 'country',
  properties: {
    key: { type: 'string', columnType: 'char(2)', primary: true },
    nameEn: { type: 'text' },
    nameKo: { type: 'text' },
    regionCode: { type: 'text', nullable: true },
    regionNameEn: { type: 'text', nullable: true },
    regionNameKo: { type: 'text', nullable: true },
    active: { type: 'boolean' },
    version: { type: 'integer' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
  },
  checks: [{ name: 'country_version_check', expression: 'version > 0' }],
});
