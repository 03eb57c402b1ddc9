import { ValidationError } from '../../kernel/domain-error';
import { decodeHsCodesFile, decodeImportCursor, encodeImportCursor, importChecksum, mergeHsCodes } from './customs-import.graphql';
import type { ImportUnitView } from './customs-import.view';
import { HsScopeFileRefusedError } from './scope/hs-scope.errors';

function aUnit(checksum: ImportUnitView['checksum'], state: ImportUnitView['state'] = 'done'): ImportUnitView {
  return {
    key: '85:2026-10', hsPrefix: '85', months: '2026-10', parentKey: null, state, attempts: 1, lastErrorCode: null, lastError: null,
    fetched: 0, recorded: 0, revised: 0, retracted: 0, unchanged: 0, checksum, unknownPartners: [],
  };
}

describe('decodeHsCodesFile', () => {
  it('given a base64 file, when decoded, then its bytes come back', () => {
    const bytes = decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: Buffer.from('03\n0901\n').toString('base64') }, 1024);

    expect(Buffer.from(bytes).toString('utf8')).toBe('03\n0901\n');
  });

  it('given text that is not base64, when decoded, then a validation error names the field', () => {
    expect(() => decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: 'not base64!' }, 1024)).toThrow(ValidationError);
    expect(() => decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: 'not base64!' }, 1024)).toThrow('hsCodesFile.contentBase64');
  });

  it('given more base64 than the limit can hold, when decoded, then the file is refused naming the setting, before decoding', () => {
    const content = Buffer.alloc(2000, 0x30).toString('base64');

    expect(() => decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: content }, 1024)).toThrow(HsScopeFileRefusedError);
    expect(() => decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: content }, 1024)).toThrow('CUSTOMS_IMPORT_SCOPE_MAX_BYTES');
  });

  it('given exactly the limit, when decoded, then it passes (the reader checks the exact size)', () => {
    const content = Buffer.alloc(1024, 0x30).toString('base64');

    expect(decodeHsCodesFile({ fileName: 'codes.csv', contentBase64: content }, 1024).byteLength).toBe(1024);
  });
});

describe('mergeHsCodes', () => {
  it('given neither typed codes nor a file, then every chapter (undefined)', () => {
    expect(mergeHsCodes(undefined, undefined)).toBeUndefined();
    expect(mergeHsCodes(null, undefined)).toBeUndefined();
  });

  it('given both, then their distinct codes in ascending order', () => {
    expect(mergeHsCodes(['85', '03'], ['0901', '03'])).toEqual(['03', '0901', '85']);
  });

  it('given an empty typed list, then a validation error instead of every chapter', () => {
    expect(() => mergeHsCodes([], undefined)).toThrow(ValidationError);
  });
});

describe('import cursors', () => {
  it('given a cursor this list encoded, when decoded, then the same instant and id', () => {
    const view = { requestedAt: new Date('2026-11-16T06:00:00.123Z'), id: '5b54dc68-764c-41f0-af7c-ce238b1cf1e8' };

    expect(decodeImportCursor(encodeImportCursor(view))).toEqual(view);
  });

  it('given anything else, when decoded, then a validation error on after', () => {
    for (const cursor of ['', 'abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["x","5b54dc68-764c-41f0-af7c-ce238b1cf1e8"]').toString('base64url')]) {
      expect(() => decodeImportCursor(cursor)).toThrow(ValidationError);
    }
  });
});

describe('importChecksum', () => {
  it('given checked units, when summed, then exact sums and which units matched; unchecked units are left out', () => {
    const units = [
      aUnit({ sourceValueUsd: '0.10', sourceWeightKg: '1.000', rowsValueUsd: '0.10', rowsWeightKg: '1' }),
      aUnit({ sourceValueUsd: '0.20', sourceWeightKg: '2.500', rowsValueUsd: '0.19', rowsWeightKg: '2.500' }, 'refused'),
      aUnit(null, 'pending'),
    ];

    // 0.10 + 0.20 is 0.30 exactly (a float sum would be 0.30000000000000004).
    expect(importChecksum(units)).toEqual({
      unitsMatching: 1,
      unitsMismatching: 1,
      sourceValueUsd: '0.30',
      sourceWeightKg: '3.500',
      rowsValueUsd: '0.29',
      rowsWeightKg: '3.500',
    });
  });
});
