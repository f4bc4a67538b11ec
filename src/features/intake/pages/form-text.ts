import type { Locale } from '../../../i18n/locales.ts';
import { es } from './form-text-es.ts';

/**
 * Words of the request form and thank-you page, English; Spanish in form-text-es.ts must supply
 * the same keys (the type enforces it). Error messages live in ../rule-messages.ts.
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
  givenName: 'First name',
  familyName: 'Last name',
  contactHint: 'Give us a phone number, an e-mail address, or both.',
  tel: 'Phone number',
  telHint: 'For example, 213 555 0142',
  email: 'E-mail address',
  contactMethod: 'How should we contact you?',
  contactMethods: { phone: 'Phone call', text: 'Text message', email: 'E-mail' },
  bestTime: 'What is the best time to reach you?',
  bestTimes: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening', any: 'Any time' },
  language: 'Which language do you prefer?',
  languages: { en: 'English', es: 'Spanish (español)', other: 'Another language' },
  languageOther: 'If another language, which one?',
  postalCode: 'ZIP code',
  painArea: 'Where is your pain?',
  painAreaHint: 'Choose all that apply.',
  painAreas: {
    neck: 'Neck',
    'mid-back': 'Middle of the back',
    'low-back': 'Lower back',
    legs: 'Legs',
    arms: 'Arms',
  },
  painDuration: 'How long have you had this pain?',
  painDurations: {
    'under-3-months': 'Less than 3 months',
    '3-to-12-months': '3 to 12 months',
    '1-to-5-years': '1 to 5 years',
    'over-5-years': 'More than 5 years',
  },
  painLevel: 'How bad is your pain today?',
  painLevelHint: '0 means no pain. 10 means the worst pain you can imagine.',
  treatments: 'What have you already tried?',
  treatmentsHint: 'Choose all that apply, or none.',
  treatmentOptions: {
    medication: 'Pain medicine',
    'physical-therapy': 'Physical therapy',
    injections: 'Injections',
    surgery: 'Surgery',
    'spinal-cord-stimulator': 'Spinal cord stimulator',
    'pain-pump': 'Pain pump',
  },
  insurance: 'What kind of health insurance do you have?',
  insuranceNone: 'Choose one',
  insurances: {
    medicare: 'Medicare',
    'medi-cal': 'Medi-Cal',
    private: 'Private insurance (through work or your own)',
    'workers-comp': 'Workers’ compensation',
    none: 'No insurance',
    other: 'Other',
    unsure: 'Not sure',
  },
  message: 'Is there anything else you want us to know?',
  messageHint: 'Up to 2,000 characters.',
  heardFrom: 'How did you hear about us?',
  consent: 'I agree that the clinic may contact me about this request, and I have read the privacy notice.',
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
    next: (deadline: string) => `A care coordinator will contact you by ${deadline}, the way you asked.`,
    nextGeneric: 'A care coordinator will contact you within one business day, the way you asked.',
    sooner: 'Want to talk sooner? Call us at',
    another: 'Send a request for someone else',
  },
};

export type FormText = typeof en;

const TEXT: Record<Locale, FormText> = { en, es };

export function formText(locale: Locale): FormText {
  return TEXT[locale];
}
