// The authorization matrix again, every call carrying x-middleware-subrequest (the header that
// made Next.js skip its middleware, CVE-2025-29927): it must change nothing, because no check
// lives in proxy.ts alone. Rows: tests/support/authz-rows.ts.
import { describeMatrix } from '../support/authz-suite';

describeMatrix('the matrix with x-middleware-subrequest set', { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' });
