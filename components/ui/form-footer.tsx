// The end of a settings-style form: the error that belongs to no single field, the submit button
// and the message after a save (read out by screen readers). One look for every such form.
export function FormFooter({ error, pending, label, savedMessage }: { error?: string; pending: boolean; label: string; savedMessage?: string }) {
  return (
    <>
      {error && <p role="alert" className="text-danger">{error}</p>}
      <div className="flex items-center gap-3">
        <button disabled={pending} className="rounded-md bg-accent px-5 py-3 font-bold text-white disabled:opacity-60">{label}</button>
        <span aria-live="polite" className="text-ok">{savedMessage ?? ''}</span>
      </div>
    </>
  );
}
