/**
 * The shared domain: limits, rules, validation codes and zod schemas every surface uses.
 * Browser code imports ./limits, ./rules, ./guid and ./codes directly to stay free of zod.
 */
export * from './codes';
export * from './duration';
export * from './guid';
export * from './limits';
export * from './rules';
export * from './schemas';
