// A pdfkit document as a web ReadableStream that is produced only as fast as it is read.
// pdfkit pushes bytes without regard to backpressure, so the pacing happens one level up: the
// stream asks for the next piece (one pupil) only when its queue has room, and pdfkit writes
// each finished page out at once (bufferPages: false). A whole school therefore never sits in
// memory: at most one pupil's data and the queue's high-water mark do.
import type { PdfDoc } from './document';

/** Draws the next piece; resolves false when there is nothing left to draw. */
export type DrawStep = () => Promise<boolean>;

export type PdfStreamOptions = {
  /** Bytes the stream may hold unread before it stops asking for more (default 256 KiB). */
  highWaterMark?: number;
  /** Called when the reader goes away, to stop loading data. */
  onCancel?: () => void;
};

export function streamPdf(doc: PdfDoc, step: DrawStep, options: PdfStreamOptions = {}): ReadableStream<Uint8Array> {
  let ended = false;
  const finish = () => {
    if (!ended) {
      ended = true;
      doc.end();
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        doc.on('data', (chunk: Buffer) => {
          // After a cancel the controller is closed; pdfkit may still flush its tail.
          try {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          } catch {
            /* reader gone */
          }
        });
        doc.on('end', () => {
          try {
            controller.close();
          } catch {
            /* already closed or errored */
          }
        });
        doc.on('error', (error: unknown) => controller.error(error));
      },
      async pull(controller) {
        if (ended) return;
        try {
          if (!(await step())) finish();
        } catch (error) {
          ended = true;
          controller.error(error);
        }
      },
      cancel() {
        options.onCancel?.();
        finish();
      },
    },
    { highWaterMark: options.highWaterMark ?? 256 * 1024, size: (chunk) => chunk.byteLength },
  );
}
