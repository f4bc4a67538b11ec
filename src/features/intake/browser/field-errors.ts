import { controlId, type FieldName } from '../../requests/fields.ts';

/**
 * Writes errors into the page in the same markup the server renders (pages/form-fields.tsx):
 * the message just before the field's control, aria-invalid and aria-describedby on the control
 * (or on the fieldset of a group), and the summary at the top of the form.
 */
export type SummaryText = { title: string; errorPrefix: string; titlePrefix: string };

export function setFieldError(
  form: HTMLFormElement,
  name: FieldName,
  message: string | null,
  prefix: string,
): void {
  const field = form.querySelector<HTMLElement>(`.field[data-field="${name}"]`);
  const control = field?.tagName === 'FIELDSET' ? field : field?.querySelector<HTMLElement>(`#${name}`);
  if (!field || !control) return;
  const id = `${name}-error`;
  let paragraph = document.getElementById(id);
  if (message) {
    if (!paragraph) {
      paragraph = document.createElement('p');
      paragraph.className = 'field-error';
      paragraph.id = id;
      field.insertBefore(paragraph, field.lastElementChild);
    }
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `${prefix} `;
    paragraph.replaceChildren(hidden, message);
    control.setAttribute('aria-invalid', 'true');
  } else {
    paragraph?.remove();
    control.removeAttribute('aria-invalid');
  }
  field.classList.toggle('invalid', message !== null);
  const describedBy = [document.getElementById(`${name}-hint`) ? `${name}-hint` : '', message ? id : '']
    .filter(Boolean)
    .join(' ');
  if (describedBy) control.setAttribute('aria-describedby', describedBy);
  else control.removeAttribute('aria-describedby');
}

/** Replaces the error summary (or removes it when `items` is empty) and returns it. */
export function showSummary(
  form: HTMLFormElement,
  items: { field: FieldName; message: string }[],
  text: SummaryText,
): HTMLElement | null {
  document.getElementById('error-summary')?.remove();
  const base = document.title.startsWith(text.titlePrefix)
    ? document.title.slice(text.titlePrefix.length)
    : document.title;
  document.title = items.length > 0 ? `${text.titlePrefix}${base}` : base;
  if (items.length === 0) return null;
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.id = 'error-summary';
  summary.tabIndex = -1;
  summary.setAttribute('role', 'alert');
  summary.setAttribute('aria-labelledby', 'error-summary-title');
  const heading = document.createElement('h2');
  heading.id = 'error-summary-title';
  heading.textContent = text.title;
  const list = document.createElement('ul');
  for (const { field, message } of items) {
    const link = document.createElement('a');
    link.href = `#${controlId(field)}`;
    link.dataset.for = field;
    link.textContent = message;
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  summary.append(heading, list);
  form.prepend(summary);
  return summary;
}
