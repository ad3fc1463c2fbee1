// The web app manifest: a parent who adds the diary to a phone's home screen gets the school
// journal's name and icon, and it opens full screen like an app. No offline mode: a diary shown
// from a cache could be out of date, and the service worker that would keep one is not built.
import type { MetadataRoute } from 'next';

export const APP_COLOR = '#2f5d8a'; // --color-accent in app/globals.css
const PAPER = '#fbfaf7'; // --color-paper

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Электронный журнал и дневник',
    short_name: 'Дневник',
    description: 'Электронный журнал и дневник школы',
    lang: 'ru',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: PAPER,
    theme_color: APP_COLOR,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
