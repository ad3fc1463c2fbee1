// The shape of the authorization matrix and the loop that runs it (rows: tests/support/authz-rows.ts).
//
// A row is one entry point (a page, a route handler's method, a server action; an action with
// sub-commands has a row per command). It has one cell per kind of record it is called with —
// own, classmate, foreign (same school), substituted, crossed (an own id paired with someone
// else's record), wholeSchool, otherSchool, or `any` for an entry point that takes no record —
// and each cell names the identities allowed. Every identity is called on every cell: the allowed
// must succeed, the others must be refused, a refused write must leave the database fingerprint
// as it was, and no answer may show a text of the world to someone not allowed to see it (SECRETS).
import path from 'node:path';
import { expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/prisma-client';
import { actionKey, pageKey, ROOT, routeKey, type HttpMethod } from './authz-entry-points';
import { callAction, callPage, callRoute, Crash, type RequestContext, type RouteHandler, type Verdict } from './authz-invoke';
import { DatabaseFingerprint, type Fingerprint } from './authz-snapshot';
import { IDENTITIES, SECRETS, type Sessions, type Who, type World } from './authz-world';

export type RecordKind = 'any' | 'own' | 'classmate' | 'foreign' | 'substituted' | 'crossed' | 'crossedIndividual' | 'wholeSchool' | 'otherSchool';

export type Env = { w: World; db: PrismaClient };
type Call = (env: Env, request: RequestContext) => Promise<Verdict>;

export type Cell = {
  allow: readonly Who[];
  /** Puts the target in place before the calls (again after each success), so that a leaking write would show. */
  prepare?: (env: Env) => Promise<unknown>;
  /** Undoes an allowed write that would change what later rows expect (a role's permissions). */
  after?: (env: Env) => Promise<unknown>;
  call: Call;
};

export type Row = {
  key: string;
  /** A sub-command of the entry point, e.g. userCommandAction's 'roles'. */
  variant?: string;
  kind: 'page' | 'route' | 'action';
  write: boolean;
  /** The allowed call writes nothing new on a repeat (the matrix then does not demand a change). */
  idempotent?: boolean;
  records: Partial<Record<RecordKind, Cell>>;
};

/** A real access bug, documented: the cell is expected to behave wrongly until the app is fixed. */
export type KnownBug = { key: string; variant?: string; record: RecordKind; who: Who; note: string };

const load = async <T>(file: string): Promise<T> => (await import(/* @vite-ignore */ path.join(ROOT, file))) as T;

// ───────────────────────────── row builders ─────────────────────────────

type PageCell = {
  allow: readonly Who[];
  params?: (w: World) => Record<string, string | number>;
  search?: (w: World) => Record<string, string | number>;
  prepare?: Cell['prepare'];
};

const strings = (o: Record<string, string | number> = {}) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

export function page(file: string, records: Partial<Record<RecordKind, PageCell>>): Row {
  const cells = Object.fromEntries(
    Object.entries(records).map(([kind, c]) => [
      kind,
      {
        allow: c.allow,
        prepare: c.prepare,
        call: async ({ w }, request) => {
          const mod = await load<{ default: (props: never) => unknown }>(file);
          return callPage(request, mod.default, strings(c.params?.(w)), strings(c.search?.(w)));
        },
      } satisfies Cell,
    ]),
  );
  return { key: pageKey(file), kind: 'page', write: false, records: cells };
}

type ActionCell = {
  allow: readonly Who[];
  /** The action's arguments; for a form action `[prevState, formData]` (see `form`). */
  args: (env: Env) => Promise<unknown[]> | unknown[];
  prepare?: Cell['prepare'];
  after?: Cell['after'];
};

export function action(
  file: string,
  exportName: string,
  options: { variant?: string; write?: boolean; idempotent?: boolean; succeeded?: (result: unknown) => boolean },
  records: Partial<Record<RecordKind, ActionCell>>,
): Row {
  const succeeded = options.succeeded ?? ((r: unknown) => (r as { ok?: unknown })?.ok === true);
  const cells = Object.fromEntries(
    Object.entries(records).map(([kind, c]) => [
      kind,
      {
        allow: c.allow,
        prepare: c.prepare,
        after: c.after,
        call: async (env, request) => {
          const fn = (await load<Record<string, (...args: unknown[]) => Promise<unknown>>>(file))[exportName];
          const args = await c.args(env);
          return callAction(request, () => fn(...args), succeeded);
        },
      } satisfies Cell,
    ]),
  );
  return { key: actionKey(file, exportName), variant: options.variant, kind: 'action', write: options.write ?? true, idempotent: options.idempotent, records: cells };
}

type RouteCell = {
  allow: readonly Who[];
  /** Path with the query string. */
  path: (w: World) => string;
  params?: (w: World) => Record<string, string | string[]>;
  body?: (env: Env) => Promise<FormData | URLSearchParams> | FormData | URLSearchParams;
  headers?: Record<string, string>;
  /** Cookies besides the session's (next-auth's CSRF cookie). */
  cookies?: Record<string, string>;
  prepare?: Cell['prepare'];
};

export function route(file: string, method: HttpMethod, options: { write?: boolean; idempotent?: boolean; variant?: string }, records: Partial<Record<RecordKind, RouteCell>>): Row {
  const cells = Object.fromEntries(
    Object.entries(records).map(([kind, c]) => [
      kind,
      {
        allow: c.allow,
        prepare: c.prepare,
        call: async (env, request) => {
          const handler = (await load<Record<string, RouteHandler>>(file))[method];
          const body = c.body ? await c.body(env) : undefined;
          return callRoute(request, handler, { method, path: c.path(env.w), body, headers: c.headers, cookies: c.cookies }, c.params?.(env.w) ?? {});
        },
      } satisfies Cell,
    ]),
  );
  return { key: routeKey(file, method), variant: options.variant, kind: 'route', write: options.write ?? method !== 'GET', idempotent: options.idempotent, records: cells };
}

/** FormData from a plain object; arrays become repeated fields, Files stay files. */
export function form(fields: Record<string, string | number | File | readonly (string | number)[] | undefined>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) f.append(k, String(x));
    else f.append(k, v instanceof File ? v : String(v));
  }
  return f;
}

