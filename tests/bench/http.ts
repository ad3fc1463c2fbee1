// The benchmarks' HTTP client for timed requests: node:http over one kept-alive connection per
// client. Timings are meant to be the server's; undici's fetch adds ~7 ms of its own per request
// to a streamed (chunked) Next response on these machines, which would hide the figures.
import http from 'node:http';

export type HttpClient = {
  request(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }>;
  close(): void;
};

export function httpClient(baseUrl: string): HttpClient {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    request(path, init = {}) {
      return new Promise((resolve, reject) => {
        const req = http.request(
          { host: base.hostname, port: base.port, path, method: init.method ?? 'GET', headers: init.headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(init.body);
      });
    },
    close: () => agent.destroy(),
  };
}
