import { createContext, useCallback, useContext } from 'react';

/** Agency names for display; ids where the API gave no name (outside the demo sign-in). */
export const AgencyNames = createContext<ReadonlyMap<string, string>>(new Map());

/** Stable while the names are: screens memoise on it, and a new function would redraw every lane. */
export function useAgencyName(): (id: string) => string {
  const names = useContext(AgencyNames);
  return useCallback((id: string) => names.get(id) ?? id, [names]);
}
