import type { EntryFacts } from './common';

/** A period during which an agency actively works with a child. */
export interface InvolvementOpened {
  readonly type: 'InvolvementOpened';
  readonly schemaVersion: 1;
  readonly data: EntryFacts & { readonly child: string; readonly lead: boolean };
}

export interface InvolvementClosed {
  readonly type: 'InvolvementClosed';
  readonly schemaVersion: 1;
  readonly data: EntryFacts & { readonly child: string; readonly reason?: string };
}

export type InvolvementEvent = InvolvementOpened | InvolvementClosed;
