// What the signed-in caller may do (GET /api/v1/whoami), so that pages show no button that would
// answer 403. Until the answer is in, nothing that changes data is offered.
import { createContext, useContext } from 'react';

export type Can = (permission: string) => boolean;

/** The server answers with every permission held, wildcards expanded, so holding is membership. */
export function canFrom(permissions: string[] | undefined): Can {
  const held = new Set(permissions ?? []);
  return (p) => held.has(p);
}

export const PermissionsContext = createContext<Can>(() => false);

export function useCan(): Can {
  return useContext(PermissionsContext);
}
