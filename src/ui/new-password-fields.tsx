import { StaffField } from './staff-form.tsx';

/** The labels of the two fields, for a page's error summary. */
export const NEW_PASSWORD_LABELS = { password: 'New password', confirm: 'New password again' } as const;

/**
 * A new password and its confirmation, as first set-up, the invite and the account page ask for
 * them (autocomplete="new-password", so password managers offer to make one).
 */
export function NewPasswordFields({
  errors,
  labels = NEW_PASSWORD_LABELS,
}: {
  errors: { password?: string; confirm?: string };
  labels?: { password: string; confirm: string };
}) {
  return (
    <>
      <StaffField
        name="password"
        label={labels.password}
        type="password"
        autocomplete="new-password"
        error={errors.password}
        required
      />
      <StaffField
        name="confirm"
        label={labels.confirm}
        type="password"
        autocomplete="new-password"
        error={errors.confirm}
        required
      />
    </>
  );
}
