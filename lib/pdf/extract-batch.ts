// Many pupils' extracts in one PDF, streamed as it is drawn (see stream.ts), one pupil after
// another. For double-sided printing each pupil's pages are padded to an even count, so that
// no sheet carries two pupils; single-sided, padding would only waste paper.
// Each pupil's first page carries its position in the batch (/JrnPupil n) for the progress bar.
import { createPdf } from './document';
import type { WeekExtract } from './extract-model';
import { streamPdf } from './stream';
import { drawWeekExtract } from './week-extract';

export type BatchInfo = { title: string; author: string };
export type BatchOptions = { duplex: boolean };

export function streamExtractBatch(extracts: AsyncGenerator<WeekExtract>, info: BatchInfo, options: BatchOptions): ReadableStream<Uint8Array> {
  const doc = createPdf(info);
  let index = 0;
  return streamPdf(
    doc,
    async () => {
      const next = await extracts.next();
      if (next.done) return false;
      drawWeekExtract(doc, next.value, { marker: index++, duplex: options.duplex });
      return true;
    },
    { onCancel: () => void extracts.return(undefined) },
  );
}

/** The whole batch in memory: for tests and the benchmark's comparison only. */
export async function collectStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
