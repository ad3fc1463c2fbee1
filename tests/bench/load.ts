// Closed-loop load for the benchmarks: one signed-in session per connection, each asking for its
// own page again as soon as it is answered, for 20 seconds.
import { createRequire } from 'node:module';

// autocannon ships no types; these are the parts used here.
type Client = { setHeaders(h: Record<string, string>): void; setRequests(r: { method: string; path: string }[]): void };
type AutocannonResult = { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: { url: string; connections: number; duration: number; setupClient: (c: Client) => void }) => Promise<AutocannonResult>;

export type Session = { cookie: string; path: string };
export type LoadFigures = { rps: number; p50_ms: number; p99_ms: number; errors: number };

export const LOAD_SECONDS = 20;

export async function sessionLoad(baseUrl: string, sessions: Session[]): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: sessions.length,
    duration: LOAD_SECONDS,
    setupClient: (client) => {
      const s = sessions[next++ % sessions.length];
      client.setHeaders({ cookie: s.cookie });
      client.setRequests([{ method: 'GET', path: s.path }]);
    },
  });
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    // A non-2xx answer (a redirect to sign-in, an error page) is not the page being measured.
    errors: result.errors + result.non2xx,
  };
}
