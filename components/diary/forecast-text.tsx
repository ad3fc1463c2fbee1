// The forecast of a period mark in words: short for tables, in full with its explanation and
// «what would change it» on a subject's page.
import type { DiarySubjectSummary } from '@/lib/data/diary/summaries';
import type { Forecast } from '@/lib/domain/forecast';

export function forecastShort(s: Pick<DiarySubjectSummary, 'forecast' | 'scale'>): string {
  const p = s.forecast?.proposal;
  // Pass/fail and other scales have no forecast: the period result is the teacher's to give.
  if (!p) return '—';
  if (p.kind === 'insufficient') return 'мало отметок';
  return p.kind === 'mark' ? String(p.value) : `${p.lower} или ${p.upper}`;
}

export function ForecastBox({ forecast }: { forecast: Forecast }) {
  const p = forecast.proposal;
  return (
    <section aria-labelledby="forecast-title" className="space-y-3 rounded-lg border border-line bg-white p-4">
      <h2 id="forecast-title" className="text-lg font-bold">
        Прогноз отметки за период:{' '}
        <span className="text-accent">
          {p.kind === 'insufficient' ? 'пока не рассчитывается' : p.kind === 'mark' ? p.value : `${p.lower} или ${p.upper} (решает учитель)`}
        </span>
      </h2>
      <p data-testid="forecast-explanation">{forecast.explanation}</p>
      {forecast.whatWouldChange.length > 0 && (
        <div>
          <h3 className="font-bold">Что изменит прогноз</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="forecast-changes">
            {forecast.whatWouldChange.map((c) => (
              <li key={`${c.value}-${c.count}-${c.direction}`}>{c.sentence}.</li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-sm text-muted">Прогноз — подсказка по текущим отметкам; итоговую отметку выставляет учитель.</p>
    </section>
  );
}
