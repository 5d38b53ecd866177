import type { Labels } from '../../api/types';

export function LabelChips({ labels }: { labels: Labels }) {
  return (
    <span className="labels">
      {Object.keys(labels).sort().map((k) => <span key={k} className="chip label">{k}={labels[k]}</span>)}
    </span>
  );
}
