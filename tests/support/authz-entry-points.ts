// Every entry point of the application, read from the filesystem: each app/**/page.tsx, each
// HTTP method exported by an app/**/route.ts, and each function exported by a 'use server' file
// (anywhere under app/, lib/ or components/). The matrix must have a row for each, and nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type EntryPoint =
  | { kind: 'page'; key: string; file: string }
  | { kind: 'route'; key: string; file: string; method: HttpMethod }
  | { kind: 'action'; key: string; file: string; exportName: string };

/** '/diary/[studentId]' for 'app/(diary)/diary/[studentId]/page.tsx': route groups do not show in the URL. */
export function urlOf(file: string): string {
  const segments = path.dirname(file).split('/').slice(1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

export const pageKey = (file: string) => `page ${urlOf(file)}`;
export const routeKey = (file: string, method: string) => `route ${method} ${urlOf(file)}`;
export const actionKey = (file: string, exportName: string) => `action ${file}#${exportName}`;

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'generated' ? [] : walk(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

/** A module whose first statement (after comments) is the 'use server' directive. */
export function isServerActionFile(source: string): boolean {
  const code = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
  return /^['"]use server['"]/.test(code);
}

/** Inline `'use server'` inside a function body: an action the matrix cannot name. */
export function inlineServerActions(source: string): number {
  return source.split('\n').filter((line, i) => i > 0 && /^\s+['"]use server['"];?\s*$/.test(line)).length;
}

export async function listEntryPoints(): Promise<{ entries: EntryPoint[]; problems: string[] }> {
  const entries: EntryPoint[] = [];
  const problems: string[] = [];
  const appFiles = walk('app');
  for (const file of appFiles.filter((f) => path.basename(f) === 'page.tsx')) entries.push({ kind: 'page', key: pageKey(file), file });
  for (const file of appFiles.filter((f) => path.basename(f) === 'route.ts')) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    const methods = HTTP_METHODS.filter((m) => typeof mod[m] === 'function');
    if (!methods.length) problems.push(`${file} exports no HTTP method`);
    for (const method of methods) entries.push({ kind: 'route', key: routeKey(file, method), file, method });
  }
  for (const file of [...appFiles, ...walk('lib'), ...walk('components')]) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    if (inlineServerActions(source)) problems.push(`${file} declares a server action inline ('use server' in a function body): move it to an actions file so the matrix can name it`);
    if (!isServerActionFile(source)) continue;
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value === 'function') entries.push({ kind: 'action', key: actionKey(file, exportName), file, exportName });
    }
  }
  return { entries, problems };
}
