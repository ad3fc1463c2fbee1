// Calling an entry point directly, as Next.js would after proxy.ts (which these calls never pass
// through), and reading what came back as "allowed" or "denied":
//
//   page   → allowed: it rendered, or redirected anywhere else;
//            denied: redirect to /login, /forbidden, / or /change-password, notFound(), forbidden(), unauthorized().
//   action → allowed: the row's success test (by default `{ ok: true }`), or a redirect as above;
//            denied: any other returned value (`{ ok: false, … }`, `{ errors }`, `{ error }`).
//   route  → allowed: 2xx (the body is read to its end); denied: 4xx or a redirect to /login.
//
// Anything else — another thrown error, a 5xx — is a crash and fails the test: a refusal must be
// an answer, not an accident.
import { createRequire } from 'node:module';
import { NextRequest } from 'next/server';
import * as requestStub from './next-request-stub';
import { setTestRequest } from './next-request-stub';

// next-auth's route handler reads next/headers through CommonJS `require`, which the vitest alias
// (next/headers → next-request-stub) does not reach: point that module at the same stub.
Object.assign(createRequire(import.meta.url)('next/headers') as object, { cookies: requestStub.cookies, headers: requestStub.headers });

export type Verdict = { allowed: boolean; detail: string; /** What the caller got to read (page, body, action result), for leak checks. */ text?: string };

export type RequestContext = { cookies: Record<string, string>; headers: Record<string, string> };

/** Where a refused page sends the visitor (the forced password change withholds the page too). */
const DENIAL_TARGETS = ['/login', '/forbidden', '/', '/change-password'];

export class Crash extends Error {}

/** The redirect target of a `redirect()` error, or null. */
function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown })?.digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT;')) return null;
  return digest.split(';').slice(2, -2).join(';');
}

/** The status of notFound()/forbidden()/unauthorized(), or null. */
function httpFallback(error: unknown): number | null {
  const digest = (error as { digest?: unknown })?.digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;')) return null;
  return Number(digest.split(';')[1]);
}

function fromThrown(error: unknown): Verdict {
  const target = redirectTarget(error);
  if (target !== null) {
    const path = target.split(/[?#]/)[0];
    return { allowed: !DENIAL_TARGETS.includes(path), detail: `redirect → ${target}` };
  }
  const status = httpFallback(error);
  if (status !== null) return { allowed: false, detail: `HTTP ${status} (${status === 404 ? 'notFound()' : 'fallback'})` };
  const crash = new Crash(`crashed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  crash.cause = error;
  throw crash;
}

export async function callPage(
  ctx: RequestContext,
  Page: (props: never) => unknown,
  params: Record<string, string>,
  searchParams: Record<string, string> = {},
): Promise<Verdict> {
  setTestRequest(ctx);
  try {
    const element = await Page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) } as never);
    return { allowed: true, detail: 'rendered', text: renderedText(element) };
  } catch (error) {
    return fromThrown(error);
  }
}

export async function callAction(ctx: RequestContext, run: () => Promise<unknown>, succeeded: (result: unknown) => boolean): Promise<Verdict> {
  setTestRequest(ctx);
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    return fromThrown(error);
  }
  return { allowed: succeeded(result), detail: `returned ${brief(result)}`, text: renderedText(result) };
}

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function callRoute(
  ctx: RequestContext,
  handler: RouteHandler,
  request: { method: string; path: string; body?: FormData | URLSearchParams; headers?: Record<string, string>; cookies?: Record<string, string> },
  params: Record<string, string | string[]> = {},
): Promise<Verdict> {
  const cookies = { ...ctx.cookies, ...request.cookies };
  setTestRequest({ cookies, headers: ctx.headers });
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const headers = new Headers({ ...ctx.headers, ...request.headers, ...(cookie ? { cookie } : {}) });
  // What Next.js hands a route handler: a NextRequest.
  const req = new NextRequest(`http://localhost:3000${request.path}`, { method: request.method, headers, body: request.body });
  let response: Response;
  try {
    response = await handler(req, { params: Promise.resolve(params) });
  } catch (error) {
    return fromThrown(error);
  }
  // Read to the end: a streamed PDF that fails halfway is a crash, not a success.
  const body = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const detail = `HTTP ${response.status} ${type.split(';')[0]} ${body.length} B`;
  if (response.status >= 500) throw new Crash(`crashed: ${detail}: ${body.toString('utf8').slice(0, 300)}`);
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location') ?? '';
    return { allowed: !/^(https?:\/\/[^/]+)?\/login/.test(location), detail: `${detail} → ${location}` };
  }
  if (response.status >= 400) return { allowed: false, detail };
  if (type.includes('application/pdf') && body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Crash(`not a PDF: ${detail}`);
  return { allowed: true, detail, text: type.includes('application/pdf') ? undefined : body.toString('utf8') };
}

function brief(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return json === undefined ? String(value) : json.length > 160 ? `${json.slice(0, 160)}…` : json;
}

/**
 * Every string a page handed to React: text children and the props of every element, including
 * the data passed to client components (which the browser would receive). Functions are skipped.
 */
export function renderedText(node: unknown): string {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 60 || v === null || v === undefined || typeof v === 'boolean' || typeof v === 'function' || typeof v === 'symbol') return;
    if (typeof v === 'string') return void out.push(v);
    if (typeof v === 'number' || typeof v === 'bigint') return void out.push(String(v));
    if (typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Date) return;
    if (v instanceof Map) return v.forEach((val, key) => (walk(key, depth + 1), walk(val, depth + 1)));
    if (v instanceof Set || Array.isArray(v)) return [...v].forEach((x) => walk(x, depth + 1));
    const el = v as { $$typeof?: symbol; props?: unknown };
    if (el.$$typeof) return walk(el.props, depth + 1);
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(node, 0);
  return out.join('\n');
}
