import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what }: { what: string }) {
  return <div className="state loading" role="status"><span className="spinner" aria-hidden="true" />Loading {what}…</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** The API's own message, with the status it answered. */
export function ErrorMessage({ error, action }: { error: Error; action?: ReactNode }) {
  const status = error instanceof ApiError && error.status > 0 ? `HTTP ${error.status}: ` : '';
  return (
    <div className="state error" role="alert">
      <strong>{status}</strong>{error.message}
      {action && <div className="state-action">{action}</div>}
    </div>
  );
}
