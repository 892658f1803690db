// Guarded transitions for the REMS state machines (DESIGN.md convention 8; rems.md "state
// machines, not free strings"). A machine is data: for every status, the events it accepts and
// where each leads. The table is a Record over the status union, so a status left out does not
// compile; a pair the table does not hold is illegal and says which events would have been.

export interface Machine<S extends string, E extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly transitions: { readonly [K in S]: Readonly<Partial<Record<E, S>>> };
}

export type TransitionResult<S extends string, E extends string> =
  { kind: 'ok'; from: S; event: E; to: S } | { kind: 'illegal'; from: S; event: E; allowed: E[] };

/** Where `event` leads from `from`, if anywhere (the table read as plain string keys). */
function target<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S,
  event: E,
): S | undefined {
  const table: Readonly<Record<string, Readonly<Partial<Record<string, S>>> | undefined>> =
    machine.transitions;
  return table[from]?.[event];
}

/** The events `from` accepts, in the machine's event order. */
export function allowedEvents<S extends string, E extends string>(machine: Machine<S, E>, from: S): E[] {
  return machine.events.filter((e) => target(machine, from, e) !== undefined);
}

export function transition<S extends string, E extends string>(
  machine: Machine<S, E>,
  from: S,
  event: E,
): TransitionResult<S, E> {
  const to = target(machine, from, event);
  return to === undefined
    ? { kind: 'illegal', from, event, allowed: allowedEvents(machine, from) }
    : { kind: 'ok', from, event, to };
}

/** A status nothing leads out of (revoked, completed, ...). */
export function isTerminal<S extends string, E extends string>(machine: Machine<S, E>, state: S): boolean {
  return allowedEvents(machine, state).length === 0;
}

/** A stored string read back as a status of this machine; null when it is none of them. */
export function parseState<S extends string, E extends string>(
  machine: Machine<S, E>,
  value: string,
): S | null {
  return machine.states.find((s) => s === value) ?? null;
}