// ───────────────────────────── the loop ─────────────────────────────

export const rowName = (row: Row) => (row.variant ? `${row.key} [${row.variant}]` : row.key);

export type MatrixContext = {
  db: PrismaClient;
  world: () => World;
  sessions: () => Sessions;
  /** Extra request headers of every call (the x-middleware-subrequest run). */
  headers: Record<string, string>;
  knownBugs: readonly KnownBug[];
};

export type CellResult = { row: string; record: RecordKind; who: Who; expected: boolean; verdict?: Verdict; problem?: string; ms?: number };

/** One `it` per row; each calls every identity on every record of the row and lists what went wrong. */
export function defineRows(rows: readonly Row[], ctx: MatrixContext, results: CellResult[]): void {
  const fingerprint = new DatabaseFingerprint(ctx.db);
  for (const row of rows) {
    it(rowName(row), async () => {
      const problems: string[] = [];
      for (const [record, cell] of Object.entries(row.records) as [RecordKind, Cell][]) {
        // Refused identities first: the allowed write that follows may change the record.
        const order = [...IDENTITIES].sort((a, b) => Number(cell.allow.includes(a)) - Number(cell.allow.includes(b)));
        const state: CellState = {};
        for (const who of order) {
          const started = performance.now();
          const result = await runCell(row, record, cell, who, ctx, fingerprint, state);
          results.push({ ...result, ms: Math.round(performance.now() - started) });
          if (result.problem) problems.push(`${record} × ${who}: ${result.problem}`);
        }
      }
      expect(problems, `${rowName(row)}:\n  ${problems.join('\n  ')}`).toEqual([]);
    });
  }
}

/**
 * What the record looked like after `prepare`. A refusal leaves it as it was, so the fingerprint
 * taken after one refusal is the "before" of the next; after a success (or a leak) the record is
 * prepared and fingerprinted again.
 */
export type CellState = { prepared?: boolean; baseline?: Fingerprint };

/** Calls one identity on one cell and says what is wrong with the outcome, if anything. */
export async function runCell(row: Row, record: RecordKind, cell: Cell, who: Who, ctx: MatrixContext, fingerprint: DatabaseFingerprint, state: CellState): Promise<CellResult> {
  const env = { w: ctx.world(), db: ctx.db };
  const bug = ctx.knownBugs.find((b) => b.key === row.key && b.variant === row.variant && b.record === record && b.who === who);
  const correct = cell.allow.includes(who);
  const expected = bug ? !correct : correct;
  const base = { row: rowName(row), record, who, expected };
  if (!state.prepared) {
    await cell.prepare?.(env);
    state.prepared = true;
    state.baseline = row.write ? await fingerprint.take() : undefined;
  }
  let verdict: Verdict;
  try {
    verdict = await cell.call(env, { cookies: ctx.sessions().cookies(who), headers: ctx.headers });
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
    state.prepared = false;
    return { ...base, problem: `${error.message}${error.cause instanceof Error && error.cause.stack ? `\n${error.cause.stack.split('\n').slice(1, 4).join('\n')}` : ''}` };
  }
  const problems: string[] = [];
  if (verdict.allowed !== expected) {
    const say = (allowed: boolean) => (allowed ? 'allowed' : 'denied');
    problems.push(
      bug
        ? `KNOWN_BUG no longer happens (${say(verdict.allowed)}: ${verdict.detail}) — the bug looks fixed: remove its KNOWN_BUGS entry («${bug.note}»)`
        : `expected ${say(expected)}, got ${say(verdict.allowed)} (${verdict.detail})`,
    );
  }
  if (who === 'anonymous' && row.kind === 'page' && !verdict.allowed && !verdict.detail.startsWith('redirect → /login')) {
    problems.push(`an anonymous visitor must be sent to /login, got ${verdict.detail}`);
  }
  if (state.baseline) {
    const after = await fingerprint.take();
    const changed = DatabaseFingerprint.changed(state.baseline, after);
    if (!verdict.allowed && changed.length) problems.push(`refused, yet it changed ${changed.join(', ')} (${verdict.detail})`);
    if (verdict.allowed && !changed.length && !row.idempotent) problems.push(`allowed, yet it wrote nothing (${verdict.detail})`);
    if (verdict.allowed || changed.length) state.prepared = false;
    if (verdict.allowed) {
      await cell.after?.(env);
      await ctx.sessions().refresh();
    }
  }
  const text = verdict.text ?? '';
  for (const secret of SECRETS) {
    if (!secret.visibleTo.includes(who) && text.includes(secret.marker)) problems.push(`shows ${secret.what} («${excerpt(text, secret.marker)}»)`);
  }
  return { ...base, verdict, problem: problems.length ? problems.join('; ') : undefined };
}

function excerpt(text: string, marker: string): string {
  const i = text.indexOf(marker);
  return text.slice(Math.max(0, i - 30), i + marker.length + 30).replace(/\s+/g, ' ');
}
