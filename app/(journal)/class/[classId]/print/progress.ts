// Counting pupils in the streamed PDF: each pupil's first page dictionary holds `/JrnPupil n`
// (lib/pdf/week-extract.ts). Page dictionaries are not compressed, so the marker is plain bytes;
// a marker may straddle two chunks, hence the carried tail.
const MARKER = /\/JrnPupil (\d+)/g;

export function countPupilMarkers(tail: string, chunk: Uint8Array): { highest: number; tail: string } {
  let text = tail;
  // Latin-1: one character per byte, so binary streams cannot break the decoding.
  for (let i = 0; i < chunk.length; i += 8192) text += String.fromCharCode(...chunk.subarray(i, i + 8192));
  let highest = -1;
  for (const m of text.matchAll(MARKER)) highest = Math.max(highest, Number(m[1]));
  return { highest, tail: text.slice(-24) };
}
