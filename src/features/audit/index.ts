export { type AuditEntry, type AuditEvent, type ChainCheck, verifyChain } from './audit-chain.ts';
export { appendAudit, listAudit, recordAudit, verifyAudit, type AuditFilter } from './queries.ts';
