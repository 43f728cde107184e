import { createContext, useContext } from 'react';
import type { StudioClient } from './client';

export const ClientContext = createContext<StudioClient | null>(null);

export function useClient(): StudioClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside ClientContext');
  return c;
}
