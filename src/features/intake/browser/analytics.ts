/**
 * Moments of the request form for a first-party tracker that comes later: a `clinic:analytics`
 * CustomEvent on document, whose detail names the moment and, for errors, the field names.
 * Never a value the patient typed.
 */
export type AnalyticsMoment = 'form_start' | 'form_error' | 'form_submitted';

export function emitAnalytics(name: AnalyticsMoment, fields?: string[]): void {
  const detail = fields ? { name, fields: [...fields] } : { name };
  document.dispatchEvent(new CustomEvent('clinic:analytics', { detail }));
}
