export * from './app-error';
export * from './classify';
export * from './messages';
export * from './wire';
