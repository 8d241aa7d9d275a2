import { Button, Field, Input, Radio, RadioGroup, Select, Text } from '@fluentui/react-components';
import type { ScheduleKind } from '../../api/apiTypes';
import { ErrorNotice } from '../ErrorNotice/ErrorNotice';
import { useSchedulePickerStyles } from './SchedulePicker.styles';
import { EVERY_HOURS, kindLabel, nextRunText, timeZones } from './scheduleText';
import { useSchedulePicker } from './useSchedulePicker';

/** The user's own sync schedule: off, hourly, every N hours, or daily at a time in their time zone. */
export function SchedulePicker() {
  const styles = useSchedulePickerStyles();
  const { choice, saved, offered, saving, problem, change, save, connect } = useSchedulePicker();
  return (
    <section className={styles.root} aria-labelledby="schedule-heading">
      <Text as="h2" id="schedule-heading" weight="semibold" size={400}>Scheduled sync</Text>
      <Field label="How often Outlook Sync runs on its own">
        <RadioGroup value={choice.kind} onChange={(_e, data) => change({ kind: data.value as ScheduleKind })}>
          {offered.map((kind) => <Radio key={kind} value={kind} label={kindLabel(kind)} />)}
        </RadioGroup>
      </Field>
      {choice.kind === 'everyHours' && (
        <Field label="Hours between syncs">
          <Select value={String(choice.everyHours)} onChange={(_e, data) => change({ everyHours: Number(data.value) })}>
            {EVERY_HOURS.map((hours) => <option key={hours} value={hours}>{hours}</option>)}
          </Select>
        </Field>
      )}
      {choice.kind === 'daily' && (
        <div className={styles.details}>
          <Field label="Time of day">
            <Input type="time" value={choice.dailyAt} onChange={(_e, data) => change({ dailyAt: data.value })} />
          </Field>
          <Field label="Time zone">
            <Select value={choice.timeZone} onChange={(_e, data) => change({ timeZone: data.value })}>
              {timeZones(choice.timeZone).map((zone) => <option key={zone} value={zone}>{zone}</option>)}
            </Select>
          </Field>
        </div>
      )}
      <div className={styles.actions}>
        {problem?.kind === 'consent'
          ? <Button appearance="primary" onClick={connect}>Connect Outlook</Button>
          : <Button onClick={save} disabled={saving || (choice.kind === 'daily' && !choice.dailyAt)}>Save schedule</Button>}
        <Text className={styles.next}>{nextRunText(saved)}</Text>
      </div>
      {problem && <ErrorNotice intent={problem.kind === 'consent' ? 'warning' : 'error'} message={problem.message} />}
    </section>
  );
}
