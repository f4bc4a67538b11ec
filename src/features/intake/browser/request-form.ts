import { litePhoneCheck } from '../phone-lite.ts';
import {
  FIELD_ORDER,
  HIDDEN_FIELDS,
  ruleMessage,
  type FieldName,
  type RuleError,
} from '../../requests/fields.ts';
import { errorsInOrder, readForm, validateRequest, type FieldErrors } from '../rules.ts';
import { emitAnalytics } from './analytics.ts';
import { setFieldError, showSummary } from './field-errors.ts';
import { powFieldValue, solvePow, type PowChallenge } from './pow-solver.ts';

/**
 * Enhances the request form: the server's messages, inline and in the summary, from the same
 * rules module; the proof of work when the page carries a challenge; and the analytics moments.
 * Without this script the form works the same, checked by the server. Nothing is stored in the
 * browser: no cookies, no localStorage, no sessionStorage.
 */
const locale = document.documentElement.lang === 'es' ? 'es' : 'en';
if (document.querySelector('[data-form-submitted]')) emitAnalytics('form_submitted');
const form = document.querySelector<HTMLFormElement>('form[data-request-form]');
if (form) enhance(form);

/** Errors that say something is missing wait for a first "Send"; format errors show on leaving a field. */
const isMissing = (error: RuleError) => /\.(required|missing|needed)$/.test(error.key);

function enhance(form: HTMLFormElement): void {
  const data = form.dataset;
  const text = {
    title: data.summaryTitle ?? '',
    errorPrefix: data.errorPrefix ?? '',
    titlePrefix: data.errorTitlePrefix ?? '',
  };
  const status = document.getElementById('form-status');
  const powInput = form.elements.namedItem(HIDDEN_FIELDS.pow) as HTMLInputElement | null;
  let attempted = document.getElementById('error-summary') !== null;
  let started = false;
  let solving: Promise<void> | undefined;

  const check = (): FieldErrors => {
    const result = validateRequest(readForm(new FormData(form)), litePhoneCheck);
    return result.ok ? {} : result.errors;
  };
  const show = (name: FieldName, error: RuleError | undefined) =>
    setFieldError(form, name, error ? ruleMessage(locale, error) : null, text.errorPrefix);
  const isField = (name: string): name is FieldName => (FIELD_ORDER as readonly string[]).includes(name);
  const shown = () =>
    FIELD_ORDER.filter((name) => form.querySelector(`.field[data-field="${name}"].invalid`));

  // The proof of work starts with the first interaction, so it is usually done before "Send".
  const solve = () => {
    const challenge = data.challenge;
    if (!challenge || !powInput || powInput.value || solving) return solving;
    solving = (async () => {
      try {
        const parsed = JSON.parse(challenge) as PowChallenge;
        const solution = await solvePow(parsed);
        if (solution) powInput.value = powFieldValue(parsed, solution);
      } catch {
        // No crypto.subtle (an old browser or a page not on https): the server explains what to do.
      }
    })();
    return solving;
  };

  const serverErrors = [...form.querySelectorAll<HTMLElement>('#error-summary a[data-for]')].map(
    (a) => a.dataset.for ?? '',
  );
  if (serverErrors.length > 0) emitAnalytics('form_error', serverErrors);

  const onEdit = () => {
    if (!started) {
      started = true;
      emitAnalytics('form_start');
      void solve();
    }
    // Clear (or update) messages already showing as the person fixes them.
    const errors = check();
    for (const name of shown()) show(name, errors[name]);
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  // A message that appears when a field loses focus makes the page taller above whatever took
  // the focus. When the patient pressed something (a radio option below), the page scrolls by
  // the same amount, so what they are pressing stays under their finger and the press lands.
  let pressed: Element | null = null;
  form.addEventListener('pointerdown', (event) => (pressed = event.target as Element), true);
  document.addEventListener('click', () => (pressed = null), true);
  form.addEventListener('focusout', (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (!isField(name)) return;
    const error = check()[name];
    const anchor = pressed ?? (event.relatedTarget as Element | null);
    keepInPlace(anchor, () => show(name, error && (attempted || !isMissing(error)) ? error : undefined));
  });

  form.addEventListener('submit', (event) => {
    attempted = true;
    const errors = errorsInOrder(check());
    if (errors.length > 0) {
      event.preventDefault();
      const byField = Object.fromEntries(errors.map((e) => [e.field, e.error]));
      for (const name of FIELD_ORDER) show(name, byField[name]);
      const items = errors.map(({ field, error }) => ({ field, message: ruleMessage(locale, error) }));
      showSummary(form, items, text)?.focus();
      emitAnalytics(
        'form_error',
        errors.map((e) => e.field),
      );
      return;
    }
    const pending = solve();
    if (!pending || powInput?.value) return;
    event.preventDefault();
    if (status) status.textContent = data.checking ?? '';
    void pending.then(() => {
      if (status) status.textContent = '';
      form.submit();
    });
  });
}

/** Runs `change`, then scrolls so `anchor` is where it was on the screen (when the page can scroll). */
function keepInPlace(anchor: Element | null, change: () => void): void {
  const before = anchor?.getBoundingClientRect().top;
  change();
  if (!anchor || before === undefined) return;
  const moved = anchor.getBoundingClientRect().top - before;
  if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: 'instant' });
}
