import { loadCountryReference } from '../../reference-data';
import { PartnerReference } from '../domain/unit-verification';

/** The committed countries and the customs alias table (data/reference), loaded once. */
export function committedPartnerReference(): PartnerReference {
  const countries = loadCountryReference();
  return {
    isKnownCode: (code) => countries.get(code) !== undefined,
    resolveName: (name) => countries.resolveCustomsName(name),
  };
}
