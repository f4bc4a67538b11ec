import type { TimelineEntry } from '../timeline.ts';
import { CHANNEL_LABEL, OUTCOME_LABEL, STATUS_LABEL } from '../../requests/index.ts';
import { Lines, When } from './parts.tsx';

function What({ entry, timeZone }: { entry: TimelineEntry; timeZone: string }) {
  switch (entry.kind) {
    case 'status':
      return <p>{`Status: ${STATUS_LABEL[entry.from]} → ${STATUS_LABEL[entry.to]}`}</p>;
    case 'call':
      return (
        <p>
          {`${CHANNEL_LABEL[entry.channel]}: ${OUTCOME_LABEL[entry.outcome]}`}
          {entry.followUpAt ? (
            <>
              {'. Follow up '}
              <When at={entry.followUpAt} timeZone={timeZone} />
            </>
          ) : null}
        </p>
      );
    case 'note':
      return (
        <>
          <p>Note:</p>
          {entry.text === null ? (
            <p class="field-error">This note could not be opened: it was altered or damaged.</p>
          ) : (
            <blockquote>
              <p>
                <Lines text={entry.text} />
              </p>
            </blockquote>
          )}
        </>
      );
  }
}

/** A request's history, newest first: who did what, when. */
export function HistoryList({ entries, timeZone }: { entries: TimelineEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p>Nothing yet: no one has worked on this request.</p>;
  return (
    <ol class="history">
      {entries.map((entry) => (
        <li>
          <What entry={entry} timeZone={timeZone} />
          <p class="hint">
            <When at={entry.at} timeZone={timeZone} />
            {` · ${entry.by ?? 'retention purge'}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
