import type { AttrValue, Attributes } from '../api/types';

export function attrText(v: AttrValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Attributes as a key/value table, keys sorted; typed values as JSON. */
export function AttributeTable({ attributes, dropped = 0, label }: { attributes: Attributes; dropped?: number; label: string }) {
  const keys = Object.keys(attributes).sort();
  if (keys.length === 0 && dropped === 0) return <p className="muted small">No {label.toLowerCase()}.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className={typeof attributes[k] === 'string' ? '' : 'typed'}>{attrText(attributes[k])}</td>
          </tr>
        ))}
        {dropped > 0 && <tr><th scope="row" className="muted">dropped</th><td>{dropped}</td></tr>}
      </tbody>
    </table>
  );
}
