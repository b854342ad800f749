import { createContext, useContext } from 'react';

/** Agency names for display; ids where the API gave no name (outside the demo sign-in). */
export const AgencyNames = createContext<ReadonlyMap<string, string>>(new Map());

export function useAgencyName(): (id: string) => string {
  const names = useContext(AgencyNames);
  return (id) => names.get(id) ?? id;
}
