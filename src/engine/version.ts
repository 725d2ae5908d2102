/** Version of the numerical engine; part of every cache key, bump it whenever results can change. */
export const ENGINE_VERSION = '0.1.0';
