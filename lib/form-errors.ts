// A failed zod parse as a form's errors: the first message of each field, keyed by the field's
// name; an issue of the whole input (or of a field the form does not show) goes under `form`.
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], shownAsForm: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[shownAsForm.includes(field) ? 'form' : field] ??= issue.message;
  }
  return errors;
}
