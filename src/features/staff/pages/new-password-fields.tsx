import { StaffField } from '../../../ui/staff-form.tsx';

/** The labels of the two fields, for a page's error summary. */
export const NEW_PASSWORD_LABELS = { password: 'New password', confirm: 'New password again' } as const;

/**
 * A new password and its confirmation, as the invite and the account page ask for them
 * (autocomplete="new-password", so password managers offer to make one).
 */
export function NewPasswordFields({ errors }: { errors: { password?: string; confirm?: string } }) {
  return (
    <>
      <StaffField
        name="password"
        label={NEW_PASSWORD_LABELS.password}
        type="password"
        autocomplete="new-password"
        error={errors.password}
        required
      />
      <StaffField
        name="confirm"
        label={NEW_PASSWORD_LABELS.confirm}
        type="password"
        autocomplete="new-password"
        error={errors.confirm}
        required
      />
    </>
  );
}
