// Tests import server modules directly; the real `server-only` package throws outside React's
// server build, so it is replaced by this empty module under vitest.
export {};
