/** The statistics context's public face: what other contexts may import. Everything else is private. */
export * from './statistics.contract';
export { decodeStatisticMessage } from './statistics.decoder';
