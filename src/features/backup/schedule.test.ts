import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, backupTime, isBackupDue } from './schedule.ts';

const at = (iso: string) => new Date(iso);

describe('automatic backup schedule', () => {
  it('names a backup by its time, and reads the time back', () => {
    const name = backupFileName(at('2026-01-31T02:03:04.567Z'));
    expect(name).toBe('clinic-2026-01-31T02-03-04Z.ndjson.gz');
    expect(backupTime(name)).toEqual(at('2026-01-31T02:03:04Z'));
    expect(backupTime('clinic-before-upgrade.ndjson.gz')).toBeNull();
  });

  it('is due with no backup yet, or once the newest is a day old', () => {
    const names = [backupFileName(at('2026-01-30T02:00:00Z')), backupFileName(at('2026-01-31T02:00:00Z'))];
    expect(isBackupDue([], at('2026-01-31T03:00:00Z'))).toBe(true);
    expect(isBackupDue(['notes.txt'], at('2026-01-31T03:00:00Z'))).toBe(true);
    expect(isBackupDue(names, at('2026-02-01T01:59:59Z'))).toBe(false);
    expect(isBackupDue(names, at('2026-02-01T02:00:00Z'))).toBe(true);
    expect(isBackupDue(names, at('2026-01-30T12:00:00Z'))).toBe(true); // the clock went back
  });

  it('keeps the newest N of its own backups and never lists another file', () => {
    const names = ['2026-01-28', '2026-01-29', '2026-01-30', '2026-01-31'].map((d) =>
      backupFileName(at(`${d}T02:00:00Z`)),
    );
    const shuffled = [names[2], 'clinic-before-upgrade.ndjson.gz', names[0], names[3], names[1]] as string[];
    expect(backupsToDelete(shuffled, 2)).toEqual([names[0], names[1]]);
    expect(backupsToDelete(shuffled, 7)).toEqual([]);
  });
});
