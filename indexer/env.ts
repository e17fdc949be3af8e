// The environment helpers live in config/env.ts (below every layer, so corpus/ can use them too).
export * from '../config/env.ts';
