// next-auth configuration: Credentials sign-in, JWT cookie naming a server-side session row.
import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authSecret, getEnv } from '../env';
import { attemptSignIn, endSession, SIGN_IN_ERRORS } from './sign-in';
import { ABSOLUTE_TIMEOUT_MS } from './session-policy';
import { clientAddress } from './client-address';

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    sid?: string;
    sv?: number;
  }
}

export function authOptions(): AuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
    pages: { signIn: '/login', signOut: '/logout', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Логин и пароль',
        credentials: { login: { label: 'Логин', type: 'text' }, password: { label: 'Пароль', type: 'password' } },
        async authorize(credentials, req) {
          const headers = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
          const ip = clientAddress((name) => {
            const value = headers[name];
            return Array.isArray(value) ? value.join(',') : (value ?? null);
          }, getEnv().TRUSTED_PROXIES);
          const userAgent = typeof headers['user-agent'] === 'string' ? headers['user-agent'] : undefined;
          const result = await attemptSignIn(credentials?.login ?? '', credentials?.password ?? '', ip, userAgent);
          // next-auth passes a thrown message to the sign-in page; it is one of our fixed texts.
          if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.error]);
          return { id: String(result.userId), uid: result.userId, sid: result.sessionId, sv: result.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { uid: number; sid: string; sv: number };
          // Only what names the session: roles and rights are read from the database on every request.
          token.uid = u.uid;
          token.sid = u.sid;
          token.sv = u.sv;
          delete token.name;
          delete token.email;
          delete token.picture;
        }
        return token;
      },
      async session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid && token.uid) await endSession(token.sid, token.uid);
      },
    },
  };
}
