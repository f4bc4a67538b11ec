import { QUESTION_ORDER, QUESTIONS, type QuestionName } from '../rules.ts';

/**
 * Enhances the self-check: one question at a time, with Back and Next, on the same page; a
 * warning sign sends the answers at once, so the urgent answer comes first. Without this script
 * the page works the same as one form. Analytics learn only that a self-check started and which
 * result was shown (a `clinic:analytics` event the first-party tracker listens for), never an
 * answer. Nothing is stored in the browser.
 */
const emit = (name: string) =>
  document.dispatchEvent(new CustomEvent('clinic:analytics', { detail: { name } }));

const shown = document.querySelector<HTMLElement>('[data-result]');
if (shown?.dataset.result) emit(shown.dataset.result);

const form = document.querySelector<HTMLFormElement>('form[data-self-check]');
if (form) enhance(form);

function answered(form: HTMLFormElement, name: QuestionName): boolean {
  return form.querySelector(`input[name="${name}"]:checked`) !== null;
}

function enhance(form: HTMLFormElement): void {
  let started = false;
  form.addEventListener('change', () => {
    if (!started) emit('self_check_start');
    started = true;
  });
  // After a post that came back with questions to answer, every question stays in view.
  if (document.getElementById('error-summary')) return;

  const steps = QUESTION_ORDER.map((name) =>
    form.querySelector<HTMLFieldSetElement>(`fieldset[data-field="${name}"]`),
  );
  const submit = form.querySelector<HTMLButtonElement>('[data-submit]');
  if (steps.some((s) => !s) || !submit) return;
  const fieldsets = steps as HTMLFieldSetElement[];
  const buttons = submit.parentElement as HTMLElement;
  const back = button(form.dataset.back ?? 'Back', 'secondary');
  const next = button(form.dataset.next ?? 'Next', '');
  buttons.prepend(back, next);
  let current = 0;

  const show = (index: number, focus: boolean) => {
    current = index;
    fieldsets.forEach((fieldset, i) => (fieldset.hidden = i !== index));
    back.hidden = index === 0;
    next.hidden = index === fieldsets.length - 1;
    submit.hidden = index !== fieldsets.length - 1;
    if (focus) {
      const legend = fieldsets[index]?.querySelector('legend');
      legend?.setAttribute('tabindex', '-1');
      legend?.focus();
    }
  };
  const warn = (fieldset: HTMLFieldSetElement, on: boolean) => {
    fieldset.classList.toggle('invalid', on);
    fieldset.querySelector('.field-error[data-inline]')?.remove();
    if (!on) return fieldset.removeAttribute('aria-invalid');
    const message = document.createElement('p');
    message.className = 'field-error';
    message.dataset.inline = '';
    message.id = `${fieldset.dataset.field}-error`;
    message.textContent = form.dataset.required ?? '';
    fieldset.querySelector('.choices')?.before(message);
    fieldset.setAttribute('aria-invalid', 'true');
    fieldset.setAttribute('aria-describedby', message.id);
  };

  next.addEventListener('click', () => {
    const name = QUESTION_ORDER[current] as QuestionName;
    const fieldset = fieldsets[current] as HTMLFieldSetElement;
    if (!answered(form, name)) {
      warn(fieldset, true);
      fieldset.querySelector('input')?.focus();
      return;
    }
    warn(fieldset, false);
    // A warning sign overrides everything: the answer to show is "get urgent care now".
    const sign = QUESTIONS['warning-signs'].options.some(
      (o) => o !== 'none' && form.querySelector(`input[name="warning-signs"][value="${o}"]:checked`),
    );
    if (name === 'warning-signs' && sign) return form.requestSubmit();
    show(current + 1, true);
  });
  back.addEventListener('click', () => show(current - 1, true));
  show(0, false);
}

function button(text: string, kind: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = kind ? `button ${kind}` : 'button';
  b.textContent = text;
  return b;
}
