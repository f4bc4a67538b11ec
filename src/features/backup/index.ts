/**
 * Backup and restore of the clinic's data (`clinic backup`, `clinic restore`): a portable,
 * gzip'd NDJSON file that moves between PGlite and PostgreSQL. Rows are copied as stored, so
 * patient data stays sealed; sessions, transient counters and the analytics salt are left out
 * (see tables.ts).
 * @example
 * await createBackup(db, 'clinic.ndjson.gz');   // refuses an existing file
 * await restoreBackup(db2, 'clinic.ndjson.gz'); // refuses a database that holds data
 */
export { createBackup } from './backup.ts';
export { readBackupHeader, restoreBackup } from './restore.ts';
export { BackupError, type BackupHeader } from './format.ts';
export { BACKED_UP_TABLES, LEFT_OUT_TABLES } from './tables.ts';
export { createBackupJob, type BackupJob } from './backup-job.ts';
export { askServerForBackup, listenForBackups } from './control-socket.ts';
