// Stands in for `next/headers` under vitest, where there is no Next request. Tests that invoke
// pages, server actions or route handlers directly set the request's cookies and headers with
// `setTestRequest`, and getCurrentUser() then reads them exactly as in production.
type TestRequest = { cookies: Map<string, string>; headers: Map<string, string> };

const state: TestRequest = ((globalThis as { __testRequest?: TestRequest }).__testRequest ??= { cookies: new Map(), headers: new Map() });

export function setTestRequest(request: { cookies?: Record<string, string>; headers?: Record<string, string> }) {
  state.cookies = new Map(Object.entries(request.cookies ?? {}));
  state.headers = new Map(Object.entries(request.headers ?? {}));
}

export async function cookies() {
  return {
    get: (name: string) => (state.cookies.has(name) ? { name, value: state.cookies.get(name)! } : undefined),
    getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => state.cookies.has(name),
    set: (name: string, value: string) => void state.cookies.set(name, value),
    delete: (name: string) => void state.cookies.delete(name),
  };
}

export async function headers() {
  return new Headers([...state.headers]);
}
