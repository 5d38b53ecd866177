import { useState } from 'react';
import { createSilence } from '../../api/endpoints';
import type { ActiveAlert } from '../../api/types';
import { ErrorMessage } from '../../components/States';

/** A silence for one alert: its labels as equality matchers (editable), for a few hours. */
export function SilenceForm({ alert, author, onDone }: { alert: ActiveAlert; author: string; onDone: (created: boolean) => void }) {
  const [matchers, setMatchers] = useState(Object.keys(alert.labels).sort()
    .map((k) => `${k}="${alert.labels[k].replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join('\n'));
  const [hours, setHours] = useState('2');
  const [createdBy, setCreatedBy] = useState(author);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();
  return (
    <form className="silence-form" aria-label="New silence" onSubmit={async (e) => {
      e.preventDefault();
      const h = Number(hours);
      if (!(h > 0)) {
        setError(new Error(`duration: '${hours}' is not a positive number of hours`));
        return;
      }
      try {
        await createSilence({
          matchers: matchers.split('\n').map((m) => m.trim()).filter(Boolean),
          endsAt: new Date(Date.now() + h * 3_600_000).toISOString(), createdBy, comment,
        });
        onDone(true);
      } catch (err) {
        setError(err as Error);
      }
    }}>
      <label className="stack"><span>Matchers, one a line</span>
        <textarea aria-label="Matchers" className="mono" rows={4} value={matchers} onChange={(e) => setMatchers(e.target.value)} />
      </label>
      <label><span>For hours</span><input aria-label="Hours" size={4} value={hours} onChange={(e) => setHours(e.target.value)} /></label>
      <label><span>Created by</span><input aria-label="Created by" value={createdBy} onChange={(e) => setCreatedBy(e.target.value)} /></label>
      <label className="grow"><span>Comment</span><input aria-label="Comment" value={comment} onChange={(e) => setComment(e.target.value)} /></label>
      <div className="buttons">
        <button type="submit" className="primary">Create silence</button>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
