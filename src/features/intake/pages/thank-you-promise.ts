/** What the thank-you page promises; the times come from contact-promise.ts. */
export type ContactMethod = 'phone' | 'text' | 'email';

export type ThankYouPromise = {
  /** "Thursday, November 26, 12:00 PM Pacific Time": inside the chosen window when there is one. */
  by: string;
  /** How the patient asked to be reached; null when the page cannot know (an old link). */
  method: ContactMethod | null;
  /** The part of the day the promise keeps to; null for "any time" or when it cannot. */
  window: 'morning' | 'afternoon' | 'evening' | null;
  /** The part of the day asked for when the clinic is never open then (evening at a clinic closing at 5). */
  askedOutsideHours: 'morning' | 'afternoon' | 'evening' | null;
};
