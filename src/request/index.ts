export * from './defaults.js';
export { requestSchema } from './schema.js';
export * from './validate.js';
