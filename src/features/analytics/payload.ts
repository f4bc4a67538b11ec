import { z } from 'zod';

/** Every event the tracker may send; anything else is refused. */
export const EVENT_NAMES = [
  'pageview',
  'request_click',
  'phone_click',
  'form_start',
  'form_error',
  'form_submitted',
  'language_switch',
  // The self-check: that one started, and which of its four results was shown (never an answer).
  'self_check_start',
  'self_check_urgent',
  'self_check_worth_asking',
  'self_check_doctor_first',
  'self_check_other_first',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Largest body the collector reads; a real event is about 150 bytes. */
export const MAX_PAYLOAD_BYTES = 2048;
const MAX_URL = 1024;
const MAX_REFERRER = 512;
const MAX_FIELDS = 20;
/** A form field's name ("given-name", "tel"): never its value. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/**
 * The tracker's body, in short keys to keep the script small: n = event name, u = the page's
 * path (with utm_* parameters only), r = the referrer's origin, f = field names of a form error.
 */
export const EventPayloadSchema = z.strictObject({
  n: z.enum(EVENT_NAMES),
  u: z.string().min(1).max(MAX_URL).startsWith('/'),
  r: z.string().max(MAX_REFERRER).optional(),
  f: z.array(z.string().regex(FIELD_NAME)).max(MAX_FIELDS).optional(),
});
export type EventPayload = z.infer<typeof EventPayloadSchema>;

export type ParsedPayload = { ok: true; payload: EventPayload } | { ok: false; status: 400 | 413 };

/**
 * Parses the collector's body: JSON text of at most MAX_PAYLOAD_BYTES bytes, in the shape of
 * EventPayloadSchema exactly (unknown keys are refused too).
 * @example parseEventPayload('{"n":"pageview","u":"/en/"}') // { ok: true, payload: { n: 'pageview', u: '/en/' } }
 */
export function parseEventPayload(text: string): ParsedPayload {
  if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) return { ok: false, status: 413 };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, status: 400 };
  }
  const result = EventPayloadSchema.safeParse(data);
  return result.success ? { ok: true, payload: result.data } : { ok: false, status: 400 };
}
