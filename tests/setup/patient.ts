import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import { openSealed, unlockWithPassword } from '../../src/features/keys/index.ts';
import { parseSealedRequest, type RequestFields } from '../../src/features/requests/index.ts';

/**
 * A unique marker made of letters only, so it fits every text field (names accept letters).
 * Nothing else in the system can contain it by chance: 16 random letters after "Qz".
 */
export function newMarker(): string {
  const letters = [...randomBytes(16)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `Qz${letters}`;
}

/**
 * A valid sealed document, as the form stores it, with the marker in every free-text field.
 * Read through the document's schema, so a field added later and left out here is there, as not given.
 */
export function buildRequestFields(marker: string, overrides: Partial<RequestFields> = {}): RequestFields {
  return parseSealedRequest(JSON.stringify(document(marker, overrides)));
}

// Lists that may be empty are left to the schema, which reads them as empty.
function document(
  marker: string,
  overrides: Partial<RequestFields>,
): Omit<RequestFields, 'selfCheck'> & Partial<RequestFields> {
  return {
    version: 1,
    givenName: `José${marker}`,
    familyName: `O'Brien-${marker}`,
    tel: '+12135550142',
    email: `${marker.toLowerCase()}@example.com`,
    contactMethod: 'phone',
    bestTime: 'morning',
    language: 'es',
    languageOther: null,
    postalCode: '90017',
    painAreas: ['neck', 'low-back'],
    painDuration: '1-to-5-years',
    painLevel: 7,
    treatments: ['medication', 'injections'],
    insurance: 'medicare',
    message: `Dolor de espalda ${marker}, "desde hace años".`,
    heardFrom: `Radio ${marker}`,
    consent: true,
    ...overrides,
  };
}

/**
 * What a patient types into the form, as its HTTP fields (without the hidden ones), with the
 * marker in every free-text field.
 */
export function patientFormFields(marker: string): [string, string][] {
  return [
    ['given-name', `José${marker}`],
    ['family-name', `O'Brien-${marker}`],
    ['tel', '213 555 0142'],
    ['email', `${marker.toLowerCase()}@example.com`],
    ['contact-method', 'phone'],
    ['best-time', 'morning'],
    ['language', 'es'],
    ['language-other', ''],
    ['postal-code', '90017'],
    ['pain-area', 'neck'],
    ['pain-area', 'low-back'],
    ['pain-duration', '1-to-5-years'],
    ['pain-level', '7'],
    ['treatments', 'medication'],
    ['treatments', 'injections'],
    ['insurance', 'medicare'],
    ['message', `Dolor de espalda ${marker}, "desde hace años".`],
    ['heard-from', `Radio ${marker}`],
    ['consent', 'yes'],
  ];
}

/** Patient i's given name in a crowd: letters only (names refuse digits), unique for i < 676. */
export function numberedName(i: number): string {
  return `Pat${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
}

/** The form's fields for patient i of a crowd: patientFormFields with that patient's given name. */
export function numberedPatientFields(marker: string, i: number): [string, string][] {
  return patientFormFields(marker).map(([k, v]): [string, string] => [
    k,
    k === 'given-name' ? numberedName(i) : v,
  ]);
}

/**
 * Every stored request opened with an admin's password, as staff would: reference → given name.
 * Also checks what a crash must never leave: a request without its staff notice, or the reverse
 * (the outbox row commits with its request).
 */
export async function openStoredRequests(
  db: Database,
  admin: { email: string; password: string },
): Promise<Map<string, string>> {
  const privateKey = await unlockWithPassword(db, admin.email, admin.password);
  const rows = await db.query<{ id: string; reference: string; sealed: Uint8Array }>(
    'SELECT id::text AS id, reference, sealed FROM requests',
  );
  const names = new Map<string, string>();
  for (const row of rows) {
    const opened = await openSealed(privateKey, new Uint8Array(row.sealed), new TextEncoder().encode(row.id));
    names.set(row.reference, parseSealedRequest(opened).givenName);
  }
  const unpaired = await db.query(
    `SELECT 1 FROM requests r FULL JOIN notification_outbox o ON o.request_id = r.id::text
     WHERE r.id IS NULL OR o.id IS NULL`,
  );
  if (unpaired.length > 0) throw new Error(`${unpaired.length} requests or notices without their pair`);
  return names;
}
