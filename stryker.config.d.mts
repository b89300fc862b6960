import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

export declare const MUTATED_MODULES: string[];
declare const config: PartialStrykerOptions;
export default config;
