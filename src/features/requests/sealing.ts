import { openSealed, sealForClinic } from '../keys/index.ts';
import { parseSealedRequest, serializeRequestFields, type RequestFields } from './record.ts';

/**
 * Sealing patient data to the clinic key, and opening it again in a staff session. The associated data is always the row's
 * id, so a sealed value copied to another row does not open.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Seals what the patient typed to the clinic key, bound to the request's id. */
export function sealRequestFields(publicKey: Uint8Array, requestId: string, fields: RequestFields) {
  return sealForClinic(publicKey, serializeRequestFields(fields), utf8(requestId));
}

/** Opens a request's document; throws when it does not open or is not a request. */
export async function openRequestFields(
  privateKey: Uint8Array,
  request: { id: string; sealed: Uint8Array },
): Promise<RequestFields> {
  return parseSealedRequest(await openSealed(privateKey, request.sealed, utf8(request.id)));
}

/** Seals a note's text to the clinic key, bound to the note's id. */
export function sealNote(publicKey: Uint8Array, noteId: string, text: string): Promise<Uint8Array> {
  return sealForClinic(publicKey, utf8(text), utf8(noteId));
}

/** A note's text, or null when it does not open (altered or damaged): the page says so. */
export async function openNote(
  privateKey: Uint8Array,
  note: { id: string; sealed: Uint8Array },
): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      await openSealed(privateKey, note.sealed, utf8(note.id)),
    );
  } catch {
    return null;
  }
}
