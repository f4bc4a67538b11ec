// Constants the browser script shares with the server; this file must stay free of imports.

/** Where events are posted (the collector's route). */
export const ENDPOINT = '/api/event';

/** The request form in each language; links to them are request_click events. */
export const REQUEST_PATHS = ['/en/request', '/es/solicitud'];

/** The only query parameters a page view keeps. */
export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

/** The request form's moments, announced as `clinic:analytics` events on document. */
export const FORM_EVENTS = ['form_start', 'form_error', 'form_submitted'];

/** The self-check's moments: started, and which result was shown. Never an answer. */
export const SELF_CHECK_EVENTS = [
  'self_check_start',
  'self_check_urgent',
  'self_check_worth_asking',
  'self_check_doctor_first',
  'self_check_other_first',
];

/** Field names sent with a form_error at most. */
export const MAX_FIELDS = 20;
