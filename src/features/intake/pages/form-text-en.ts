import type { ThankYouPromise } from './thank-you-promise.ts';
/**
 * Words of the request form and thank-you page, English; Spanish in form-text-es.ts must supply
 * the same keys (the type enforces it). Each field's own words (label, hint, choices, error
 * messages) are in the field list, src/features/requests/fields.ts.
 */
export const en = {
  title: 'Request a call from our team',
  description:
    'Ask our team to contact you about neuroplasty for back or neck pain. A short, private form; we answer within one business day.',
  intro:
    'Tell us a little about you and your pain, and a care coordinator will contact you. It takes about 3 minutes.',
  privacy: 'Your answers are private: we lock them with encryption as soon as they reach us.',
  emergency: 'This form is not for emergencies. If you have an emergency, call 911.',
  requiredNote: 'Questions marked “required” must be answered. The others you can skip.',
  required: 'required',
  aboutYou: 'About you',
  reachYou: 'How to reach you',
  aboutPain: 'About your pain',
  more: 'Anything else',
  contactHint: 'Give us a phone number, an e-mail address, or both.',
  privacyLink: 'Read our privacy notice (opens in a new tab)',
  send: 'Send my request',
  honeypot: 'Leave this empty',
  summaryTitle: 'Please check these answers',
  errorPrefix: 'Error:',
  errorTitlePrefix: 'Error: ',
  callUs: 'Call us at',
  notices: {
    notOpen: 'Our online form is not open yet, so we cannot receive requests through it. Please call us.',
    notOpenKept:
      'We could not send your request: our online form is not open yet. Your answers are still below. Please call us.',
    unavailable:
      'We could not save your request just now. Your answers are still below. Please wait a minute and press “Send my request” again, or call us.',
    expired:
      'This page was open a long time, so please send it again. Your answers are still below: check them and press “Send my request”.',
    tooFast: 'That was very quick. Please check your answers below and press “Send my request” again.',
    rateLimited: (minutes: number) =>
      `We received many forms from your connection in the last few minutes. Your answers are still below. Please wait ${minutes} minutes and send again, or call us.`,
    powRequired:
      'We are getting an unusual number of requests, so your device must do a short automatic check before sending. Your answers are still below: press “Send my request” again. If this keeps happening, turn on JavaScript or call us.',
    checking: 'Checking before sending. This takes a few seconds…',
  },
  sent: {
    title: 'We received your request',
    heading: 'Thank you. We received your request.',
    reference: 'Your reference number is',
    referenceHint: 'Please keep it in case you call us.',
    nextHeading: 'What happens next',
    next: (p: ThankYouPromise) => {
      const how = p.method
        ? { phone: 'call you', text: 'send you a text message', email: 'e-mail you' }[p.method]
        : 'contact you';
      const when = p.window ? ` in the ${p.window}` : '';
      const hours = p.askedOutsideHours
        ? ` You asked for the ${p.askedOutsideHours}, but our team works only during our opening hours, so we will reach you then.`
        : '';
      return `We will ${how}${when}, by ${p.by}.${hours}`;
    },
    nextGeneric: 'We will contact you within one business day.',
    sooner: 'Want to talk sooner? Call us at',
    another: 'Send a request for someone else',
  },
};

export type FormText = typeof en;
