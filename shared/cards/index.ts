/** Every card builder, by domain; import from here or from the domain module. */
export type { AdaptiveCardJson, CardAction } from './render';
export { toSubmitOnly } from './render';
export type { CardContext } from './format';
export * from './common';
export * from './connection';
export * from './lists';
export * from './members-comments';
export * from './message';
export * from './projects';
export * from './project-social';
export * from './requests';
export * from './tasks';
export * from './notify';
export * from './time';
export * from './custom-fields';
export * from './project-form-extras';
export * from './project-categories';
