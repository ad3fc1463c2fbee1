// A labelled input with its error right under it, announced to screen readers.
type FieldProps = React.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string };

export function Field({ label, name, error, hint, id, className, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="mb-1 block font-bold">{label}</label>
      <input id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}
        className={`w-full rounded-md border px-3 py-2.5 ${error ? 'border-danger' : 'border-line'}`} {...input} />
      {hint && !error && <p className="mt-1 text-sm text-muted">{hint}</p>}
      <p id={errorId} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error}</p>
    </div>
  );
}
