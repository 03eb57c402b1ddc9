/** The countries context's public face: what other contexts may import. Everything else is private. */
export * from './countries.contract';
export { decodeCountryMessage } from './countries.decoder';
