// A labelled select with its error right under it, announced to screen readers (as field.tsx).
const selectClass = (error?: string) => `w-full rounded-md border px-3 py-2.5 ${error ? 'border-danger' : 'border-line'}`;

export function SelectField({ label, name, error, defaultValue, children, hint }: { label: string; name: string; error?: string; defaultValue?: string; children: React.ReactNode; hint?: string }) {
  return (
    <div>
      <label htmlFor={`field-${name}`} className="mb-1 block font-bold">{label}</label>
      {/* A select takes a changed defaultValue only when mounted anew: the key remounts it with what was chosen. */}
      <select key={`typed:${defaultValue ?? ''}`} id={`field-${name}`} name={name} defaultValue={defaultValue ?? ''} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined} className={selectClass(error)}>
        {children}
      </select>
      {hint && !error && <p className="mt-1 text-sm text-muted">{hint}</p>}
      <p id={`field-${name}-error`} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error}</p>
    </div>
  );
}
