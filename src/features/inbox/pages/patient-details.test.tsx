import { describe, expect, it } from 'vitest';
import { buildRequestFields, newMarker } from '../../../../tests/setup/patient.ts';
import { PatientDetails } from './patient-details.tsx';

const text = async (element: { toString(): string | Promise<string> }) =>
  (await element.toString()).replace(/<[^>]+>/g, '|');

describe('the patient details staff see', () => {
  it('show the self-check answers the patient chose to send, in words', async () => {
    const fields = buildRequestFields(newMarker(), { selfCheck: ['result-worth-asking', 'pain-into-limb'] });
    const shown = await text(<PatientDetails fields={fields} />);
    expect(shown).toContain(
      '|Self-check||Self-check result: this may be worth asking about, The pain goes into an arm or a leg|',
    );
  });

  it('say "Not included" when there were none (and for requests sealed before the self-check existed)', async () => {
    const shown = await text(<PatientDetails fields={buildRequestFields(newMarker())} />);
    expect(shown).toContain('|Self-check||Not included|');
  });
});
