import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and WASM packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ['@node-rs/argon2', 'pdfkit', '@electric-sql/pglite', 'pg', 'nodemailer'],
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (part of `npm test`); `npm start` need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
