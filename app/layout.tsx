import type { Metadata, Viewport } from 'next';
import localFont from 'next/font/local';
import { APP_COLOR } from './manifest';
import './globals.css';

// PT Sans from npm (OFL, Latin + Cyrillic): no request to Google Fonts at build or run time.
const ptSans = localFont({
  src: [
    { path: '../node_modules/@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf', weight: '400', style: 'normal' },
    { path: '../node_modules/@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf', weight: '700', style: 'normal' },
  ],
  variable: '--font-pt-sans',
  display: 'swap',
});

export const metadata: Metadata = {
  title: { default: 'Электронный журнал', template: '%s — Электронный журнал' },
  description: 'Электронный журнал и дневник школы',
};

// theme-color tints a phone's browser bar in the journal's blue.
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: APP_COLOR };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ru" className={ptSans.variable}>
      <body className="min-h-screen font-sans text-base antialiased">{children}</body>
    </html>
  );
}
