/** The catalogue context's public face: what other contexts may import. Everything else is private. */
export * from './catalogue.contract';
export { decodeCatalogueMessage } from './catalogue.decoder';
