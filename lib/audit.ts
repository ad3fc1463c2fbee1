// Writes to the append-only audit trail. Pass the transaction client when the audited change
// happens in a transaction, so the change and its audit row commit together or not at all.
import type { Prisma, PrismaClient } from './prisma-client';

type Writer = Pick<PrismaClient, 'auditLog'> | Prisma.TransactionClient;

export type AuditEntry = {
  schoolId?: number | null;
  actorId?: number | null;
  action: string;
  entityType?: string;
  entityId?: string | number;
  oldValue?: unknown;
  newValue?: unknown;
  ip?: string | null;
  details?: unknown;
};

const json = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

export async function writeAudit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      schoolId: entry.schoolId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined ? undefined : String(entry.entityId),
      oldValue: json(entry.oldValue),
      newValue: json(entry.newValue),
      ip: entry.ip ?? null,
      details: json(entry.details),
    },
  });
}
