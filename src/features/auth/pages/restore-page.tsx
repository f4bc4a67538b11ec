import { CsrfField, StaffLayout } from '../../../ui/staff-layout.tsx';
import type { Site } from '../../../ui/site.ts';
import type { StaffSession } from '../context.ts';
import { describeDraftAction } from '../draft-action.ts';
import type { Draft } from '../drafts.ts';

type Props = { site: Site; staff: StaffSession; csrf: string; draft: Draft };

/** "note-text" → "Note text": the only label a kept form's field can get. */
const labelOf = (name: string) => {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The form a member sent after their session ended, back for them to check and send again to
 * where it was going, with a fresh CSRF token. What it will do is said in words, with its
 * address, and every field is shown and editable: nothing is sent without the member seeing it.
 */
export function RestorePage({ site, staff, csrf, draft }: Props) {
  return (
    <StaffLayout site={site} staff={staff} csrf={csrf} title="Send your form again">
      <h1>Send your form again</h1>
      <p>
        Your session ended before this form was sent, so it was kept (sealed) for you. Check it, then send it.
        It is kept for an hour.
      </p>
      <div class="notice" role="note">
        <p>
          <strong>What sending it does:</strong> {describeDraftAction(draft.path)}
        </p>
        <p>
          It goes to <code>{draft.path}</code>. If you did not fill in this form, do not send it.
        </p>
      </div>
      <form method="post" action={draft.path}>
        <CsrfField value={csrf} />
        {draft.fields.map(([name, value], index) => {
          const id = `field-${index}`;
          const long = value.length > 80 || value.includes('\n');
          return (
            <div class="field">
              <label for={id}>{labelOf(name)}</label>
              {long ? (
                <textarea id={id} name={name} rows={6}>
                  {value}
                </textarea>
              ) : (
                <input id={id} name={name} type="text" value={value} />
              )}
            </div>
          );
        })}
        <p>
          <button class="button" type="submit">
            Send
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
