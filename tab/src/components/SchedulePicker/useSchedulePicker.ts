import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/apiError';
import type { Schedule, ScheduleChoice } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { codeOf, userMessageOf, type UserMessage } from '../../app/errorMessages';
import { browserTimeZone, kindLabel, offeredKinds } from './scheduleText';

/** The state of {@link useSchedulePicker}. */
export interface SchedulePickerState {
  /** What the user is choosing (not saved yet). */
  choice: Required<ScheduleChoice>;
  /** The schedule the server has. */
  saved: Schedule;
  offered: ReturnType<typeof offeredKinds>;
  saving: boolean;
  /** `consent`: saving needs the user's Outlook permission first (Connect Outlook). */
  problem?: { kind: 'consent' | 'error'; message: UserMessage };
  change: (patch: Partial<ScheduleChoice>) => void;
  save: () => void;
  /** Runs the consent popup (from a click), then saves again. */
  connect: () => void;
}

const CONSENT_CODES = new Set(['consent_required', 'reconnect_needed']);

/** The picker's first choice: the saved schedule, with sensible values for the fields it does not use. */
function choiceOf(saved: Schedule): Required<ScheduleChoice> {
  return { kind: saved.kind, everyHours: saved.everyHours ?? 4, dailyAt: saved.dailyAt ?? '07:00', timeZone: saved.timeZone ?? browserTimeZone() };
}

/** Only the fields of the chosen kind go to the API (it refuses the others). */
function requestOf(choice: Required<ScheduleChoice>): ScheduleChoice {
  if (choice.kind === 'everyHours') return { kind: choice.kind, everyHours: choice.everyHours };
  if (choice.kind === 'daily') return { kind: choice.kind, dailyAt: choice.dailyAt, timeZone: choice.timeZone };
  return { kind: choice.kind };
}

/** A 403 `forbidden` with the policy's kinds: say which schedules the admin allows. */
function forbiddenMessage(error: ApiError, allowed: string[]): UserMessage {
  return {
    title: 'Your admin does not allow this schedule.',
    action: `Your admin allows: ${allowed.map(kindLabel).join(', ')}. Choose one of those.`,
    retry: false, correlationId: error.options.correlationId,
  };
}

function allowedOf(error: unknown): string[] | undefined {
  const allowed = error instanceof ApiError && error.code === 'forbidden' ? error.options.details?.allowedSchedules : undefined;
  return Array.isArray(allowed) && allowed.every((kind) => typeof kind === 'string') ? allowed : undefined;
}

/**
 * The user's sync schedule: starts from GET /api/me's schedule and policy, saves with PUT /api/me/schedule,
 * learns the policy from a 403 when the server's /api/me predates it, and asks for consent when turning on needs it.
 */
export function useSchedulePicker(): SchedulePickerState {
  const { api, host, me } = useServices();
  const [saved, setSaved] = useState<Schedule>(me.schedule ?? { kind: 'off' });
  const [choice, setChoice] = useState(() => choiceOf(me.schedule ?? { kind: 'off' }));
  const [allowed, setAllowed] = useState(me.allowedSchedules);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SchedulePickerState['problem']>();
  const latest = useRef(choice);
  latest.current = choice;

  const change = useCallback((patch: Partial<ScheduleChoice>) => setChoice((c) => ({ ...c, ...patch })), []);

  const save = useCallback(() => {
    setSaving(true);
    setProblem(undefined);
    api.saveSchedule(requestOf(latest.current)).then((view) => {
      setSaved(view);
      setChoice(choiceOf({ ...latest.current, ...view }));
    }, (error: unknown) => {
      const policy = allowedOf(error);
      if (policy) setAllowed(policy);
      const kind = CONSENT_CODES.has(codeOf(error)) ? 'consent' : 'error';
      setProblem({ kind, message: policy && error instanceof ApiError ? forbiddenMessage(error, policy) : userMessageOf(error) });
    }).finally(() => setSaving(false));
  }, [api]);

  const connect = useCallback(() => {
    // No await before host.consent(): the popup must open inside the click's task or the browser blocks it.
    host.consent().then(() => save(), (error: unknown) => setProblem({ kind: 'consent', message: userMessageOf(error) }));
  }, [host, save]);

  return { choice, saved, offered: offeredKinds(allowed), saving, problem, change, save, connect };
}
