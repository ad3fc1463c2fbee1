// Russian → Latin transliteration for logins. Based on the passport table (Приказ МВД
// № 889 / ICAO: ж zh, х kh, ц ts, щ shch), except й → y, ю → yu, я → ya, ъ/ь dropped:
// that is how people spell their own names in e-mail addresses, so logins look familiar.

const TABLE: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** 'Пётр Щукин' → 'Petr Shchukin'. Characters outside the Russian alphabet are kept. */
export function transliterate(s: string): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const latin = TABLE[lower];
    if (latin === undefined) out += ch;
    else if (ch !== lower && latin.length > 0) out += latin[0].toUpperCase() + latin.slice(1);
    else out += latin;
  }
  return out;
}
