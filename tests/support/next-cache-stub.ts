// Stands in for `next/cache` under vitest: revalidation needs Next's render context, which
// direct calls of server actions do not have; it has no effect on the data written.
export function revalidatePath(_path: string, _type?: 'page' | 'layout'): void {}
export function revalidateTag(_tag: string): void {}
export function unstable_noStore(): void {}
