import { choicesOf, type MultiField, type SingleField } from '../requests/fields.ts';
import type { RawForm } from './rules.ts';

/**
 * Answers another page (the self-check) hands to the request form, by POST only. They travel as
 * the value of one checkbox (CARRY_FIELD), so a browser sends them only when the patient ticks
 * it, with or without JavaScript; CARRY_MARK tells the form's POST route to open the form with
 * them rather than to receive a request. Pure, shared by both pages.
 */

/** The checkbox whose value holds the answers. */
export const CARRY_FIELD = 'carried-answers';
/** A hidden field: this post opens the form (it is not a request). Holds no answer. */
export const CARRY_MARK = 'open-request-form';

/** Fields another page may fill in. */
const CARRIED = ['pain-area', 'pain-duration', 'treatments', 'self-check'] as const;
type CarriedField = (typeof CARRIED)[number];
export type Carried = Partial<Pick<RawForm, CarriedField>>;

const isMulti = (name: CarriedField): name is CarriedField & MultiField => name !== 'pain-duration';

/** The checkbox value for a set of answers (form encoding, inside a POST body). */
export function encodeCarried(carried: Carried): string {
  const params = new URLSearchParams();
  for (const name of CARRIED) {
    const value = carried[name];
    for (const v of Array.isArray(value) ? value : value ? [value] : []) params.append(name, v);
  }
  return params.toString();
}

/** The answers in a checkbox value; anything not a known field and choice is dropped. */
export function readCarried(text: string): Carried {
  const params = new URLSearchParams(text.length > 2000 ? '' : text);
  const carried: Carried = {};
  for (const name of CARRIED) {
    const known = choicesOf(name) as string[];
    const values = [...new Set(params.getAll(name))].filter((v) => known.includes(v));
    if (values.length === 0) continue;
    if (isMulti(name)) carried[name] = values;
    else carried[name as SingleField & CarriedField] = values[0] as string;
  }
  return carried;
}
